using Hub.AppHost.LocalServers;
using static Hub.Gateway.Tests.RateLimits.RateLimitRequests;

namespace Hub.Gateway.Tests.RateLimits;

/// <summary>Fail closed: a gateway whose Redis is gone cannot count, so it refuses with 503 rather than letting requests through unlimited.</summary>
public sealed class RateLimitStoreUnavailableTests(GatewayFixture fixture) : IAsyncLifetime
{
    private SideGateway gateway = null!;

    public ValueTask InitializeAsync()
    {
        gateway = SideGateway.Start(fixture, settings =>
        {
            // Short timeouts: StackExchange.Redis holds a command for a connection up to its sync timeout (5 s by default).
            settings["ConnectionStrings:cache"] = $"127.0.0.1:{FreePort.Next()},connectTimeout=500,asyncTimeout=500,syncTimeout=500";

            // The default loop protection: the limiter then asks Redis even when no rate applies.
            settings.Remove("RateLimits:Loop:MaxRepeats");
        });
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => gateway.DisposeAsync();

    [Fact]
    public async Task Post_RedisDown_Answers503AndForwardsNothing()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = gateway.CreateClient(tenant.ProjectKey);
        var marker = $"marker-{Guid.NewGuid():N}";

        using var response = await PostAsync(client, marker);

        var error = await OpenAIAssert.ErrorAsync(response, 503, "service_unavailable_error", "rate_limits_unavailable");
        Assert.Equal("The gateway cannot check rate limits right now, so the request was not sent. Try again shortly.", error.GetProperty("message").GetString());
        Assert.DoesNotContain(fixture.Upstream.Requests, r => r.BodyText.Contains(marker, StringComparison.Ordinal));
    }
}
