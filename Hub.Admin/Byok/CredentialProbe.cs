using System.Net;
using System.Text.Json;
using Hub.Core.Byok;
using Hub.Core.Providers;

namespace Hub.Admin.Byok;

/// <summary>What a live check of a key found.</summary>
internal enum ProbeOutcome
{
    /// <summary>The provider answered 2xx: the key works.</summary>
    Accepted,

    /// <summary>The provider refused the key (401, 403; Google's 400 <c>API_KEY_INVALID</c>).</summary>
    Refused,

    /// <summary>No verdict: timeout, no connection, a 5xx or any other answer.</summary>
    Inconclusive,

    /// <summary>Nothing to call: the provider has no base URL (Azure without <c>Providers:azure:BaseUrl</c>).</summary>
    NoEndpoint,
}

/// <param name="Status">The provider's HTTP status, when it answered.</param>
/// <param name="Failure">Why there was no answer (<c>timeout</c>, an <see cref="HttpRequestError"/>), never a message that could quote a URL or key.</param>
internal readonly record struct ProbeResult(ProbeOutcome Outcome, int? Status = null, string? Failure = null);

/// <summary>
/// Checks a key with the cheapest authenticated call each provider has, its model list, before it is
/// stored (when the operator asks: <c>"verify": true</c>):
/// OpenAI-compatible <c>GET {base}/models</c> with a Bearer token; Azure <c>GET {base}/models?api-version=…</c>
/// with <c>api-key</c>; Anthropic <c>GET {base}/models</c> with <c>x-api-key</c> and <c>anthropic-version</c>;
/// Gemini <c>GET {base}/models</c> with <c>x-goog-api-key</c>; Bedrock <c>ListFoundationModels</c>
/// (<c>GET https://bedrock.{region}.amazonaws.com/foundation-models</c>, or <c>{base}/foundation-models</c>
/// when a base URL is configured), SigV4-signed or with a Bedrock API key as Bearer token.
/// Its own connection pool: 10 s for the whole call (body included), no redirects, no cookies, no resilience handler
/// (a retry would only delay the operator's answer). Only the status is read (and Google's error
/// reason); neither the key nor the provider's body goes into a result or a log line.
/// </summary>
internal sealed partial class CredentialProbe(HttpMessageHandler handler, TimeProvider time, ILogger<CredentialProbe> logger) : IDisposable
{
    public const string AnthropicVersion = "2023-06-01";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Google's answers carry an error body; enough of it to find the reason, never all of a hostile one.</summary>
    private const int MaxErrorBodyBytes = 64 * 1024;

    // The timeout is the call's own token, so it also bounds reading Google's error body.
    private readonly HttpClient client = new(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    private readonly SigV4Signer signer = new(time);

    public static SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = Timeout,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    /// <exception cref="OperationCanceledException">Only when <paramref name="cancellationToken"/> fires (the caller went away).</exception>
    public async Task<ProbeResult> CheckAsync(ByokProvider provider, ByokCredentials credentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        using var request = Request(provider, credentials);
        if (request is null)
        {
            return new ProbeResult(ProbeOutcome.NoEndpoint);
        }

        var result = await SendAsync(request, provider.Protocol, cancellationToken);
        Log.Probed(logger, provider.Id, result.Outcome, result.Status, result.Failure);
        return result;
    }

    public void Dispose() => client.Dispose();

    private HttpRequestMessage? Request(ByokProvider provider, ByokCredentials credentials)
    {
        if (provider.Protocol == ProtocolNames.Bedrock)
        {
            return BedrockRequest(provider, credentials);
        }

        if (provider.BaseUrl is null)
        {
            return null;
        }

        var apiKey = credentials.ApiKey!;
        var request = provider.Protocol == ProtocolNames.Azure
            ? new HttpRequestMessage(HttpMethod.Get, $"{provider.BaseUrl}/models?api-version={Uri.EscapeDataString(provider.ApiVersion)}")
            : new HttpRequestMessage(HttpMethod.Get, $"{provider.BaseUrl}/models");

        // Without validation: a header parser's FormatException would quote the key.
        switch (provider.Protocol)
        {
            case ProtocolNames.Azure:
                request.Headers.TryAddWithoutValidation("api-key", apiKey);
                break;
            case ProtocolNames.Anthropic:
                request.Headers.TryAddWithoutValidation("x-api-key", apiKey);
                request.Headers.TryAddWithoutValidation("anthropic-version", AnthropicVersion);
                break;
            case ProtocolNames.Gemini:
                request.Headers.TryAddWithoutValidation("x-goog-api-key", apiKey);
                break;
            default:
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + apiKey);
                break;
        }

        return request;
    }

    /// <summary>The control plane's model list: the runtime host (<c>bedrock-runtime.…</c>) has no list call, but both sign as service <c>bedrock</c>.</summary>
    private HttpRequestMessage BedrockRequest(ByokProvider provider, ByokCredentials credentials)
    {
        var region = credentials.Region!;
        var url = provider.BaseUrlConfigured ? $"{provider.BaseUrl}/foundation-models" : $"https://bedrock.{region}.amazonaws.com/foundation-models";
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (credentials.ApiKey is { } apiKey)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + apiKey);
        }
        else
        {
            signer.SignWithoutBody(request, new AwsCredentials(credentials.AccessKeyId!, credentials.SecretAccessKey!, credentials.SessionToken), region, "bedrock");
        }

        return request;
    }

    private async Task<ProbeResult> SendAsync(HttpRequestMessage request, string protocol, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            var outcome = status switch
            {
                >= 200 and < 300 => ProbeOutcome.Accepted,
                401 or 403 => ProbeOutcome.Refused,
                400 when protocol == ProtocolNames.Gemini && await IsInvalidGoogleKeyAsync(response, timeout.Token) => ProbeOutcome.Refused,
                _ => ProbeOutcome.Inconclusive,
            };
            return new ProbeResult(outcome, status);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ProbeResult(ProbeOutcome.Inconclusive, Failure: "timeout");
        }
        catch (HttpRequestException ex)
        {
            // The error kind only: the message names the host, and the inner exception may say more.
            return new ProbeResult(ProbeOutcome.Inconclusive, Failure: ex.HttpRequestError.ToString());
        }
        catch (IOException)
        {
            // Google's error body was cut off: no verdict on the key.
            return new ProbeResult(ProbeOutcome.Inconclusive, Failure: "ResponseEnded");
        }
    }

    /// <summary>Google answers a wrong key with 400 <c>INVALID_ARGUMENT</c> and the <c>ErrorInfo</c> reason <c>API_KEY_INVALID</c>.</summary>
    private static async Task<bool> IsInvalidGoogleKeyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = new byte[MaxErrorBodyBytes];
        var length = 0;
        await using (var stream = await response.Content.ReadAsStreamAsync(cancellationToken))
        {
            int read;
            while (length < body.Length && (read = await stream.ReadAsync(body.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
            }
        }

        try
        {
            using var json = JsonDocument.Parse(body.AsMemory(0, length));
            return json.RootElement.TryGetProperty("error", out var error)
                && error.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array
                && details.EnumerateArray().Any(detail => detail.ValueKind == JsonValueKind.Object
                    && detail.TryGetProperty("reason", out var reason) && reason.ValueEquals("API_KEY_INVALID"u8));
        }
        catch (JsonException)
        {
            // Not Google's error shape (a proxy's page, a cut body): no verdict on the key.
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.ByokKeyProbed, EventName = "ByokKeyProbed", Level = LogLevel.Information,
            Message = "Live check of a key for {Provider}: {Outcome} (status {Status}, failure {Failure})")]
        public static partial void Probed(ILogger logger, string provider, ProbeOutcome outcome, int? status, string? failure);
    }
}
