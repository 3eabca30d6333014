using System.Text.Json;
using Hub.Gateway.Errors;
using Hub.Gateway.Providers.Upstream;

namespace Hub.Gateway.Providers.Bedrock;

/// <summary>
/// Bedrock's errors (<c>protocols.md</c> 4.3): the HTTP status, the <c>x-amzn-ErrorType</c> header
/// (<c>ValidationException:http://internal.amazon.com/…</c>) and a body <c>{"message":"…"}</c>.
///
/// | status | Bedrock | client sees | may fall back |
/// |---|---|---|---|
/// | 400 | ValidationException | 400 invalid_request_error, Bedrock's message | no |
/// | 401, 403 | AccessDenied, InvalidSignature, UnrecognizedClient, ExpiredToken | 502 provider_auth_failed, never Bedrock's text | yes |
/// | 404 | ResourceNotFoundException | 404 invalid_request_error model_not_found, Bedrock's message | no |
/// | 408 | ModelTimeoutException | 504 upstream_timeout | yes |
/// | 413, other 4xx | | the same status, invalid_request_error, Bedrock's message | no |
/// | 424 | ModelErrorException | 502 upstream_error | yes |
/// | 429 | ThrottlingException, ServiceQuotaExceeded, ModelNotReady | 429 requests rate_limit_exceeded | yes |
/// | 503 | ServiceUnavailableException | 503 upstream_error upstream_overloaded | yes |
/// | other 5xx | InternalServerException | 502 upstream_error | yes |
/// </summary>
internal static partial class BedrockErrorMapper
{
    public static async Task<ProviderOutcome> MapAsync(string provider, HttpResponseMessage response, ILogger logger, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? ErrorType(values.FirstOrDefault()) : null;
        Log.UpstreamFailed(logger, provider, status, errorType ?? "none");
        switch (status)
        {
            case 401 or 403:
                return ProviderOutcome.Failure(HubError.ProviderAuthFailed(provider), mayFallback: true);
            case 408:
                return ProviderOutcome.Failure(HubError.UpstreamTimeout(provider), mayFallback: true);
            case 429:
                return ProviderOutcome.Failure(HubError.UpstreamRateLimited(provider), mayFallback: true);
            case 503:
                return ProviderOutcome.Failure(HubError.UpstreamOverloaded(provider), mayFallback: true);
            case 424 or >= 500 or < 400:
                return ProviderOutcome.Failure(HubError.UpstreamFailed(provider, status), mayFallback: true);
        }

        var body = await BoundedContent.ReadAsync(response.Content, BoundedContent.MaxErrorBytes, cancellationToken);
        var message = body is null ? null : Message(body);
        return ProviderOutcome.Failure(
            new HubError(status, "invalid_request_error", status == 404 ? "model_not_found" : null, message ?? $"The provider '{provider}' refused the request (HTTP {status})."),
            mayFallback: false);
    }

    /// <summary>An exception or error frame after the stream started, other than throttling or unavailability.</summary>
    public static HubError StreamFailed(string provider) =>
        new(StatusCodes.Status502BadGateway, "upstream_error", "upstream_error", $"The provider '{provider}' failed while streaming the answer.");


    /// <summary>The mid-stream exception type (<c>throttlingException</c>, …) as the client's error.</summary>
    public static HubError ForStreamException(string provider, string? exceptionType) => exceptionType switch
    {
        "throttlingException" or "serviceQuotaExceededException" => HubError.UpstreamRateLimited(provider),
        "serviceUnavailableException" => HubError.UpstreamOverloaded(provider),
        _ => StreamFailed(provider),
    };

    /// <summary><c>ValidationException:http://internal.amazon.com/coral/…</c> → <c>ValidationException</c>.</summary>
    internal static string? ErrorType(string? header)
    {
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }

        var colon = header.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? header : header[..colon];
    }

    /// <summary>The body's <c>message</c> (AWS also spells it <c>Message</c>).</summary>
    internal static string? Message(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isMessage = reader.ValueTextEquals("message"u8) || reader.ValueTextEquals("Message"u8);
                reader.Read();
                if (isMessage && reader.TokenType == JsonTokenType.String)
                {
                    return reader.GetString();
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not JSON: the caller falls back to a message of its own.
        }

        return null;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.BedrockUpstreamFailed, EventName = "BedrockUpstreamFailed", Level = LogLevel.Debug,
            Message = "Provider {Provider} (Bedrock) answered HTTP {Status} {ErrorType}")]
        public static partial void UpstreamFailed(ILogger logger, string provider, int status, string errorType);
    }
}
