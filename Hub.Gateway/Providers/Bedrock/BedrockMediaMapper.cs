using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using Hub.Gateway.Errors;
using Hub.Gateway.Providers.Translation;

namespace Hub.Gateway.Providers.Bedrock;

/// <summary>
/// Images and files → Converse <c>image</c> and <c>document</c> blocks. Bedrock takes the bytes inline
/// (base64 in JSON) or from S3, never from a web URL, so both must be data URLs; fetching remote images is
/// another issue's work, so an https URL is a 400 asking for a data URL.
/// </summary>
internal static class BedrockMediaMapper
{
    private static readonly FrozenSet<string> ImageFormats = FrozenSet.Create(StringComparer.Ordinal, "png", "jpeg", "gif", "webp");

    private static readonly FrozenDictionary<string, string> DocumentFormats = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["application/pdf"] = "pdf",
        ["text/csv"] = "csv",
        ["application/msword"] = "doc",
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"] = "docx",
        ["application/vnd.ms-excel"] = "xls",
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = "xlsx",
        ["text/html"] = "html",
        ["text/plain"] = "txt",
        ["text/markdown"] = "md",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary><c>{"image":{"format":"png","source":{"bytes":"&lt;base64&gt;"}}}</c>: the format is the media subtype (Portkey).</summary>
    public static void WriteImage(Utf8JsonWriter writer, ContentPart part, string path)
    {
        var url = part.Url!;
        if (!DataUrl.IsDataUrl(url))
        {
            throw new InvalidRequestException(HubError.InvalidRequest(
                $"Bedrock takes images as base64 data URLs (data:image/png;base64,…); send '{path}' as one. Remote image URLs are not fetched.", path, "invalid_value"));
        }

        var data = DataUrl.TryParse(url) ?? throw new InvalidRequestException(HubError.InvalidRequest($"Invalid '{path}': not a valid base64 data URL.", path, "invalid_value"));
        var format = data.SubType == "jpg" ? "jpeg" : data.SubType;
        if (!data.MediaType.StartsWith("image/", StringComparison.Ordinal) || !ImageFormats.Contains(format))
        {
            throw new InvalidRequestException(HubError.InvalidRequest(
                $"Invalid '{path}': Bedrock takes PNG, JPEG, GIF and WebP images, not '{data.MediaType}'.", path, "invalid_value"));
        }

        writer.WriteStartObject();
        writer.WriteStartObject("image"u8);
        writer.WriteString("format"u8, format);
        WriteBytes(writer, data.Base64);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary><c>{"document":{"format":"pdf","name":"…","source":{"bytes":"…"}}}</c> for a file part with inline <c>file_data</c>.</summary>
    public static void WriteDocument(Utf8JsonWriter writer, ContentPart part, string path, int index)
    {
        if (part.Url is null)
        {
            throw BedrockRequestMapper.Unsupported(path, "Bedrock cannot read OpenAI file ids; send the file inline as 'file_data' (a base64 data URL).");
        }

        var data = DataUrl.TryParse(part.Url)
            ?? throw new InvalidRequestException(HubError.InvalidRequest($"Invalid '{path}.file_data': not a valid base64 data URL.", path + ".file_data", "invalid_value"));
        if (!DocumentFormats.TryGetValue(data.MediaType, out var format))
        {
            throw new InvalidRequestException(HubError.InvalidRequest(
                $"Invalid '{path}.file_data': Bedrock takes PDF, CSV, DOC(X), XLS(X), HTML, TXT and Markdown documents, not '{data.MediaType}'.", path + ".file_data", "invalid_value"));
        }

        writer.WriteStartObject();
        writer.WriteStartObject("document"u8);
        writer.WriteString("format"u8, format);
        writer.WriteString("name"u8, DocumentName(part.FileName, index));
        WriteBytes(writer, data.Base64);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>
    /// Bedrock allows only letters, digits, single spaces, hyphens, parentheses and square brackets in a
    /// document name: the file name without its extension, other characters as hyphens.
    /// </summary>
    internal static string DocumentName(string? fileName, int index)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName ?? "");
        var name = new StringBuilder(stem.Length);
        foreach (var c in stem)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '(' or ')' or '[' or ']')
            {
                name.Append(c);
            }
            else if (c == ' ' && name.Length > 0 && name[^1] != ' ')
            {
                name.Append(' ');
            }
            else if (c != ' ')
            {
                name.Append('-');
            }
        }

        var result = name.ToString().Trim();
        return result.Length == 0 ? $"document-{index + 1}" : result[..Math.Min(result.Length, 200)];
    }

    private static void WriteBytes(Utf8JsonWriter writer, string base64)
    {
        writer.WriteStartObject("source"u8);
        writer.WriteString("bytes"u8, base64);
        writer.WriteEndObject();
    }
}
