using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.Core.Byok;
using Hub.Testing;
using Hub.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;
using static Hub.Admin.Tests.Byok.ByokSamples;

namespace Hub.Admin.Tests.Byok;

/// <summary>
/// <c>"verify": true</c> against each provider's fake: a key the provider accepts is stored with
/// <c>verified: true</c>; a refused one is 422 and not stored; without a verdict (no connection, a
/// 404) it is 502 and not stored.
/// </summary>
public sealed class ByokVerifyTests(AdminFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string> ApiKeyProviders => ["openai", "groq", "mistral", "azure", "anthropic", "gemini", "bedrock"];

    [Theory]
    [MemberData(nameof(ApiKeyProviders))]
    public async Task Verify_KeyTheProviderAccepts_StoredAsVerified(string provider)
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);
        var (fake, key, body) = AcceptedApiKey(provider);
        fake.AcceptKey(key);

        using var response = await client.PutKeyAsync($"/admin/v1/byok/{provider}", body);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(answer.GetProperty("verified").GetBoolean());
        Assert.Contains(fake.ModelListCalls, call => call.Headers.Values.Any(value => value.Contains(key, StringComparison.Ordinal)));
        Assert.Single(await Repository().ListAsync(tenant.OrganizationId, Cancel));
    }

    [Theory]
    [MemberData(nameof(ApiKeyProviders))]
    public async Task Verify_KeyTheProviderRefuses_422AndNothingStored(string provider)
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);
        var (_, key, body) = AcceptedApiKey(provider);

        using var response = await client.PutKeyAsync($"/admin/v1/byok/{provider}", body);
        var text = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("The provider refused this key.", JsonDocument.Parse(text).RootElement.GetProperty("title").GetString());
        Assert.DoesNotContain(key[..8], text, StringComparison.Ordinal);
        Assert.Empty(await Repository().ListAsync(tenant.OrganizationId, Cancel));
    }

    [Fact]
    public async Task Verify_RefusedReplacement_KeepsTheKeyStoredBefore()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);
        var kept = OpenAIKey();
        (await client.PutKeyAsync("/admin/v1/byok/openai", ApiKeyBody(kept))).Dispose();

        using var response = await client.PutKeyAsync("/admin/v1/byok/openai", ApiKeyBody(OpenAIKey(), verify: true));
        var stored = await client.GetFromJsonAsync<JsonElement>("/admin/v1/byok/openai", Cancel);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(kept[^4..], stored.GetProperty("last4").GetString());
    }

    [Fact]
    public async Task Verify_AnthropicKeyWithoutPermission_422()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var response = await client.PutKeyAsync("/admin/v1/byok/anthropic", ApiKeyBody(FakeAnthropicUpstream.ForbiddenApiKey, verify: true));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("403", (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_AnthropicCall_SendsTheKeyAndVersionHeaders()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);
        var key = AnthropicKey();
        fixture.Anthropic.AcceptKey(key);

        (await client.PutKeyAsync("/admin/v1/byok/anthropic", ApiKeyBody(key, verify: true))).Dispose();

        var call = fixture.Anthropic.ModelListCalls.Single(call => call.Headers.GetValueOrDefault("x-api-key") == key);
        Assert.Equal(("GET", "/v1/models", "2023-06-01"), (call.Method, call.PathAndQuery, call.Headers["anthropic-version"]));
        Assert.False(call.Headers.ContainsKey("authorization"));
    }

    [Fact]
    public async Task Verify_AzureCall_SendsApiKeyAndApiVersion()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);
        var key = AzureKey();
        fixture.OpenAI.AcceptKey(key);

        (await client.PutKeyAsync("/admin/v1/byok/azure", ApiKeyBody(key, verify: true))).Dispose();

        var call = fixture.OpenAI.ModelListCalls.Single(call => call.Headers.GetValueOrDefault("api-key") == key);
        Assert.Equal("/azure/openai/models?api-version=2024-10-21", call.PathAndQuery);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Verify_AwsKeyTheProviderAccepts_StoredAsVerified(bool temporary)
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);
        var (id, secret, token) = (AwsAccessKeyId(temporary ? "ASIA" : "AKIA"), AwsSecretAccessKey(), temporary ? "IQoJb3JpZ2luX2Vj" + Guid.NewGuid().ToString("N") : null);
        fixture.Bedrock.AcceptAwsKey(id, secret, token);

        using var response = await client.PutKeyAsync("/admin/v1/byok/bedrock", AwsBody(id, secret, FakeBedrockUpstream.Region, token, verify: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("verified").GetBoolean());
        var call = fixture.Bedrock.ModelListCalls.Single(call => call.Headers.GetValueOrDefault("authorization", "").Contains(id, StringComparison.Ordinal));
        Assert.Equal(("GET", FakeBedrockUpstream.ListFoundationModelsPath), (call.Method, call.PathAndQuery));
        Assert.DoesNotContain(secret, string.Join('\n', call.Headers.Values), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unknown key")]
    [InlineData("wrong secret")]
    [InlineData("other region")]
    public async Task Verify_AwsKeyTheProviderRefuses_422AndNothingStored(string mistake)
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);
        var (id, secret) = (AwsAccessKeyId(), AwsSecretAccessKey());
        if (mistake != "unknown key")
        {
            fixture.Bedrock.AcceptAwsKey(id, mistake == "wrong secret" ? AwsSecretAccessKey() : secret);
        }

        using var response = await client.PutKeyAsync("/admin/v1/byok/bedrock", AwsBody(id, secret, mistake == "other region" ? "eu-west-1" : FakeBedrockUpstream.Region, verify: true));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Empty(await Repository().ListAsync(tenant.OrganizationId, Cancel));
    }

    [Theory]
    [InlineData(AdminFixture.UnreachableProvider, "could not be reached")]
    [InlineData(AdminFixture.NoModelListProvider, "answered 404")]
    public async Task Verify_NoVerdict_502AndNothingStored(string provider, string detail)
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var response = await client.PutKeyAsync($"/admin/v1/byok/{provider}", ApiKeyBody(AzureKey(), verify: true));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("Could not verify the key.", problem.GetProperty("title").GetString());
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await Repository().ListAsync(tenant.OrganizationId, Cancel));
    }

    [Fact]
    public async Task Verify_AzureWithoutBaseUrl_400OnVerify()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var withVerify = await client.PutKeyAsync($"/admin/v1/byok/{AdminFixture.AzureWithoutEndpoint}", ApiKeyBody(AzureKey(), verify: true));
        using var withoutVerify = await client.PutKeyAsync($"/admin/v1/byok/{AdminFixture.AzureWithoutEndpoint}", ApiKeyBody(AzureKey()));

        Assert.Equal(HttpStatusCode.BadRequest, withVerify.StatusCode);
        Assert.True((await withVerify.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("errors").TryGetProperty("verify", out _));
        Assert.Equal(HttpStatusCode.OK, withoutVerify.StatusCode);
    }

    [Fact]
    public async Task Verify_WrongShape_400WithoutCallingTheProvider()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);
        var key = "gsk_" + Guid.NewGuid().ToString("N");

        using var response = await client.PutKeyAsync("/admin/v1/byok/openai", ApiKeyBody(key, verify: true));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(fixture.OpenAI.ModelListCalls, call => call.Headers.Values.Any(value => value.Contains(key, StringComparison.Ordinal)));
    }

    /// <summary>A fresh key of <paramref name="provider"/>'s shape, the fake that plays it, and the body that stores it with <c>verify</c>.</summary>
    private (FakeUpstream Fake, string Key, object Body) AcceptedApiKey(string provider)
    {
        var (fake, key) = provider switch
        {
            "openai" => ((FakeUpstream)fixture.OpenAI, OpenAIKey()),
            "groq" => (fixture.OpenAI, GroqKey()),
            "mistral" => (fixture.OpenAI, AzureKey()),
            "azure" => (fixture.OpenAI, AzureKey()),
            "anthropic" => (fixture.Anthropic, AnthropicKey()),
            "gemini" => (fixture.Gemini, GeminiKey()),
            "bedrock" => (fixture.Bedrock, BedrockApiKey()),
            _ => throw new ArgumentOutOfRangeException(nameof(provider)),
        };
        object body = provider == "bedrock"
            ? new { credentials = new { api_key = key, region = FakeBedrockUpstream.Region }, verify = true }
            : ApiKeyBody(key, verify: true);
        return (fake, key, body);
    }

    private ByokRepository Repository() => fixture.Factory.Services.GetRequiredService<ByokRepository>();
}
