namespace Hub.Gateway.Providers.Translation;

/// <summary>
/// A <c>data:&lt;mime&gt;;base64,&lt;data&gt;</c> URL, as OpenAI accepts for images and files. Providers
/// that take inline bytes (Anthropic <c>source.base64</c>, Gemini <c>inlineData</c>, Bedrock
/// <c>bytes</c>) need the media type and the base64 apart; broken base64 is the client's error (400).
/// </summary>
/// <param name="MediaType">Lower-cased, e.g. <c>image/png</c>.</param>
/// <param name="Base64">The data, still base64 (providers want it that way), validated.</param>
internal sealed record DataUrl(string MediaType, string Base64)
{
    /// <summary>The subtype: <c>png</c> for <c>image/png</c> (Bedrock's image <c>format</c>).</summary>
    public string SubType => MediaType[(MediaType.IndexOf('/', StringComparison.Ordinal) + 1)..];

    public static bool IsDataUrl(string url) => url.StartsWith("data:", StringComparison.OrdinalIgnoreCase);

    /// <summary>The parts of a base64 data URL, or null when <paramref name="url"/> is not one or its base64 is broken.</summary>
    public static DataUrl? TryParse(string url)
    {
        if (!IsDataUrl(url))
        {
            return null;
        }

        var comma = url.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            return null;
        }

        var header = url.AsSpan(5, comma - 5);
        if (!header.EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var mediaType = header[..^";base64".Length];
        var parameters = mediaType.IndexOf(';');
        if (parameters >= 0)
        {
            mediaType = mediaType[..parameters];
        }

        var data = url[(comma + 1)..];
        if (mediaType.IndexOf('/') <= 0 || data.Length == 0 || !System.Buffers.Text.Base64.IsValid(data))
        {
            return null;
        }

        return new DataUrl(mediaType.ToString().ToLowerInvariant(), data);
    }
}
