using static Hub.Gateway.Tests.Routing.RoutingScenario;

namespace Hub.Gateway.Tests.Routing;

/// <summary>Candidates are ordered cheapest first for the request's estimated tokens, from the catalog as it is now.</summary>
public sealed class CheapestFirstTests(GatewayFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_PricesChange_CheapestFirstOrderFollows()
    {
        var scenario = await CreateAsync(fixture, (A, 1.00m, 1.00m, ".ok"), (B, 2.00m, 2.00m, ".ok"));
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);

        Assert.Equal(A, await ServedByAsync(client, scenario.VirtualModel));
        await scenario.SetPricesAsync(A, 3.00m, 3.00m);
        Assert.Equal(B, await ServedByAsync(client, scenario.VirtualModel));
    }

    [Theory]
    [InlineData(1, A)]
    [InlineData(4000, B)]
    public async Task Post_EstimatedOutput_DecidesBetweenCheapInputAndCheapOutput(int maxTokens, string expected)
    {
        // A: cheap prompt, dear output. B: the other way round. A short answer favours A, a long one B.
        var scenario = await CreateAsync(fixture, (A, 0.10m, 10.00m, ".ok"), (B, 5.00m, 0.10m, ".ok"));
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);

        Assert.Equal(expected, await ServedByAsync(client, scenario.VirtualModel, $",\"max_tokens\":{maxTokens}"));
    }

    private static async Task<string> ServedByAsync(HttpClient client, string model, string extra = "")
    {
        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OpenAIAssert.Chat(model, extra: extra)), Cancel);
        Assert.Equal(200, (int)response.StatusCode);
        return response.Headers.GetValues("x-hub-provider").Single();
    }
}
