using System.Text.Json;
using Hub.Core.Tenancy;
using Hub.Testing;
using static Hub.Gateway.Tests.Routing.RoutingScenario;

namespace Hub.Gateway.Tests.Routing;

/// <summary>The project's restrictions hold on every hop, and a request can narrow them but never widen them.</summary>
public sealed class RouteRestrictionTests(GatewayFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_FallbackWouldLeaveTheProjectsRegion_FailsInstead()
    {
        // rt-a (US) is cheaper, but the project is EU-only: rt-eu is the only candidate, and when it fails nothing else is tried.
        var scenario = await CreateAsync(fixture, (Eu, 0.50m, 0.50m, FakeOpenAIUpstream.Outcomes.Error500), (A, 0.10m, 0.10m, ".ok"));
        var key = await ProjectKeyAsync(fixture, await fixture.NewTenantAsync(), new NewProject("eu-only", Region: "eu"));
        using var client = fixture.CreateClient(key);

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OpenAIAssert.Chat(scenario.VirtualModel)), Cancel);

        await OpenAIAssert.ErrorAsync(response, 502, "upstream_error", "upstream_error");
        Assert.Equal([Eu], scenario.ProvidersCalled());
    }

    [Theory]
    [InlineData("{\"only\":[\"rt-b\"]}", B)]
    [InlineData("{\"ignore\":[\"rt-a\"]}", B)]
    [InlineData("{\"order\":[\"rt-c\",\"rt-b\"]}", C)]
    [InlineData("{\"max_price\":{\"prompt\":0.15}}", A)]
    [InlineData("{\"data_collection\":\"deny\"}", A)]
    public async Task Post_RequestProviderPreferences_PickTheProvider(string preferences, string expected)
    {
        var scenario = await CreateAsync(fixture, (A, 0.10m, 0.10m, ".ok"), (B, 0.20m, 0.20m, ".ok"), (C, 0.05m, 5.00m, ".ok"));
        var key = await ProjectKeyAsync(fixture, await fixture.NewTenantAsync(), new NewProject("prefs", Classification: "public"));
        using var client = fixture.CreateClient(key);

        using var response = await client.PostAsync("/v1/chat/completions",
            OpenAIAssert.Json(OpenAIAssert.Chat(scenario.VirtualModel, extra: $",\"provider\":{preferences}")), Cancel);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(expected, response.Headers.GetValues("x-hub-provider").Single());
    }

    [Fact]
    public async Task Post_RequestAsksForAProviderTheProjectDenies_403NamesEveryReason()
    {
        var scenario = await CreateAsync(fixture, (A, 0.10m, 0.10m, ".ok"), (B, 0.20m, 0.20m, ".ok"));
        var key = await ProjectKeyAsync(fixture, await fixture.NewTenantAsync(), new NewProject("deny-a", DeniedProviders: [A]));
        using var client = fixture.CreateClient(key);

        using var response = await client.PostAsync("/v1/chat/completions",
            OpenAIAssert.Json(OpenAIAssert.Chat(scenario.VirtualModel, extra: ",\"provider\":{\"only\":[\"rt-a\"]}")), Cancel);

        var error = await OpenAIAssert.ErrorAsync(response, 403, "invalid_request_error", "model_not_allowed");
        var message = error.GetProperty("message").GetString();
        Assert.Contains("rt-a (denied by the project)", message, StringComparison.Ordinal);
        Assert.Contains("rt-b (not in the request's provider.only)", message, StringComparison.Ordinal);
        Assert.Empty(scenario.ProvidersCalled());
    }

    [Fact]
    public async Task Post_RestrictedClassification_OnlyZeroRetentionProvidersServe()
    {
        var scenario = await CreateAsync(fixture, (A, 0.10m, 0.10m, ".ok"), (Eu, 0.90m, 0.90m, ".ok"));
        var key = await ProjectKeyAsync(fixture, await fixture.NewTenantAsync(), new NewProject("restricted", Classification: "restricted"));
        using var client = fixture.CreateClient(key);

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OpenAIAssert.Chat(scenario.VirtualModel)), Cancel);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(Eu, response.Headers.GetValues("x-hub-provider").Single());
    }

    [Fact]
    public async Task Post_ProviderObject_NeverReachesTheUpstream()
    {
        var scenario = await CreateAsync(fixture, (A, 0.10m, 0.10m, ".ok"));
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);
        var body = $$"""{"provider": {"sort":"price"} ,"model":"{{scenario.VirtualModel}}","messages":[{"role":"user","content":"Say hello"}]}""";

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(body), Cancel);

        Assert.Equal(200, (int)response.StatusCode);
        var received = fixture.Upstream.Requests.Single(request => request.BodyText.Contains(scenario.Model, StringComparison.Ordinal));
        Assert.Equal($$"""{"model":"{{scenario.UpstreamId(A)}}","messages":[{"role":"user","content":"Say hello"}]}""", received.BodyText);
    }

    [Fact]
    public async Task Post_InvalidProviderObject_400NamesTheField()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);

        using var response = await client.PostAsync("/v1/chat/completions",
            OpenAIAssert.Json(OpenAIAssert.Chat("mock/echo", extra: ",\"provider\":{\"sort\":\"fastest\"}")), Cancel);

        var error = await OpenAIAssert.ErrorAsync(response, 400, "invalid_request_error", "invalid_value");
        Assert.Equal("provider.sort", error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task Models_ListsOnlyWhatTheProjectMayUse_WithPrices()
    {
        var scenario = await CreateAsync(fixture, (A, 0.10m, 0.40m, ".ok"), (Eu, 0.50m, 0.60m, ".ok"));
        var key = await ProjectKeyAsync(fixture, await fixture.NewTenantAsync(), new NewProject("eu-models", Region: "eu"));
        using var client = fixture.CreateClient(key);

        using var json = JsonDocument.Parse(await client.GetStringAsync("/v1/models", Cancel));

        var models = json.RootElement.GetProperty("data").EnumerateArray().ToDictionary(model => model.GetProperty("id").GetString()!);
        var virtualModel = models[scenario.VirtualModel];
        Assert.Equal(0.5m, virtualModel.GetProperty("pricing").GetProperty("input_per_million_usd").GetDecimal());
        Assert.Equal([Eu], virtualModel.GetProperty("providers").EnumerateArray().Select(offer => offer.GetProperty("provider").GetString()));
        Assert.True(models.ContainsKey($"{Eu}/{scenario.UpstreamId(Eu)}"));
        Assert.False(models.ContainsKey($"{A}/{scenario.UpstreamId(A)}"));
    }
}
