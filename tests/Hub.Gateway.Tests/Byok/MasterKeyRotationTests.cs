using System.Collections.Concurrent;
using Hub.Core.Byok;
using Hub.Core.Randomness;
using Hub.Core.Secrets;
using Hub.Gateway.Byok;
using Hub.Gateway.Tests.Billing;
using Hub.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hub.Gateway.Tests.Byok;

/// <summary>
/// The rotation procedure of docs/byok.md with traffic flowing: a gateway deployed with the new master
/// key and the old one retired serves an organization's own key throughout while every data key is
/// re-wrapped, re-reading the data key between requests; afterwards the new key alone suffices and a
/// gateway left on the old key alone refuses (fails closed) rather than using Hub's key.
/// </summary>
public sealed class MasterKeyRotationTests(GatewayFixture fixture)
{
    private const int RequestsEachSide = 10;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RotationWhileServing_EveryRequestServedOnOwnKey_ThenTheNewMasterKeyAloneSuffices()
    {
        var tenant = await fixture.NewTenantAsync();
        var ownKey = fixture.NewOpenAIKey();
        await fixture.StoreKeyAsync(tenant.OrganizationId, "fake", new ByokCredentials(ApiKey: ownKey));
        var oldKey = KestrelTestServer.MasterKey;
        var newKey = GatewayFixture.NextMasterKey;
        await using var deployed = SideGateway.Start(fixture, settings =>
        {
            settings["Hub:Secrets:MasterKey"] = newKey;
            settings["Hub:Secrets:RetiredMasterKeys:0"] = oldKey;
        });

        var outcomes = new ConcurrentQueue<(int Status, string? Billing)>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var traffic = SendUntilStoppedAsync(deployed, tenant, outcomes, stop.Token);
        await Eventually.Until(() => Task.FromResult(outcomes.Count), count => count >= RequestsEachSide, "traffic before the rotation");
        var report = await Rotation(newKey, oldKey).RunAsync(Cancel);
        var rotatedAt = outcomes.Count;
        await Eventually.Until(() => Task.FromResult(outcomes.Count), count => count >= rotatedAt + RequestsEachSide, "traffic after the rotation");
        await stop.CancelAsync();
        await traffic;

        Assert.True(report.Rewrapped >= 1);
        Assert.Empty(report.Unreadable);
        Assert.All(outcomes, outcome => Assert.Equal((200, "byok"), outcome));
        var ring = new MasterKeys(Options.Create(new SecretsOptions { MasterKey = newKey })).Required;
        Assert.Equal(ring.Primary.Id, await MasterKeyIdAsync(tenant.OrganizationId));

        await using var newOnly = SideGateway.Start(fixture, settings =>
        {
            settings["Hub:Secrets:MasterKey"] = newKey;
            settings.Remove("Hub:Secrets:RetiredMasterKeys:0");
        });
        await using var oldOnly = SideGateway.Start(fixture, settings => settings.Remove("Hub:Secrets:RetiredMasterKeys:0"));
        Assert.Equal((200, "byok"), await SendAsync(newOnly, tenant, Guid.NewGuid().ToString("N")));
        var marker = Guid.NewGuid().ToString("N");
        Assert.Equal((503, null), await SendAsync(oldOnly, tenant, marker));
        Assert.DoesNotContain(fixture.Upstream.Requests, request => request.BodyText.Contains(marker, StringComparison.Ordinal));
    }

    /// <summary>Requests one after another, dropping the gateway's cached keys before each so every one re-reads the data key.</summary>
    private static async Task SendUntilStoppedAsync(SideGateway gateway, TestTenant tenant, ConcurrentQueue<(int, string?)> outcomes, CancellationToken stop)
    {
        var cache = gateway.Services.GetRequiredService<ByokCache>();
        while (!stop.IsCancellationRequested)
        {
            cache.Forget(tenant.OrganizationId);
            outcomes.Enqueue(await SendAsync(gateway, tenant, Guid.NewGuid().ToString("N")));
        }
    }

    private static async Task<(int Status, string? Billing)> SendAsync(SideGateway gateway, TestTenant tenant, string marker)
    {
        using var client = gateway.CreateClient(tenant.ProjectKey);
        using var response = await client.PostAsync(
            "/v1/chat/completions", OpenAIAssert.Json(CreditsArrange.Chat(marker, ",\"provider\":{\"allow_fallbacks\":false}")), CancellationToken.None);
        return ((int)response.StatusCode, response.Headers.TryGetValues("x-hub-billing", out var billing) && (int)response.StatusCode == 200 ? billing.Single() : null);
    }

    private MasterKeyRotation Rotation(string primary, string retired) => new(
        fixture.Infrastructure.DataSource,
        new MasterKeys(Options.Create(new SecretsOptions { MasterKey = primary, RetiredMasterKeys = [retired] })),
        CryptoRandomSource.Instance,
        TimeProvider.System);

    private async Task<string> MasterKeyIdAsync(Guid organizationId)
    {
        await using var command = fixture.Infrastructure.DataSource.CreateCommand("SELECT master_key_id FROM secret_data_keys WHERE organization_id = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = organizationId });
        return (string)(await command.ExecuteScalarAsync(Cancel))!;
    }
}
