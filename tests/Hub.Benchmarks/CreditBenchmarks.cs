using BenchmarkDotNet.Attributes;
using Hub.Core.Audit;
using Hub.Core.Billing;
using Hub.Gateway.Billing;
using Hub.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Hub.Benchmarks;

/// <summary>
/// What the budget step adds to a request: one hold before forwarding and one settlement (with the
/// audit event appended in the same script) after it, against real Redis on loopback. The wallet
/// alone, and the wallet with a project and an end-user budget (three accounts in each script). The
/// baseline is what a request did before budgets: append its audit event (XADD). The difference is
/// what budgets add.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class CreditBenchmarks
{
    private static readonly ChargeRates Rates = new(new TokenPrice(3_250_000, 13_000_000), new TokenPrice(3_250_000, 13_000_000));

    private readonly LocalInfrastructure infrastructure = new();
    private ConnectionMultiplexer redis = null!;
    private CreditStore store = null!;
    private CreditAccount[] walletOnly = null!;
    private CreditAccount[] withBudgets = null!;
    private string auditJson = null!;
    private long sequence;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        redis.Dispose();
        infrastructure.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public Task<RedisValue> AuditAppendOnly() => redis.GetDatabase().StreamAddAsync(AuditFeed.Key, AuditFeed.EventField, auditJson);

    [Benchmark]
    public Task<bool> ReserveAndSettle_Wallet() => ReserveAndSettleAsync(walletOnly);

    [Benchmark]
    public Task<bool> ReserveAndSettle_WalletAndTwoBudgets() => ReserveAndSettleAsync(withBudgets);

    private async Task<bool> ReserveAndSettleAsync(CreditAccount[] accounts)
    {
        var correlationId = $"req_bench{Interlocked.Increment(ref sequence)}";
        var (hold, _) = await store.ReserveAsync(accounts, Rates, 250, 512, 16, correlationId, TimeSpan.FromMinutes(15), CancellationToken.None);
        return await store.SettleAsync(hold!, 1_200, 1_200, auditJson, DateTimeOffset.UtcNow);
    }

    private async Task SetupAsync()
    {
        await infrastructure.StartAsync(CancellationToken.None);
        redis = await ConnectionMultiplexer.ConnectAsync(infrastructure.RedisConnectionString);
        var tenant = await TestTenant.CreateAsync(infrastructure.DataSource, CancellationToken.None, walletCredits: 1_000_000_000 * Credits.PerUsd);
        var budgets = new BudgetRepository(infrastructure.DataSource);
        var loader = new CreditAccountLoader(redis, new WalletRepository(infrastructure.DataSource), budgets, NullLogger<CreditAccountLoader>.Instance);
        store = new CreditStore(redis, loader, TimeProvider.System);
        var project = await budgets.UpsertAsync(tenant.OrganizationId, BudgetScopes.Project, tenant.ProjectId.ToString("D"), BudgetPeriods.Monthly, 1_000_000_000 * Credits.PerUsd, [50, 80, 100], CancellationToken.None);
        var user = await budgets.UpsertAsync(tenant.OrganizationId, BudgetScopes.User, Budget.EveryUser, BudgetPeriods.Daily, 1_000_000_000 * Credits.PerUsd, [80], CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        walletOnly = [CreditAccount.Wallet(tenant.OrganizationId)];
        withBudgets = [walletOnly[0], Account(project, project.ScopeId, now), Account(user, "user-1", now)];
        auditJson = AuditFeed.Serialize(AuditEventSamples.Completed(tenant.OrganizationId));

        // Load the accounts once, as the first request of a period does.
        await ReserveAndSettleAsync(withBudgets);
    }

    private static CreditAccount Account(Budget budget, string subject, DateTimeOffset now)
    {
        var (start, end) = BudgetPeriods.Window(budget.Period, now, TimeZoneInfo.Utc);
        return new CreditAccount(CreditKeys.Budget(budget, start, subject), budget.OrganizationId, budget, subject, start, end);
    }
}
