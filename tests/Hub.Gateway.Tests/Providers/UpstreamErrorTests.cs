using System.Text.Json;

namespace Hub.Gateway.Tests.Providers;

public sealed class UpstreamErrorTests(GatewayFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("fake/fake-error-400", 400, "invalid_request_error", "invalid_value")]
    [InlineData("fake/fake-error-429", 429, "requests", "rate_limit_exceeded")]
    public async Task Post_UpstreamClientError_RelaysStatusAndBodyUnchanged(string model, int status, string type, string code)
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OpenAIAssert.Chat(model)), Cancel);

        await OpenAIAssert.ErrorAsync(response, status, type, code);
    }

    [Theory]
    [InlineData("fake/fake-error-500", 502, "upstream_error")]
    [InlineData("badkey/fake-model", 502, "provider_auth_failed")]
    [InlineData("down/fake-model", 502, "upstream_unavailable")]
    public async Task Post_UpstreamFailure_AnswersGatewayError(string model, int status, string code)
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OpenAIAssert.Chat(model)), Cancel);

        var error = await OpenAIAssert.ErrorAsync(response, status, "upstream_error", code);
        Assert.DoesNotContain("sk-", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_UpstreamRejectsProviderKey_DoesNotLeakUpstreamMessage()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OpenAIAssert.Chat("badkey/fake-model")), Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);

        Assert.DoesNotContain("Incorrect API key", body, StringComparison.Ordinal);
        Assert.Equal("The provider 'badkey' rejected the gateway's credentials.",
            JsonDocument.Parse(body).RootElement.GetProperty("error").GetProperty("message").GetString());
    }
}
