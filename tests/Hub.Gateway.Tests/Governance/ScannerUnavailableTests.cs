using Hub.AppHost.LocalServers;

namespace Hub.Gateway.Tests.Governance;

/// <summary>Fail closed: a gateway whose scanner is gone refuses with 503 and forwards nothing.</summary>
public sealed class ScannerUnavailableTests(GatewayFixture fixture) : IAsyncLifetime
{
    private SideGateway gateway = null!;

    public ValueTask InitializeAsync()
    {
        gateway = SideGateway.Start(fixture, settings =>
        {
            settings["services:scanner:http:0"] = $"http://127.0.0.1:{FreePort.Next()}";
            settings["Gateway:Scanning:TimeoutSeconds"] = "2";
        });
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => gateway.DisposeAsync();

    [Fact]
    public async Task ScannerDown_Answers503_AndTheUpstreamNeverSeesTheRequest()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = gateway.CreateClient(tenant.ProjectKey);
        var marker = $"marker-{Guid.NewGuid():N}";

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json($$"""
            {"model":"fake/fake-model","messages":[{"role":"user","content":"{{marker}}"}]}
            """), TestContext.Current.CancellationToken);

        await OpenAIAssert.ErrorAsync(response, 503, "service_unavailable_error", "scanner_unavailable");
        Assert.DoesNotContain(fixture.Upstream.Requests, r => r.BodyText.Contains(marker, StringComparison.Ordinal));
    }
}
