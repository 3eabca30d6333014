using Hub.Gateway.Errors;
using Hub.Gateway.Streaming;

namespace Hub.Gateway.Providers;

/// <summary>
/// One upstream, speaking one wire protocol. A provider translates and makes one call; it knows
/// nothing of keys' owners, policy, budgets or routing, and never logs content.
/// </summary>
internal interface IChatProvider
{
    /// <summary>The provider id, the part before the slash in <c>provider/model</c> (<c>openai</c>, <c>anthropic</c>, …).</summary>
    string Name { get; }

    /// <summary>Model ids this provider is configured to list and accept; empty means any.</summary>
    IReadOnlyList<string> Models { get; }

    /// <summary>
    /// Whether the upstream routes to further providers itself (OpenRouter): the router then hands it
    /// <see cref="ProviderRequest.Downstream"/> so its own fallback stays inside Hub's restrictions.
    /// </summary>
    bool RoutesDownstream => false;

    /// <summary>The field Hub adds when it must limit the output of a request that set no limit (<c>max_tokens</c>, or OpenAI's <c>max_completion_tokens</c>).</summary>
    string OutputLimitField => "max_tokens";

    /// <summary>
    /// Sends a chat completion request given in OpenAI's format. The answer comes back in OpenAI's
    /// format too (JSON, or SSE chunks ending in <c>data: [DONE]</c>), whatever the upstream speaks.
    /// </summary>
    Task<ProviderOutcome> SendAsync(ProviderRequest request, CancellationToken cancellationToken);
}

/// <param name="Body">
/// The OpenAI chat completion request JSON: <c>model</c> already the upstream's id, redactions
/// applied, Hub's own fields (such as <c>provider</c>) removed. OpenAI-compatible upstreams receive
/// these bytes; the others translate them.
/// </param>
/// <param name="Stream">Whether the client asked for SSE.</param>
/// <param name="UpstreamModel">The model id the upstream knows (also the <c>model</c> value in <paramref name="Body"/>).</param>
/// <param name="DefaultMaxTokens">The output limit to send when the client set none and the upstream requires one (Anthropic): the catalog's maximum output for the model.</param>
/// <param name="Credentials">Credentials for this call only (an organization's own key); null uses the provider's configured ones.</param>
/// <param name="Downstream">For an upstream that routes further (<see cref="IChatProvider.RoutesDownstream"/>): where it may go; null when nothing restricts it.</param>
internal sealed record ProviderRequest(
    ReadOnlyMemory<byte> Body,
    bool Stream,
    string UpstreamModel,
    int DefaultMaxTokens = ProviderRequest.FallbackMaxTokens,
    ProviderCredentials? Credentials = null,
    DownstreamRestrictions? Downstream = null)
{
    /// <summary>Used when the catalog knows no maximum output for the model (LiteLLM's default for Anthropic).</summary>
    public const int FallbackMaxTokens = 4096;
}

/// <summary>What an aggregator upstream may route to on its own, as Hub's router decided.</summary>
/// <param name="OnlyProviders">Hub provider ids it may use (mapped to the upstream's own names by the adapter); null: any.</param>
/// <param name="DenyDataCollection">Only providers that do not train on prompts.</param>
/// <param name="ZeroDataRetention">Only providers that keep nothing.</param>
internal sealed record DownstreamRestrictions(IReadOnlyList<string>? OnlyProviders, bool DenyDataCollection, bool ZeroDataRetention);

/// <summary>Credentials for one upstream call. Which fields matter depends on the protocol.</summary>
/// <param name="ApiKey">Bearer key, Anthropic <c>x-api-key</c>, Google API key, Azure <c>api-key</c>, or a Bedrock API key.</param>
/// <param name="AccessKeyId">AWS access key id (Bedrock SigV4).</param>
/// <param name="SecretAccessKey">AWS secret access key (Bedrock SigV4).</param>
/// <param name="SessionToken">AWS session token for temporary credentials, or null.</param>
/// <param name="Region">AWS region (Bedrock), or null for the configured one.</param>
internal sealed record ProviderCredentials(
    string? ApiKey = null, string? AccessKeyId = null, string? SecretAccessKey = null, string? SessionToken = null, string? Region = null)
{
    /// <summary>Never print secrets, even by accident in a debugger or an exception message.</summary>
    public override string ToString() => nameof(ProviderCredentials);
}

/// <summary>
/// What one upstream call came to. Success: <see cref="Response"/> to relay. Failure: <see cref="Error"/>
/// to render, or a <see cref="Response"/> to relay as is (an upstream error body the client should
/// see byte for byte). <see cref="MayFallback"/>: the router may try another provider instead
/// (connection failures, timeouts, 429, 5xx; never a request the upstream judged wrong or refused).
/// </summary>
internal readonly record struct ProviderOutcome(ProviderResponse? Response, HubError? Error, bool MayFallback = false)
{
    public bool Succeeded => Response is { StatusCode: < 400 };

    public static ProviderOutcome Success(ProviderResponse response) => new(response, null);

    public static ProviderOutcome Failure(HubError error, bool mayFallback) => new(null, error, mayFallback);

    /// <summary>An upstream error answer the client gets unchanged, unless the router falls back.</summary>
    public static ProviderOutcome Relayed(ProviderResponse response, bool mayFallback) => new(response, null, mayFallback);
}

/// <summary>
/// An upstream answer, in OpenAI's format, whose body has not been read yet: the relay streams it to
/// the client as it arrives. Disposing it releases the upstream connection, which is how a client
/// disconnect cancels the upstream call.
/// </summary>
/// <param name="usage">Filled by a translating provider with the token counts the upstream reported,
/// whether or not the client asked to see them (<c>stream_options.include_usage</c>).</param>
internal sealed class ProviderResponse(
    int statusCode, string? contentType, long? contentLength, Stream body, IDisposable? owner = null, UsageReport? usage = null) : IAsyncDisposable
{
    public int StatusCode { get; } = statusCode;

    public string? ContentType { get; } = contentType;

    public long? ContentLength { get; } = contentLength;

    public Stream Body { get; } = body;

    /// <summary>Token counts known to the provider itself; null when only the relayed bytes tell (OpenAI-compatible upstreams).</summary>
    public UsageReport? Usage { get; } = usage;

    public async ValueTask DisposeAsync()
    {
        await Body.DisposeAsync();
        owner?.Dispose();
    }
}

/// <summary>Where a translating provider leaves the usage it read, possibly only once the stream has ended.</summary>
internal sealed class UsageReport
{
    public TokenUsage? Value { get; set; }
}
