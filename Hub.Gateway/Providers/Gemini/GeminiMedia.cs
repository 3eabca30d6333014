using Hub.Gateway.Errors;
using Hub.Gateway.Providers.Translation;

namespace Hub.Gateway.Providers.Gemini;

/// <summary>
/// Images, files and audio as Gemini parts: a base64 data URL becomes <c>inlineData</c>; an https
/// image URL becomes <c>fileData</c>, which needs a <c>mimeType</c>, so it is guessed from the URL's
/// extension (Gemini reads PNG, JPEG, WebP, HEIC and HEIF) and refused when there is none to guess from.
/// </summary>
internal static class GeminiMedia
{
    public static GeminiRequestPart Image(string url, string param)
    {
        if (DataUrl.IsDataUrl(url))
        {
            var data = DataUrl.TryParse(url) ?? throw Invalid(param, $"'{param}' is not a valid base64 data URL (data:<media type>;base64,<data>).");
            return new GeminiRequestPart(GeminiPartKind.InlineData, data.Base64, data.MediaType);
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            throw Invalid(param, $"'{param}' must be an https URL or a base64 data URL.");
        }

        var mimeType = ImageTypeOf(uri.AbsolutePath)
            ?? throw Invalid(param, $"The image type of '{param}' cannot be told from its URL (.png, .jpg, .jpeg, .webp, .heic, .heif); send the image as a base64 data URL instead.");
        return new GeminiRequestPart(GeminiPartKind.FileData, url, mimeType);
    }

    /// <summary>A <c>file</c> part with inline <c>file_data</c> (a PDF, say); a <c>file_id</c> names an OpenAI upload Gemini cannot read.</summary>
    public static GeminiRequestPart File(ContentPart part, string param)
    {
        if (part.Url is null)
        {
            throw new InvalidRequestException(HubError.InvalidRequest(
                $"'{param}.file_id' refers to an OpenAI file, which Gemini cannot read; send the file as 'file_data' (a base64 data URL).", param + ".file_id", "unsupported_parameter"));
        }

        var data = DataUrl.TryParse(part.Url) ?? throw Invalid(param + ".file_data", $"'{param}.file_data' is not a valid base64 data URL (data:<media type>;base64,<data>).");
        return new GeminiRequestPart(GeminiPartKind.InlineData, data.Base64, data.MediaType);
    }

    public static GeminiRequestPart Audio(ContentPart part, string param)
    {
        var mimeType = part.Detail switch
        {
            "wav" => "audio/wav",
            "mp3" => "audio/mp3",
            _ => throw Invalid(param + ".format", $"'{param}.format' must be 'wav' or 'mp3'."),
        };
        if (string.IsNullOrEmpty(part.Url) || !System.Buffers.Text.Base64.IsValid(part.Url))
        {
            throw Invalid(param + ".data", $"'{param}.data' is not valid base64.");
        }

        return new GeminiRequestPart(GeminiPartKind.InlineData, part.Url, mimeType);
    }

    /// <summary>The image types Gemini accepts, by extension; null when the path has none of them.</summary>
    internal static string? ImageTypeOf(string path)
    {
        var dot = path.LastIndexOf('.');
        var extension = dot < 0 || dot < path.LastIndexOf('/') ? "" : path[(dot + 1)..].ToLowerInvariant();
        return extension switch
        {
            "png" => "image/png",
            "jpg" or "jpeg" => "image/jpeg",
            "webp" => "image/webp",
            "heic" => "image/heic",
            "heif" => "image/heif",
            _ => null,
        };
    }

    private static InvalidRequestException Invalid(string param, string message) => GeminiContentMapper.Invalid(param, message);
}
