namespace Hub.Gateway.Providers.Upstream;

/// <summary>Reads a whole upstream body that has a size bound: error bodies, and JSON answers a provider translates.</summary>
internal static class BoundedContent
{
    /// <summary>Error bodies are small; more than this is not an error description.</summary>
    public const int MaxErrorBytes = 64 * 1024;

    /// <summary>A non-streamed answer to translate; base64 images in answers make it large at times.</summary>
    public const int MaxAnswerBytes = 64 * 1024 * 1024;

    /// <summary>The body, or null once it exceeds <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > maxBytes)
        {
            return null;
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
