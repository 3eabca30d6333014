using System.Text.Json;
using Hub.Gateway.Errors;
using Hub.Gateway.Providers.Translation;

namespace Hub.Gateway.Providers.Anthropic;

/// <summary>
/// User content that is not text: images (a data URL → <c>source.base64</c>, an https URL →
/// <c>source.url</c>) and PDF files (→ a <c>document</c> block). What Anthropic cannot read is a 400
/// naming the part. Static and side-effect free.
/// </summary>
internal static class AnthropicContentMapper
{
    public static HubError? WriteImage(AnthropicTurnWriter turns, string url, string param)
    {
        if (DataUrl.IsDataUrl(url))
        {
            if (DataUrl.TryParse(url) is not { } data)
            {
                return HubError.InvalidRequest("Invalid image data URL: expected data:<media type>;base64,<data>.", param, "invalid_value");
            }

            if (data.MediaType is not ("image/jpeg" or "image/png" or "image/gif" or "image/webp"))
            {
                return HubError.InvalidRequest("Unsupported image type: this provider accepts image/jpeg, image/png, image/gif and image/webp.", param, "invalid_value");
            }

            WriteSourceBlock(turns.Block(ChatRole.User), "image"u8, "base64"u8, data.MediaType, data.Base64);
            return null;
        }

        if (!url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return HubError.InvalidRequest("Images must be given as a data URL (data:image/png;base64,...) or an https URL.", param, "invalid_value");
        }

        WriteSourceBlock(turns.Block(ChatRole.User), "image"u8, "url"u8, null, url);
        return null;
    }

    public static HubError? WriteDocument(AnthropicTurnWriter turns, ContentPart part, string param)
    {
        if (part.Url is null)
        {
            return HubError.InvalidRequest("Files uploaded to OpenAI cannot be read by this provider; send the file inline as 'file_data'.", param + ".file_id", "unsupported_parameter");
        }

        if (DataUrl.TryParse(part.Url) is not { } data)
        {
            return HubError.InvalidRequest("Invalid file data: expected a data URL (data:application/pdf;base64,...).", param + ".file_data", "invalid_value");
        }

        if (data.MediaType != "application/pdf")
        {
            return HubError.InvalidRequest("This provider reads PDF files only (application/pdf).", param + ".file_data", "unsupported_parameter");
        }

        WriteSourceBlock(turns.Block(ChatRole.User), "document"u8, "base64"u8, data.MediaType, data.Base64);
        return null;
    }

    private static void WriteSourceBlock(Utf8JsonWriter writer, ReadOnlySpan<byte> type, ReadOnlySpan<byte> sourceType, string? mediaType, string data)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, type);
        writer.WriteStartObject("source"u8);
        writer.WriteString("type"u8, sourceType);
        if (mediaType is null)
        {
            writer.WriteString("url"u8, data);
        }
        else
        {
            writer.WriteString("media_type"u8, mediaType);
            writer.WriteString("data"u8, data);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
