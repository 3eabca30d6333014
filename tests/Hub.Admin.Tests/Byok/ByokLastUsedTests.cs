using System.Net.Http.Json;
using System.Text.Json;
using Hub.Core.Audit;
using Hub.Core.Billing;
using Hub.Core.Byok;
using Hub.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using static Hub.Admin.Tests.Byok.ByokSamples;

namespace Hub.Admin.Tests.Byok;

/// <summary><c>last_used_at</c> comes from the audit stream: an event that names the key that paid sets it (Core keeps it from moving back).</summary>
public sealed class ByokLastUsedTests(AdminFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AuditEventWithByokKeyId_ThroughTheConsumer_SetsLastUsedAt()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);
        var (keyId, _) = await StoreAsync(client, tenant);
        var usedAt = AuditEventSamples.Now().AddMinutes(-1);

        await SendAsync(AuditEventSamples.Completed(tenant.OrganizationId, tenant.ProjectId, occurredAt: usedAt) with { Billing = BillingModes.Byok, ByokKeyId = keyId });

        var key = await Eventually.Until(() => GetAsync(client), key => key.GetProperty("last_used_at").ValueKind != JsonValueKind.Null, "last_used_at");
        Assert.Equal(usedAt, key.GetProperty("last_used_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task LaterAuditEvent_MovesLastUsedAtForward()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);
        var (keyId, _) = await StoreAsync(client, tenant);
        var first = AuditEventSamples.Now().AddMinutes(-5);
        var second = first.AddMinutes(2);
        await SendAsync(AuditEventSamples.Completed(tenant.OrganizationId, tenant.ProjectId, occurredAt: first) with { Billing = BillingModes.Byok, ByokKeyId = keyId });
        await Eventually.Until(() => GetAsync(client), key => key.GetProperty("last_used_at").ValueKind != JsonValueKind.Null, "the first use");

        await SendAsync(AuditEventSamples.Completed(tenant.OrganizationId, tenant.ProjectId, occurredAt: second) with { Billing = BillingModes.Byok, ByokKeyId = keyId });

        await Eventually.Until(() => GetAsync(client), key => key.GetProperty("last_used_at").GetDateTimeOffset() == second, "the second use");
    }

    [Fact]
    public async Task AuditEventWithUnknownByokKeyId_StoredAnyway()
    {
        var tenant = await fixture.NewTenantAsync();
        var sent = AuditEventSamples.Completed(tenant.OrganizationId, tenant.ProjectId) with { Billing = BillingModes.Byok, ByokKeyId = Guid.NewGuid() };

        await SendAsync(sent);

        await Eventually.Until(() => StoredAsync(tenant.OrganizationId, sent.CorrelationId), stored => stored, "the event's storage");
    }

    private async Task<(Guid KeyId, string Key)> StoreAsync(HttpClient client, TestTenant tenant)
    {
        var key = OpenAIKey();
        (await client.PutKeyAsync("/admin/v1/byok/openai", ApiKeyBody(key))).Dispose();
        var stored = Assert.Single(await fixture.Factory.Services.GetRequiredService<ByokRepository>().ListAsync(tenant.OrganizationId, Cancel));
        return (stored.Id, key);
    }

    private Task<RedisValue> SendAsync(AuditEvent auditEvent) =>
        fixture.Factory.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase()
            .StreamAddAsync(AuditFeed.Key, AuditFeed.EventField, AuditFeed.Serialize(auditEvent));

    private async Task<bool> StoredAsync(Guid organizationId, string correlationId) =>
        (await fixture.Factory.Services.GetRequiredService<AuditRepository>().QueryAsync(organizationId, new AuditQuery(CorrelationId: correlationId), Cancel)).Count == 1;

    private static Task<JsonElement> GetAsync(HttpClient client) => client.GetFromJsonAsync<JsonElement>("/admin/v1/byok/openai", Cancel);
}
