using Hub.Gateway.Tests.Governance;
using Hub.Testing;
using static Hub.Gateway.Tests.Routing.RoutingScenario;

namespace Hub.Gateway.Tests.Routing;

/// <summary>Fallback happens before the first byte only, on failures of the provider, never on the request's own errors.</summary>
public sealed class FallbackTests(GatewayFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(FakeOpenAIUpstream.Outcomes.Error500)]
    [InlineData(FakeOpenAIUpstream.Outcomes.Error503)]
    [InlineData(FakeOpenAIUpstream.Outcomes.Error429)]
    public async Task Post_CheapestFailsBeforeAnswering_NextCandidateServesAndHeadersSayWhich(string failure)
    {
        var scenario = await CreateAsync(fixture, (A, 0.10m, 0.10m, failure), (B, 0.20m, 0.20m, ".ok"), (C, 0.30m, 0.30m, ".ok"));
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OpenAIAssert.Chat(scenario.VirtualModel)), Cancel);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(B, Header(response, "x-hub-provider"));
        Assert.Equal(A, Header(response, "x-hub-fallbacks"));
        Assert.Equal(scenario.UpstreamId(B), Header(response, "x-hub-model"));
        Assert.Equal([A, B], scenario.ProvidersCalled());
        var (_, audit) = await fixture.AuditEventAsync(OpenAIAssert.CorrelationId(response));
        Assert.Equal(B, audit.Provider);
        Assert.Equal([A], audit.Fallbacks);
    }

    [Fact]
    public async Task Post_ProviderTimesOut_NextCandidateServes()
    {
        var scenario = await CreateAsync(fixture, (Slow, 0.10m, 0.10m, FakeOpenAIUpstream.Outcomes.Hang), (B, 0.20m, 0.20m, ".ok"));
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OpenAIAssert.Chat(scenario.VirtualModel)), Cancel);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(B, Header(response, "x-hub-provider"));
        Assert.Equal(Slow, Header(response, "x-hub-fallbacks"));
    }

    [Fact]
    public async Task Post_Streaming_FallbackBeforeFirstByte_StreamsFromTheNextCandidate()
    {
        var scenario = await CreateAsync(fixture, (A, 0.10m, 0.10m, FakeOpenAIUpstream.Outcomes.Error500), (B, 0.20m, 0.20m, ".ok"));
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OpenAIAssert.Chat(scenario.VirtualModel, stream: true)), Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith("data: [DONE]\n\n", body, StringComparison.Ordinal);
        Assert.Equal(A, Header(response, "x-hub-fallbacks"));
    }

    [Fact]
    public async Task Post_RequestRejectedAsInvalid_IsNotRoutedAround()
    {
        var scenario = await CreateAsync(fixture, (A, 0.10m, 0.10m, FakeOpenAIUpstream.Outcomes.Error400), (B, 0.20m, 0.20m, ".ok"));
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OpenAIAssert.Chat(scenario.VirtualModel)), Cancel);

        await OpenAIAssert.ErrorAsync(response, 400, "invalid_request_error", "invalid_value");
        Assert.Equal([A], scenario.ProvidersCalled());
        Assert.Equal("", Header(response, "x-hub-fallbacks"));
    }

    [Fact]
    public async Task Post_AllowFallbacksFalse_StopsAtTheFirstFailure()
    {
        var scenario = await CreateAsync(fixture, (A, 0.10m, 0.10m, FakeOpenAIUpstream.Outcomes.Error500), (B, 0.20m, 0.20m, ".ok"));
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);

        using var response = await client.PostAsync("/v1/chat/completions",
            OpenAIAssert.Json(OpenAIAssert.Chat(scenario.VirtualModel, extra: ",\"provider\":{\"allow_fallbacks\":false}")), Cancel);

        await OpenAIAssert.ErrorAsync(response, 502, "upstream_error", "upstream_error");
        Assert.Equal([A], scenario.ProvidersCalled());
    }

    [Fact]
    public async Task Post_EveryCandidateFails_AnswersTheLastFailureAndListsTheOthers()
    {
        var scenario = await CreateAsync(fixture, (A, 0.10m, 0.10m, FakeOpenAIUpstream.Outcomes.Error500), (B, 0.20m, 0.20m, FakeOpenAIUpstream.Outcomes.Error429));
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OpenAIAssert.Chat(scenario.VirtualModel)), Cancel);

        await OpenAIAssert.ErrorAsync(response, 429, "requests", "rate_limit_exceeded");
        Assert.Equal(B, Header(response, "x-hub-provider"));
        Assert.Equal(A, Header(response, "x-hub-fallbacks"));
    }

    [Fact]
    public async Task Post_StreamFailsAfterItStarted_EndsWithAnErrorEventAndIsNotRetriedElsewhere()
    {
        var scenario = await CreateAsync(fixture, (A, 0.10m, 0.10m, FakeOpenAIUpstream.Outcomes.MidStream), (B, 0.20m, 0.20m, ".ok"));
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OpenAIAssert.Chat(scenario.VirtualModel, stream: true)), Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains("data: {\"error\":", body, StringComparison.Ordinal);
        Assert.Equal([A], scenario.ProvidersCalled());
        Assert.Equal("", Header(response, "x-hub-fallbacks"));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : throw new Xunit.Sdk.XunitException($"{name} missing");
}
