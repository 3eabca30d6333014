using Hub.Core.Byok;
using Hub.Gateway.Tests.Billing;
using Hub.Testing.Fakes;

namespace Hub.Gateway.Tests.Byok;

/// <summary>
/// Each credential kind reaches its upstream the provider's way: Anthropic's <c>x-api-key</c>, Google's
/// API key, AWS SigV4 for Bedrock. Each test uses a provider whose configured (managed) key is wrong,
/// so only the organization's own key can make the call succeed.
/// </summary>
public sealed class ByokProtocolsTests(GatewayFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Anthropic_OwnKeySentAsXApiKey()
    {
        var key = $"sk-ant-byok-{Guid.NewGuid():N}";
        fixture.Anthropic.AcceptKey(key);
        var marker = await SendOnOwnKeyAsync("anthropic-badkey", "anthropic-badkey/" + FakeAnthropicUpstream.Models.Text, new ByokCredentials(ApiKey: key));

        var received = fixture.Anthropic.Last(marker);
        Assert.Equal(key, received.ApiKey);
        Assert.Equal("", received.Authorization);
    }

    [Fact]
    public async Task Gemini_OwnApiKeyUsed()
    {
        var key = "AIza" + Guid.NewGuid().ToString("N")[..32] + "byo";
        fixture.Gemini.AcceptKey(key);
        var marker = await SendOnOwnKeyAsync("gemini-badkey", "gemini-badkey/" + FakeGeminiUpstream.Models.Text, new ByokCredentials(ApiKey: key));

        var received = fixture.Gemini.Requests.Last(request => System.Text.Encoding.UTF8.GetString(request.Body).Contains(marker, StringComparison.Ordinal));
        Assert.Equal(key, received.ApiKey);
    }

    [Fact]
    public async Task Bedrock_OwnAwsKeySignsTheRequest()
    {
        var accessKeyId = "AKIA" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();
        const string Secret = "byokSecretKey/K7MDENG+bPxRfiCYEXAMPLE0000";
        fixture.Bedrock.AcceptAwsKey(accessKeyId, Secret);
        var marker = await SendOnOwnKeyAsync(
            "bedrock-badsecret", "bedrock-badsecret/" + FakeBedrockUpstream.Models.Text,
            new ByokCredentials(AccessKeyId: accessKeyId, SecretAccessKey: Secret, Region: FakeBedrockUpstream.Region));

        var received = fixture.Bedrock.Requests.Last(request => System.Text.Encoding.UTF8.GetString(request.Body).Contains(marker, StringComparison.Ordinal));
        Assert.Contains($"Credential={accessKeyId}/", received.Headers["authorization"], StringComparison.Ordinal);
    }

    /// <summary>Sends one request on the provider's managed key (refused upstream), stores the organization's own, sends again (served).</summary>
    private async Task<string> SendOnOwnKeyAsync(string provider, string model, ByokCredentials credentials)
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);
        var marker = Guid.NewGuid().ToString("N");
        var body = CreditsArrange.Chat(marker, ",\"max_tokens\":50", model);

        using var managed = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(body), Cancel);
        await fixture.StoreKeyAsync(tenant.OrganizationId, provider, credentials);
        using var byok = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(body), Cancel);

        Assert.True((int)managed.StatusCode >= 400, $"The managed key of {provider} is wrong, so {managed.StatusCode} should be an error.");
        Assert.Equal(200, (int)byok.StatusCode);
        Assert.Equal("byok", Assert.Single(byok.Headers.GetValues("x-hub-billing")));
        return marker;
    }
}
