using System.Diagnostics;
using System.Text.Json;
using Hub.Core.Audit;
using Hub.Core.Policies;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Hub.Gateway.Tests.Governance;

/// <summary>What the governance tests arrange and read back the way Hub.Admin would: policies and audit events.</summary>
internal static class Governance
{
    /// <summary>Saves a new policy version and announces it, as <c>PUT /admin/v1/projects/{id}/policy</c> does.</summary>
    public static async Task<PolicyVersion> SavePolicyAsync(this GatewayFixture fixture, Hub.Testing.TestTenant tenant, string documentJson)
    {
        var repository = fixture.Services.GetRequiredService<PolicyRepository>();
        var document = PolicyJson.Deserialize(documentJson);
        var version = await repository.SaveAsync(tenant.OrganizationId, tenant.ProjectId, "test policy", document, "test", TestContext.Current.CancellationToken);
        await fixture.Services.GetRequiredService<IConnectionMultiplexer>().GetSubscriber()
            .PublishAsync(RedisChannel.Literal(PolicyChanges.Channel), PolicyChanges.Message(tenant.ProjectId));
        return version!;
    }

    /// <summary>
    /// A tenant whose policy forwards images unread (<c>"images": "allow"</c>): for tests of how providers' translators carry
    /// images, which the scanner would otherwise read first (and refuse when they are not real images or not reachable).
    /// </summary>
    public static async Task<Hub.Testing.TestTenant> NewTenantAllowingImagesAsync(this GatewayFixture fixture)
    {
        var tenant = await fixture.NewTenantAsync();
        await fixture.SavePolicyAsync(tenant, """{"images":"allow"}""");
        return tenant;
    }

    /// <summary>
    /// The raw stream entry and the event the gateway appended for a correlation id (the gateway tests
    /// run no consumer). Read once, without waiting: the event must be there when the response has ended.
    /// </summary>
    public static async Task<(string Raw, AuditEvent Event)> AuditEventAsync(this GatewayFixture fixture, string correlationId)
    {
        var database = fixture.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        foreach (var entry in await database.StreamRangeAsync(AuditFeed.Key, messageOrder: Order.Descending, count: 5000))
        {
            var raw = entry[AuditFeed.EventField].ToString();
            if (raw.Contains(correlationId, StringComparison.Ordinal))
            {
                return (raw, AuditFeed.Deserialize(raw)!);
            }
        }

        Assert.Fail($"No audit event for {correlationId} when its response had ended.");
        throw new UnreachableException();
    }

    public static JsonElement ParseJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
