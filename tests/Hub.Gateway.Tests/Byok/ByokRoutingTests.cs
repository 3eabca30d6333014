using System.Text.Json;
using Hub.Core.Byok;
using Hub.Core.Tenancy;
using Hub.Gateway.Tests.Billing;
using Hub.Gateway.Tests.Routing;
using Hub.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Hub.Gateway.Tests.Byok;

/// <summary>Which provider and which key a request goes to when the organization has keys of its own.</summary>
public sealed class ByokRoutingTests(GatewayFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PricesTie_OwnKeyWins()
    {
        var scenario = await RoutingScenario.CreateAsync(fixture, (RoutingScenario.A, 1m, 1m, ".ok"), (RoutingScenario.B, 1m, 1m, ".ok"));
        var tenant = await fixture.NewTenantAsync();
        var key = fixture.NewOpenAIKey();
        await fixture.StoreKeyAsync(tenant.OrganizationId, RoutingScenario.B, new ByokCredentials(ApiKey: key));
        using var client = fixture.CreateClient(tenant.ProjectKey);
        var marker = Guid.NewGuid().ToString("N");

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(CreditsArrange.Chat(marker, model: scenario.VirtualModel)), Cancel);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(RoutingScenario.B, Assert.Single(response.Headers.GetValues("x-hub-provider")));
        Assert.Equal("byok", Assert.Single(response.Headers.GetValues("x-hub-billing")));
        Assert.Equal(key, fixture.BearerSeenFor(marker));
    }

    [Fact]
    public async Task ManagedIsCheaper_ItWins_UnlessTheProjectPrefersOwnKeys()
    {
        var scenario = await RoutingScenario.CreateAsync(fixture, (RoutingScenario.A, 1m, 1m, ".ok"), (RoutingScenario.B, 3m, 3m, ".ok"));
        var tenant = await fixture.NewTenantAsync();
        await fixture.StoreKeyAsync(tenant.OrganizationId, RoutingScenario.B, new ByokCredentials(ApiKey: fixture.NewOpenAIKey()));
        var cheapest = await RoutingScenario.ProjectKeyAsync(fixture, tenant, new NewProject("cheapest"));
        var ownKeys = await RoutingScenario.ProjectKeyAsync(fixture, tenant, new NewProject("own-keys", PreferByok: true));

        var byDefault = await ServedByAsync(cheapest, scenario.VirtualModel);
        var preferred = await ServedByAsync(ownKeys, scenario.VirtualModel);

        Assert.Equal((RoutingScenario.A, "managed"), byDefault);
        Assert.Equal((RoutingScenario.B, "byok"), preferred);
    }

    [Fact]
    public async Task ProjectKey_OverridesTheOrganizationKey_ForThatProjectOnly()
    {
        var tenant = await fixture.NewTenantAsync();
        var organizationKey = fixture.NewOpenAIKey();
        var projectKey = fixture.NewOpenAIKey();
        await fixture.StoreKeyAsync(tenant.OrganizationId, "fake", new ByokCredentials(ApiKey: organizationKey));
        await fixture.StoreKeyAsync(tenant.OrganizationId, "fake", new ByokCredentials(ApiKey: projectKey), tenant.ProjectId);
        var otherProject = await RoutingScenario.ProjectKeyAsync(fixture, tenant, new NewProject("other"));
        var (inProject, inOther) = (Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));

        using (var client = fixture.CreateClient(tenant.ProjectKey))
        using (var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(CreditsArrange.Chat(inProject)), Cancel))
        {
            Assert.Equal(200, (int)response.StatusCode);
        }

        using (var client = fixture.CreateClient(otherProject))
        using (var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(CreditsArrange.Chat(inOther)), Cancel))
        {
            Assert.Equal(200, (int)response.StatusCode);
        }

        Assert.Equal(projectKey, fixture.BearerSeenFor(inProject));
        Assert.Equal(organizationKey, fixture.BearerSeenFor(inOther));
    }

    [Fact]
    public async Task ProviderHubHasNoKeyFor_HiddenAnd404_UntilTheOrganizationStoresOne()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);
        var marker = Guid.NewGuid().ToString("N");
        var body = CreditsArrange.Chat(marker, model: "openai/fake-model");

        using var before = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(body), Cancel);
        var listedBefore = await ModelIdsAsync(client);
        var key = fixture.NewOpenAIKey();
        await fixture.StoreKeyAsync(tenant.OrganizationId, "openai", new ByokCredentials(ApiKey: key));
        using var after = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(body), Cancel);
        var listedAfter = await ModelIdsAsync(client);

        Assert.Equal(404, (int)before.StatusCode);
        Assert.DoesNotContain(listedBefore, id => id.StartsWith("openai/", StringComparison.Ordinal));
        Assert.Equal(200, (int)after.StatusCode);
        Assert.Equal("byok", Assert.Single(after.Headers.GetValues("x-hub-billing")));
        Assert.Equal(key, fixture.BearerSeenFor(marker));
        Assert.Contains(listedAfter, id => id.StartsWith("openai/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task KeyThatDoesNotDecrypt_503_HubsOwnKeyNeverUsedInstead()
    {
        var tenant = await fixture.NewTenantAsync();
        var stored = await fixture.StoreKeyAsync(tenant.OrganizationId, "fake", new ByokCredentials(ApiKey: fixture.NewOpenAIKey()));
        await using (var tamper = fixture.Infrastructure.DataSource.CreateCommand("UPDATE byok_keys SET ciphertext = set_byte(ciphertext, 0, get_byte(ciphertext, 0) # 1) WHERE id = $1"))
        {
            tamper.Parameters.Add(new NpgsqlParameter { Value = stored.Id });
            Assert.Equal(1, await tamper.ExecuteNonQueryAsync(Cancel));
        }

        await ByokArrange.AnnounceAsync(fixture, tenant.OrganizationId);
        using var client = fixture.CreateClient(tenant.ProjectKey);
        var marker = Guid.NewGuid().ToString("N");

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(CreditsArrange.Chat(marker, ",\"provider\":{\"allow_fallbacks\":false}")), Cancel);

        Assert.Equal(503, (int)response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("byok_key_unreadable", error.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.DoesNotContain(fixture.Upstream.Requests, request => request.BodyText.Contains(marker, StringComparison.Ordinal));
        Assert.Equal((TestTenant.DefaultWalletCredits, 0L, 0L), await fixture.WalletAsync(tenant.OrganizationId));
    }

    private async Task<(string Provider, string Billing)> ServedByAsync(string apiKey, string model)
    {
        using var client = fixture.CreateClient(apiKey);
        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(CreditsArrange.Chat(Guid.NewGuid().ToString("N"), model: model)), Cancel);
        Assert.Equal(200, (int)response.StatusCode);
        return (response.Headers.GetValues("x-hub-provider").Single(), response.Headers.GetValues("x-hub-billing").Single());
    }

    private static async Task<List<string>> ModelIdsAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/v1/models", Cancel);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        return [.. json.RootElement.GetProperty("data").EnumerateArray().Select(model => model.GetProperty("id").GetString()!)];
    }
}
