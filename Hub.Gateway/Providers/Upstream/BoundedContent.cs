using Hub.Gateway.Errors;

namespace Hub.Gateway.Providers.Upstream;

/// <summary>Reads a whole upstream body that has a size bound: error bodies, and JSON answers a provider translates or mends.</summary>
internal static class BoundedContent
{
    /// <summary>Error bodies are small; more than this is not an error description.</summary>
    public const int MaxErrorBytes = 64 * 1024;

    /// <summary>A non-streamed answer to translate; base64 images in answers make it large at times.</summary>
    public const int MaxAnswerBytes = 64 * 1024 * 1024;

    /// <summary>
    /// The body, or null when it exceeds <paramref name="maxBytes"/> or the connection broke while it
    /// was read: for an error body both mean there is nothing to quote.
    /// </summary>
    public static async Task<byte[]?> ReadAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadOrThrowAsync(content, maxBytes, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            // The upstream failed mid-body; the caller reports the failure it already knows (the status).
            return null;
        }
    }

    /// <summary>
    /// A 200's whole answer, or the failure to report instead: the connection broke while it was read
    /// (nothing has reached the client, so another provider may answer), or it is larger than
    /// <see cref="MaxAnswerBytes"/> (not an answer Hub can read).
    /// </summary>
    public static async Task<(byte[]? Answer, ProviderOutcome Failure)> ReadAnswerAsync(HttpContent content, string provider, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadOrThrowAsync(content, MaxAnswerBytes, cancellationToken) is { } answer
                ? (answer, default)
                : (null, ProviderOutcome.Failure(HubError.UpstreamInvalidResponse(provider), mayFallback: true));
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            return (null, ProviderOutcome.Failure(HubError.UpstreamUnavailable(provider), mayFallback: true));
        }
    }

    private static async Task<byte[]?> ReadOrThrowAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
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
