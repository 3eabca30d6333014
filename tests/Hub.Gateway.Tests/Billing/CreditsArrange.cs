using Hub.Core.Audit;
using Hub.Core.Billing;
using Hub.Core.Billing.Alerts;
using Hub.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Hub.Gateway.Tests.Billing;

/// <summary>What the billing tests arrange and read back the way Hub.Admin would: top-ups, budgets, live figures, the ledger.</summary>
internal static class CreditsArrange
{
    /// <summary>Managed price per million tokens of the fakes' unlisted models: list price plus the closed-model markup of 30 %.</summary>
    public const long InputPerMillion = 1_300_000;

    /// <inheritdoc cref="InputPerMillion"/>
    public const long OutputPerMillion = 2_600_000;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static Task<TestTenant> NewTenantAsync(this GatewayFixture fixture, long walletCredits) =>
        TestTenant.CreateAsync(fixture.Infrastructure.DataSource, Cancel, walletCredits);

    /// <summary>A top-up as <c>POST /admin/v1/wallet/topups</c> makes it: the ledger first, then the live balance.</summary>
    public static async Task TopUpAsync(this GatewayFixture fixture, Guid organizationId, long credits)
    {
        var (seq, _) = await fixture.Services.GetRequiredService<WalletRepository>().AddAsync(organizationId, credits, "test top-up", DateTimeOffset.UtcNow, Cancel);
        await Redis(fixture).ScriptEvaluateAsync(CreditScripts.ApplyTopUp, [CreditKeys.Wallet(organizationId)], [seq, credits]);
    }

    /// <summary>Saves a budget and announces it, as the Admin budget endpoints do.</summary>
    public static async Task<Budget> SetBudgetAsync(
        this GatewayFixture fixture, Guid organizationId, string scope, string scopeId, long credits, string period = BudgetPeriods.Monthly, int[]? thresholds = null)
    {
        var budget = await fixture.Services.GetRequiredService<BudgetRepository>()
            .UpsertAsync(organizationId, scope, scopeId, period, credits, thresholds ?? [50, 80, 100], Cancel);
        await Redis(fixture).Multiplexer.GetSubscriber().PublishAsync(RedisChannel.Literal(BudgetChanges.Channel), BudgetChanges.Message(organizationId));
        return budget;
    }

    /// <summary>The wallet's live figures in Redis; null when Redis does not have it.</summary>
    public static async Task<(long Limit, long Used, long Held)?> WalletAsync(this GatewayFixture fixture, Guid organizationId)
    {
        var figures = await Redis(fixture).HashGetAsync(CreditKeys.Wallet(organizationId), ["limit", "used", "held"]);
        return figures[0].IsNull ? null : ((long)figures[0], (long)figures[1], (long)figures[2]);
    }

    /// <summary>
    /// Moves the organization's audit events from the stream to Postgres, as Admin's consumer does, so
    /// their charges reach the ledger (the gateway tests run no consumer).
    /// </summary>
    public static async Task StoreAuditEventsAsync(this GatewayFixture fixture, Guid organizationId)
    {
        var events = new List<AuditEvent>();
        foreach (var entry in await Redis(fixture).StreamRangeAsync(AuditFeed.Key))
        {
            var raw = entry[AuditFeed.EventField].ToString();
            if (raw.Contains(organizationId.ToString("D"), StringComparison.Ordinal))
            {
                events.Add(AuditFeed.Deserialize(raw)!);
            }
        }

        await fixture.Services.GetRequiredService<AuditRepository>().AppendAsync(events, Cancel);
    }

    /// <summary>The budget alerts the gateway put on the stream for a budget, in order, each as Hub.Admin's consumer reads it.</summary>
    public static async Task<List<BudgetAlert>> AlertsAsync(this GatewayFixture fixture, Guid budgetId)
    {
        var alerts = new List<BudgetAlert>();
        foreach (var entry in await Redis(fixture).StreamRangeAsync(BudgetAlertFeed.Key))
        {
            var alert = BudgetAlertFeed.Deserialize(entry[BudgetAlertFeed.AlertField].ToString())!;
            if (alert.BudgetId == budgetId)
            {
                Assert.Null(BudgetAlertRules.Problem(alert));
                alerts.Add(alert);
            }
        }

        return alerts;
    }

    /// <summary>Forgets an organization's credit figures in Redis, as a flush or a restart without persistence would.</summary>
    public static async Task ForgetCreditsAsync(this GatewayFixture fixture, Guid organizationId)
    {
        var redis = Redis(fixture);
        var server = redis.Multiplexer.GetServers()[0];
        await foreach (var key in server.KeysAsync(pattern: $"hub:credits:{{{organizationId:D}}}:*"))
        {
            await redis.KeyDeleteAsync(key);
        }
    }

    /// <summary>A one-message request whose content carries <paramref name="marker"/>, so the fake's record of it can be found.</summary>
    public static string Chat(string marker, string extra = "", string model = "fake/fake-model") =>
        $$"""{"model":"{{model}}","messages":[{"role":"user","content":"Say hello {{marker}}"}]{{extra}}}""";

    public static IDatabase Redis(GatewayFixture fixture) => fixture.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
}
