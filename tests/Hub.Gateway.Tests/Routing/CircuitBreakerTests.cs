using Hub.Testing;
using static Hub.Gateway.Tests.Routing.RoutingScenario;

namespace Hub.Gateway.Tests.Routing;

public sealed class CircuitBreakerTests(GatewayFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_ProviderFailedThresholdTimesInARow_IsSkippedWithoutACall()
    {
        // rt-breaker is used by this test alone: its breaker is this test's to open.
        var scenario = await CreateAsync(fixture, (Breaker, 0.10m, 0.10m, FakeOpenAIUpstream.Outcomes.Error500), (B, 0.20m, 0.20m, ".ok"));
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);
        for (var i = 0; i < GatewayFixture.BreakerThreshold; i++)
        {
            using var failedOver = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OpenAIAssert.Chat(scenario.VirtualModel)), Cancel);
            Assert.Equal(Breaker, failedOver.Headers.GetValues("x-hub-fallbacks").Single());
        }

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OpenAIAssert.Chat(scenario.VirtualModel)), Cancel);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(B, response.Headers.GetValues("x-hub-provider").Single());
        Assert.Equal("", response.Headers.GetValues("x-hub-fallbacks").Single());
        Assert.Equal(GatewayFixture.BreakerThreshold, scenario.ProvidersCalled().Count(provider => provider == Breaker));
    }
}
