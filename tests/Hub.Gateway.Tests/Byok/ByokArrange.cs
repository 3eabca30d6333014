using Hub.Core.Byok;
using Hub.Gateway.Byok;
using Hub.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Hub.Gateway.Tests.Byok;

/// <summary>Stores organizations' own provider keys the way Hub.Admin's BYOK endpoints do, and makes keys the fakes accept.</summary>
internal static class ByokArrange
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A bearer key unique to the test, accepted by the OpenAI-compatible fake.</summary>
    public static string NewOpenAIKey(this GatewayFixture fixture)
    {
        var key = $"sk-byok-{Guid.NewGuid():N}";
        fixture.Upstream.AcceptKey(key);
        return key;
    }

    /// <summary>Seals and stores the key, then announces the change, as <c>PUT /admin/v1/byok/{provider}</c> does.</summary>
    public static async Task<ByokKey> StoreKeyAsync(this GatewayFixture fixture, Guid organizationId, string provider, ByokCredentials credentials, Guid? projectId = null)
    {
        var stored = await fixture.Services.GetRequiredService<ByokRepository>().SaveAsync(organizationId, projectId, provider, "test key", credentials, Cancel);
        Assert.NotNull(stored);
        await AnnounceAsync(fixture, organizationId);
        return stored;
    }

    /// <summary>
    /// Announces a change to the organization's keys and drops this gateway's copy at once (the
    /// announcement reaches the listener a moment later; the test must not race it).
    /// </summary>
    public static async Task AnnounceAsync(GatewayFixture fixture, Guid organizationId)
    {
        await fixture.Services.GetRequiredService<IConnectionMultiplexer>().GetSubscriber()
            .PublishAsync(RedisChannel.Literal(ByokChanges.Channel), organizationId.ToString("D"));
        fixture.Services.GetRequiredService<ByokCache>().Forget(organizationId);
    }

    /// <summary>The bearer key the fake received with the request whose prompt carries <paramref name="marker"/>.</summary>
    public static string BearerSeenFor(this GatewayFixture fixture, string marker) =>
        fixture.Upstream.Requests.Single(request => request.BodyText.Contains(marker, StringComparison.Ordinal)).Authorization["Bearer ".Length..];
}
