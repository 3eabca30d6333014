using System.Text;
using Hub.Gateway.Providers.Anthropic;

namespace Hub.Gateway.Tests.Providers.Anthropic;

/// <summary>Anthropic's error statuses and bodies → what the client sees, and whether the router may fall back.</summary>
public sealed class AnthropicErrorMapperTests
{
    private static byte[] Body(string type, string message) =>
        Encoding.UTF8.GetBytes($$$"""{"type":"error","error":{"type":"{{{type}}}","message":"{{{message}}}"}}""");

    [Theory]
    [InlineData(400, "invalid_request_error", "max_tokens: Field required", 400, "invalid_request_error", null)]
    [InlineData(400, "invalid_request_error", "prompt is too long: 210000 tokens > 200000 maximum", 400, "invalid_request_error", "context_length_exceeded")]
    [InlineData(404, "not_found_error", "model: claude-nope", 404, "invalid_request_error", "model_not_found")]
    [InlineData(413, "request_too_large", "Request exceeds the maximum allowed number of bytes.", 413, "invalid_request_error", "request_too_large")]
    public void FromResponse_ClientsRequestWrong_SameStatusWithAnthropicsMessageAndNoFallback(int status, string type, string message, int expectedStatus, string expectedType, string? code)
    {
        var (error, mayFallback) = AnthropicErrorMapper.FromResponse("anthropic", status, Body(type, message));

        Assert.Equal((expectedStatus, expectedType, code, message), (error.Status, error.Type, error.Code, error.Message));
        Assert.False(mayFallback);
    }

    [Theory]
    [InlineData(401, "authentication_error", "invalid x-api-key", 502, "upstream_error", "provider_auth_failed")]
    [InlineData(403, "permission_error", "Your API key does not have permission to use the specified resource.", 502, "upstream_error", "provider_auth_failed")]
    [InlineData(429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit", 429, "requests", "rate_limit_exceeded")]
    [InlineData(500, "api_error", "Internal server error", 502, "upstream_error", "upstream_error")]
    [InlineData(529, "overloaded_error", "Overloaded", 503, "upstream_error", "upstream_overloaded")]
    [InlineData(502, "api_error", "Bad gateway", 502, "upstream_error", "upstream_error")]
    [InlineData(402, "billing_error", "Your credit balance is too low to access the Anthropic API.", 502, "upstream_error", "upstream_error")]
    [InlineData(400, "invalid_request_error", "Your credit balance is too low to access the Anthropic API.", 502, "upstream_error", "upstream_error")]
    [InlineData(408, "timeout_error", "Request timed out", 504, "upstream_error", "upstream_timeout")]
    public void FromResponse_GatewaysSideOrTransient_GatewayErrorWithoutAnthropicsTextAndFallback(int status, string type, string message, int expectedStatus, string expectedType, string code)
    {
        var (error, mayFallback) = AnthropicErrorMapper.FromResponse("anthropic", status, Body(type, message));

        Assert.Equal((expectedStatus, expectedType, code), (error.Status, error.Type, error.Code));
        Assert.DoesNotContain(message, error.Message, StringComparison.Ordinal);
        Assert.Contains("'anthropic'", error.Message, StringComparison.Ordinal);
        Assert.True(mayFallback);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html><body>400 Bad Request</body></html>")]
    public void FromResponse_BodyNotAnthropics_StatusStillDecides(string body)
    {
        var (error, mayFallback) = AnthropicErrorMapper.FromResponse("anthropic", 400, Encoding.UTF8.GetBytes(body));

        Assert.Equal((400, "invalid_request_error", "The provider rejected the request (HTTP 400)."), (error.Status, error.Type, error.Message));
        Assert.False(mayFallback);
    }

    [Theory]
    [InlineData("overloaded_error", 503, "upstream_overloaded")]
    [InlineData("api_error", 502, "upstream_error")]
    [InlineData("rate_limit_error", 429, "rate_limit_exceeded")]
    [InlineData("authentication_error", 502, "provider_auth_failed")]
    [InlineData("invalid_request_error", 400, null)]
    [InlineData("some_future_error", 502, "upstream_error")]
    public void FromStreamEvent_MapsByTheErrorsType(string type, int status, string? code)
    {
        var error = AnthropicErrorMapper.FromStreamEvent("anthropic", new AnthropicError { Type = type, Message = "m" });

        Assert.Equal((status, code), (error.Status, error.Code));
    }
}
