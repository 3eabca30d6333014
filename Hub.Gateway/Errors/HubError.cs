namespace Hub.Gateway.Errors;

/// <summary>
/// An expected failure of a request, as a value: the HTTP status and OpenAI error fields the client
/// sees. <see cref="Message"/> must be safe to show: never prompt text, keys or upstream secrets.
/// </summary>
internal sealed record HubError(int Status, string Type, string? Code, string Message, string? Param = null)
{
    public static HubError InvalidRequest(string message, string? param = null, string? code = null) =>
        new(StatusCodes.Status400BadRequest, "invalid_request_error", code, message, param);

    public static HubError InvalidApiKey(string message) =>
        new(StatusCodes.Status401Unauthorized, "invalid_request_error", "invalid_api_key", message);

    public static HubError ModelNotFound(string model) =>
        new(StatusCodes.Status404NotFound, "invalid_request_error", "model_not_found",
            $"The model `{model}` does not exist or you do not have access to it.", "model");

    public static HubError UnknownUrl(string method, string path) =>
        new(StatusCodes.Status404NotFound, "invalid_request_error", null, $"Invalid URL ({method} {path})");

    public static HubError BodyTooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, "invalid_request_error", "request_too_large",
            $"The request body is larger than the gateway's limit of {limit} bytes.");

    public static HubError UnsupportedMediaType(string message) =>
        new(StatusCodes.Status415UnsupportedMediaType, "invalid_request_error", "unsupported_media_type", message);

    public static HubError UpstreamUnavailable(string provider) =>
        new(StatusCodes.Status502BadGateway, "upstream_error", "upstream_unavailable",
            $"The provider '{provider}' could not be reached.");

    /// <summary>The upstream refused the gateway's (or the organization's) provider credentials: nothing the client can fix, and never its text (it may quote the key).</summary>
    public static HubError ProviderAuthFailed(string provider) =>
        new(StatusCodes.Status502BadGateway, "upstream_error", "provider_auth_failed",
            $"The provider '{provider}' rejected the gateway's credentials.");

    /// <summary>The upstream refused the organization's own key (BYOK): its administrator can fix that, so say whose key it was (by its last four characters only).</summary>
    public static HubError OwnKeyRejected(string provider, string last4) =>
        new(StatusCodes.Status502BadGateway, "upstream_error", "provider_auth_failed",
            $"The provider '{provider}' rejected your organization's own key (ending {last4}). Ask your administrator to store a valid one (PUT /admin/v1/byok/{provider}).");

    public static HubError UpstreamFailed(string provider, int upstreamStatus) =>
        new(StatusCodes.Status502BadGateway, "upstream_error", "upstream_error",
            $"The provider '{provider}' answered with HTTP {upstreamStatus}.");

    /// <summary>The provider is rate limiting the gateway (its 429, or a throttling event). Another provider may serve.</summary>
    public static HubError UpstreamRateLimited(string provider) =>
        new(StatusCodes.Status429TooManyRequests, "requests", "rate_limit_exceeded",
            $"The provider '{provider}' is rate limiting the gateway; try again shortly.");

    /// <summary>The provider says it is overloaded or unavailable (Anthropic 529, Gemini and Bedrock 503).</summary>
    public static HubError UpstreamOverloaded(string provider) =>
        new(StatusCodes.Status503ServiceUnavailable, "upstream_error", "upstream_overloaded",
            $"The provider '{provider}' is overloaded; try again shortly.");

    /// <summary>A 200 whose body (or a stream event) is not in the provider's format.</summary>
    public static HubError UpstreamInvalidResponse(string provider) =>
        new(StatusCodes.Status502BadGateway, "upstream_error", "upstream_invalid_response",
            $"The provider '{provider}' sent an answer the gateway could not read.");

    /// <summary>
    /// A stream that ended before the provider said it was complete (connection lost, corrupt framing):
    /// sent as the stream's last event, so a client never takes a cut answer for a whole one.
    /// </summary>
    public static HubError UpstreamStreamBroken() =>
        new(StatusCodes.Status502BadGateway, "upstream_error", "upstream_stream_broken", "The provider's stream ended unexpectedly.");

    public static HubError UpstreamTimeout(string provider) =>
        new(StatusCodes.Status504GatewayTimeout, "upstream_error", "upstream_timeout",
            $"The provider '{provider}' did not answer in time.");

    /// <summary>The model catalog has never been readable on this gateway: nothing can be routed (fail closed).</summary>
    public static HubError CatalogUnavailable() =>
        new(StatusCodes.Status503ServiceUnavailable, "service_unavailable_error", "catalog_unavailable",
            "The gateway cannot read its model catalog right now, so the request was not sent. Try again shortly.");

    public static HubError Internal() =>
        new(StatusCodes.Status500InternalServerError, "server_error", null,
            "The gateway failed to process the request. Quote the x-hub-correlation-id header when reporting this.");
}
