using System.Net;
using System.Text;
using Hub.Gateway.Providers.Gemini;

namespace Hub.Gateway.Tests.Providers.Gemini;

/// <summary>Google's error statuses and bodies (protocols.md 3.3) as the client's error and the router's fallback decision.</summary>
public sealed class GeminiErrorMapperTests
{
    private const string InvalidKey = """
        {
          "error": {
            "code": 400,
            "message": "API key not valid. Please pass a valid API key.",
            "status": "INVALID_ARGUMENT",
            "details": [
              { "@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "API_KEY_INVALID", "domain": "googleapis.com", "metadata": { "service": "generativelanguage.googleapis.com" } },
              { "@type": "type.googleapis.com/google.rpc.LocalizedMessage", "locale": "en-US", "message": "API key not valid. Please pass a valid API key." }
            ]
          }
        }
        """;

    [Theory]
    [InlineData(400, "INVALID_ARGUMENT", "* GenerateContentRequest.contents: contents is not specified", 400, "invalid_request_error", null, false)]
    [InlineData(400, "FAILED_PRECONDITION", "User location is not supported for the API use.", 400, "invalid_request_error", null, false)]
    [InlineData(404, "NOT_FOUND", "models/gemini-9 is not found for API version v1beta.", 404, "invalid_request_error", "model_not_found", false)]
    [InlineData(413, "INVALID_ARGUMENT", "Request payload size exceeds the limit: 20971520 bytes.", 413, "invalid_request_error", null, false)]
    [InlineData(401, "UNAUTHENTICATED", "Request had invalid authentication credentials.", 502, "upstream_error", "provider_auth_failed", true)]
    [InlineData(403, "PERMISSION_DENIED", "Permission denied: Consumer 'api_key:AIzaSecret' has been suspended.", 502, "upstream_error", "provider_auth_failed", true)]
    [InlineData(429, "RESOURCE_EXHAUSTED", "You exceeded your current quota.", 429, "requests", "rate_limit_exceeded", true)]
    [InlineData(500, "INTERNAL", "An internal error has occurred.", 502, "upstream_error", "upstream_error", true)]
    [InlineData(503, "UNAVAILABLE", "The model is overloaded. Please try again later.", 503, "upstream_error", "upstream_overloaded", true)]
    [InlineData(504, "DEADLINE_EXCEEDED", "Deadline expired before operation could complete.", 504, "upstream_error", "upstream_timeout", true)]
    public async Task Map_GoogleError_ClientStatusTypeCodeAndFallback(
        int status, string googleStatus, string message, int expectedStatus, string type, string? code, bool mayFallback)
    {
        var (outcome, error) = await MapAsync(status, $$$"""{"error":{"code":{{{status}}},"message":"{{{message}}}","status":"{{{googleStatus}}}"}}""");

        Assert.Equal(googleStatus, error?.Status);
        Assert.Equal((expectedStatus, type, code, mayFallback), (outcome.Error!.Status, outcome.Error.Type, outcome.Error.Code, outcome.MayFallback));
        Assert.Null(outcome.Response);
        if (expectedStatus is 400 or 404 or 413)
        {
            Assert.Equal(message, outcome.Error.Message);
        }
        else
        {
            Assert.DoesNotContain(message, outcome.Error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Map_400ApiKeyInvalid_ProviderAuthFailedMayFallBackNeverGooglesText()
    {
        var (outcome, error) = await MapAsync(400, InvalidKey);

        Assert.Equal("API_KEY_INVALID", error?.Reason);
        Assert.Equal((502, "provider_auth_failed", true), (outcome.Error!.Status, outcome.Error.Code, outcome.MayFallback));
        Assert.Equal("The provider 'gemini' rejected the gateway's credentials.", outcome.Error.Message);
    }

    [Theory]
    [InlineData(400, 502)]
    [InlineData(404, 502)]
    [InlineData(502, 502)]
    [InlineData(503, 503)]
    public async Task Map_BodyNotGoogles_StatusAloneDecidesAndAProxysPageIsNotRelayed(int status, int expected)
    {
        var (outcome, error) = await MapAsync(status, "<html><body>Bad Gateway</body></html>");

        Assert.Null(error);
        Assert.Equal((expected, true), (outcome.Error!.Status, outcome.MayFallback));
    }

    private static async Task<(Hub.Gateway.Providers.ProviderOutcome Outcome, GeminiError? Error)> MapAsync(int status, string body)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        return await GeminiErrorMapper.MapAsync("gemini", response, TestContext.Current.CancellationToken);
    }
}
