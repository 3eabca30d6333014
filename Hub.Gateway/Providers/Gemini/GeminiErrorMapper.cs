using Hub.Gateway.Errors;
using Hub.Gateway.Providers.Upstream;

namespace Hub.Gateway.Providers.Gemini;

/// <summary>
/// Google's errors (protocols.md 3.3) as what the client sees, and whether the router may try
/// another provider. Google says <c>400 INVALID_ARGUMENT</c> both for a bad request and for a bad
/// API key; the <c>ErrorInfo.reason</c> <c>API_KEY_INVALID</c> tells them apart. The client's own
/// mistakes keep Google's message (it describes the request) and are never routed around; the
/// gateway's credentials, quota and Google's outages are the gateway's problem, and never show
/// Google's text.
/// </summary>
/// <remarks>
/// | Google | client sees | fallback |
/// |---|---|---|
/// | 400 reason <c>API_KEY_INVALID</c>, 401, 403 <c>PERMISSION_DENIED</c> | 502 <c>provider_auth_failed</c> | yes |
/// | 400 <c>INVALID_ARGUMENT</c> / <c>FAILED_PRECONDITION</c>, 413 | same status, <c>invalid_request_error</c>, Google's message | no |
/// | 404 <c>NOT_FOUND</c> | 404 <c>model_not_found</c>, Google's message | no |
/// | 429 <c>RESOURCE_EXHAUSTED</c> | 429 <c>requests</c> / <c>rate_limit_exceeded</c> | yes |
/// | 503 <c>UNAVAILABLE</c> | 503 <c>upstream_overloaded</c> | yes |
/// | 504 <c>DEADLINE_EXCEEDED</c> | 504 <c>upstream_timeout</c> | yes |
/// | 500 <c>INTERNAL</c>, any other status | 502 <c>upstream_error</c> | yes |
/// </remarks>
internal static class GeminiErrorMapper
{
    /// <summary>A non-2xx answer, read (bounded) and mapped.</summary>
    public static async Task<(ProviderOutcome Outcome, GeminiError? Error)> MapAsync(string provider, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await BoundedContent.ReadAsync(response.Content, BoundedContent.MaxErrorBytes, cancellationToken);
        // Not Google's JSON (a proxy's HTML page): the status alone decides.
        var error = body is null ? null : GeminiResponseReader.TryRead(body)?.Error;
        var (hubError, mayFallback) = Map(provider, (int)response.StatusCode, error);
        return (ProviderOutcome.Failure(hubError, mayFallback), error);
    }

    /// <param name="status">The HTTP status (for an error event inside a stream: the error's own <c>code</c>).</param>
    /// <param name="error">Google's error object, or null when the body was not one (a proxy's page).</param>
    public static (HubError Error, bool MayFallback) Map(string provider, int status, GeminiError? error)
    {
        var message = string.IsNullOrWhiteSpace(error?.Message) ? null : error.Message;
        return status switch
        {
            400 when error?.Reason is "API_KEY_INVALID" => (HubError.ProviderAuthFailed(provider), true),
            401 or 403 => (HubError.ProviderAuthFailed(provider), true),
            400 or 413 when message is not null => (new HubError(status, "invalid_request_error", null, message), false),
            404 when message is not null => (new HubError(status, "invalid_request_error", "model_not_found", message, "model"), false),
            429 => (HubError.UpstreamRateLimited(provider), true),
            503 => (HubError.UpstreamOverloaded(provider), true),
            504 => (HubError.UpstreamTimeout(provider), true),
            _ => (HubError.UpstreamFailed(provider, status), true),
        };
    }

}
