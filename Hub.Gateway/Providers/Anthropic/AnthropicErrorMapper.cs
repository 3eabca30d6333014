using Hub.Gateway.Errors;

namespace Hub.Gateway.Providers.Anthropic;

/// <summary>
/// Anthropic errors (<c>{"type":"error","error":{"type","message"}}</c>, <c>shared/research/protocols.md</c> 2.2)
/// → what the client sees, and whether the router may try another provider:
/// <list type="table">
/// <item><term>400 <c>invalid_request_error</c>, 404 <c>not_found_error</c>, 413 <c>request_too_large</c>, 422</term>
/// <description>the same status, OpenAI's <c>invalid_request_error</c> with Anthropic's message (it describes the client's request); no fallback.</description></item>
/// <item><term>401 <c>authentication_error</c>, 403 <c>permission_error</c></term>
/// <description>502 <c>provider_auth_failed</c>, never Anthropic's text; fallback.</description></item>
/// <item><term>429 <c>rate_limit_error</c></term><description>429 <c>requests</c>/<c>rate_limit_exceeded</c>; fallback.</description></item>
/// <item><term>529 <c>overloaded_error</c></term><description>503 <c>upstream_overloaded</c>; fallback.</description></item>
/// <item><term>500 <c>api_error</c>, any other status</term><description>502 <c>upstream_error</c>; fallback.</description></item>
/// </list>
/// A stream's <c>error</c> event maps by its type as if it had come with that type's status.
/// </summary>
internal static class AnthropicErrorMapper
{
    /// <summary>Anthropic's own status for "overloaded"; not an IANA code.</summary>
    public const int Overloaded = 529;

    /// <summary>An HTTP error answer, before anything reached the client.</summary>
    public static (HubError Error, bool MayFallback) FromResponse(string provider, int status, ReadOnlySpan<byte> body)
    {
        var error = body.IsEmpty ? null : AnthropicWire.ReadError(body);
        return Map(provider, status, error?.Message);
    }

    /// <summary>An <c>error</c> event after the stream had started.</summary>
    public static HubError FromStreamEvent(string provider, AnthropicError? error) =>
        Map(provider, StatusOf(error?.Type), error?.Message).Error;

    private static int StatusOf(string? type) => type switch
    {
        "invalid_request_error" => StatusCodes.Status400BadRequest,
        "authentication_error" => StatusCodes.Status401Unauthorized,
        "permission_error" => StatusCodes.Status403Forbidden,
        "not_found_error" => StatusCodes.Status404NotFound,
        "request_too_large" => StatusCodes.Status413PayloadTooLarge,
        "rate_limit_error" => StatusCodes.Status429TooManyRequests,
        "overloaded_error" => Overloaded,
        _ => StatusCodes.Status500InternalServerError,
    };

    private static (HubError Error, bool MayFallback) Map(string provider, int status, string? message) => status switch
    {
        401 or 403 => (HubError.ProviderAuthFailed(provider), true),

        // Anthropic says "credit balance is too low" with a 400: the gateway's account, not the request.
        400 when message?.Contains("credit balance", StringComparison.OrdinalIgnoreCase) == true => (HubError.UpstreamFailed(provider, status), true),
        400 or 404 or 413 or 422 => (ClientError(status, message), false),
        408 => (HubError.UpstreamTimeout(provider), true),
        429 => (HubError.UpstreamRateLimited(provider), true),
        Overloaded => (HubError.UpstreamOverloaded(provider), true),
        _ => (HubError.UpstreamFailed(provider, status), true),
    };

    private static HubError ClientError(int status, string? message)
    {
        var text = string.IsNullOrEmpty(message) ? $"The provider rejected the request (HTTP {status})." : message;
        return status switch
        {
            StatusCodes.Status404NotFound => new HubError(status, "invalid_request_error", "model_not_found", text, "model"),
            StatusCodes.Status413PayloadTooLarge => new HubError(status, "invalid_request_error", "request_too_large", text),
            _ when text.StartsWith("prompt is too long", StringComparison.Ordinal) => new HubError(status, "invalid_request_error", "context_length_exceeded", text, "messages"),
            _ => new HubError(status, "invalid_request_error", null, text),
        };
    }
}
