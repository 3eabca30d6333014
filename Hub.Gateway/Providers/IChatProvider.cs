using Hub.Gateway.Errors;

namespace Hub.Gateway.Providers;

/// <summary>
/// One upstream wire protocol. A provider translates and makes one call; it knows nothing of keys,
/// policy, budgets or routing, and never logs content.
/// </summary>
internal interface IChatProvider
{
    /// <summary>The configured name, the part before the slash in <c>provider/model</c>.</summary>
    string Name { get; }

    /// <summary>Model ids this provider lists and accepts; empty means any.</summary>
    IReadOnlyList<string> Models { get; }

    /// <summary>Sends a chat completion request whose body is already in OpenAI's format with the upstream model id.</summary>
    Task<ProviderOutcome> SendAsync(ProviderRequest request, CancellationToken cancellationToken);
}

/// <param name="Body">The request JSON, byte for byte what the upstream receives.</param>
/// <param name="Stream">Whether the client asked for SSE.</param>
internal sealed record ProviderRequest(ReadOnlyMemory<byte> Body, bool Stream);

/// <summary>Either a response to relay, or an error to render. <see cref="MayFallback"/>: another provider may be tried.</summary>
internal readonly record struct ProviderOutcome(ProviderResponse? Response, HubError? Error, bool MayFallback = false)
{
    public static ProviderOutcome Success(ProviderResponse response) => new(response, null);

    public static ProviderOutcome Failure(HubError error, bool mayFallback) => new(null, error, mayFallback);
}

/// <summary>
/// An upstream answer whose body has not been read yet: the relay streams it to the client as it
/// arrives. Disposing it releases the upstream connection, which is how a client disconnect
/// cancels the upstream call.
/// </summary>
internal sealed class ProviderResponse(int statusCode, string? contentType, long? contentLength, Stream body, IDisposable? owner = null) : IAsyncDisposable
{
    public int StatusCode { get; } = statusCode;

    public string? ContentType { get; } = contentType;

    public long? ContentLength { get; } = contentLength;

    public Stream Body { get; } = body;

    public async ValueTask DisposeAsync()
    {
        await Body.DisposeAsync();
        owner?.Dispose();
    }
}
