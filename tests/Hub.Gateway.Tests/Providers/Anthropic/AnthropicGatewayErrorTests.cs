using Hub.Testing.Fakes;

namespace Hub.Gateway.Tests.Providers.Anthropic;

/// <summary>Anthropic's errors through the real gateway: statuses, OpenAI error bodies, nothing leaked, broken streams never silent.</summary>
public sealed class AnthropicGatewayErrorTests(GatewayFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> PostAsync(string model, bool stream = false)
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);
        return await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OpenAIAssert.Chat(model, stream)), Cancel);
    }

    [Theory]
    [InlineData("anthropic/" + FakeAnthropicUpstream.Models.Error400, 400, "invalid_request_error", null, "messages.0.content: this fake refuses every request")]
    [InlineData("anthropic/claude-nope", 404, "invalid_request_error", "model_not_found", "model: claude-nope")]
    public async Task Post_AnthropicRefusesTheRequest_SameStatusAndItsMessage(string model, int status, string type, string? code, string message)
    {
        using var response = await PostAsync(model);

        var error = await OpenAIAssert.ErrorAsync(response, status, type, code);
        Assert.Equal(message, error.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("anthropic/" + FakeAnthropicUpstream.Models.Error429, 429, "requests", "rate_limit_exceeded")]
    [InlineData("anthropic/" + FakeAnthropicUpstream.Models.Error500, 502, "upstream_error", "upstream_error")]
    [InlineData("anthropic/" + FakeAnthropicUpstream.Models.Overloaded, 503, "upstream_error", "upstream_overloaded")]
    [InlineData("anthropic-badkey/claude-fake", 502, "upstream_error", "provider_auth_failed")]
    [InlineData("anthropic-forbidden/claude-fake", 502, "upstream_error", "provider_auth_failed")]
    public async Task Post_AnthropicFails_GatewayErrorWithoutAnthropicsText(string model, int status, string type, string code)
    {
        using var response = await PostAsync(model);

        var error = await OpenAIAssert.ErrorAsync(response, status, type, code);
        var message = error.GetProperty("message").GetString()!;
        Assert.DoesNotContain("x-api-key", message, StringComparison.Ordinal);
        Assert.DoesNotContain("org 0000-fake", message, StringComparison.Ordinal);
        Assert.DoesNotContain("permission", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FakeAnthropicUpstream.Models.MidStreamError, "The provider 'anthropic' is overloaded; try again shortly.", "upstream_overloaded")]
    [InlineData(FakeAnthropicUpstream.Models.Truncated, "The provider's stream ended unexpectedly.", "upstream_stream_broken")]
    public async Task Post_StreamBreaksAfterStart_EndsWithAnOpenAIErrorEventAndNoDone(string model, string message, string code)
    {
        using var response = await PostAsync("anthropic/" + model, stream: true);
        var sse = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains("""{"content":"Hello"}""", sse, StringComparison.Ordinal);
        Assert.EndsWith($$$$"""data: {"error":{"message":"{{{{message}}}}","type":"upstream_error","param":null,"code":"{{{{code}}}}"}}""" + "\n\n", sse, StringComparison.Ordinal);
        Assert.DoesNotContain("[DONE]", sse, StringComparison.Ordinal);
    }
}
