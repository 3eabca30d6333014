using Hub.AppHost.LocalServers;
using Hub.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Hub.Gateway.Tests.Governance;

/// <summary>Fail closed: a gateway whose scanner is gone refuses with 503 and forwards nothing.</summary>
public sealed class ScannerUnavailableTests(GatewayFixture fixture) : IAsyncLifetime
{
    private WebApplicationFactory<Program>? gateway;
    private Uri gatewayUrl = null!;

    public ValueTask InitializeAsync()
    {
        var settings = KestrelTestServer.GatewaySettings(fixture.Infrastructure, fixture.Upstream, new Uri($"http://127.0.0.1:{FreePort.Next()}"));
        settings["Gateway:Scanning:TimeoutSeconds"] = "2";
        (gateway, gatewayUrl) = KestrelTestServer.Start<Program>(KestrelTestServer.PriceUnlistedModels(settings));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (gateway is not null)
        {
            await gateway.DisposeAsync();
        }
    }

    [Fact]
    public async Task ScannerDown_Answers503_AndTheUpstreamNeverSeesTheRequest()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = new HttpClient { BaseAddress = gatewayUrl };
        client.DefaultRequestHeaders.Authorization = new("Bearer", tenant.ProjectKey);
        var marker = $"marker-{Guid.NewGuid():N}";

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json($$"""
            {"model":"fake/fake-model","messages":[{"role":"user","content":"{{marker}}"}]}
            """), TestContext.Current.CancellationToken);

        await OpenAIAssert.ErrorAsync(response, 503, "service_unavailable_error", "scanner_unavailable");
        Assert.DoesNotContain(fixture.Upstream.Requests, r => r.BodyText.Contains(marker, StringComparison.Ordinal));
    }
}
