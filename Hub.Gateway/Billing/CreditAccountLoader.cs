using Hub.Core.Billing;
using StackExchange.Redis;

namespace Hub.Gateway.Billing;

/// <summary>
/// Rebuilds an account Redis does not have — a new organization, a new budget period, or Redis lost its
/// data — from the ledger in Postgres. Whichever gateway loads first wins; the others' loads do nothing.
/// A wallet's top-ups recorded after the snapshot are applied on top, each exactly once
/// (<see cref="CreditScripts.ApplyTopUp"/>), so a top-up racing a rebuild is neither lost nor doubled.
/// </summary>
internal sealed partial class CreditAccountLoader(
    IConnectionMultiplexer redis, WalletRepository wallets, BudgetRepository budgets, ILogger<CreditAccountLoader> logger)
{
    /// <summary>A finished period's account stays this long after its end (a late settlement still finds it), then Redis drops it.</summary>
    private static readonly TimeSpan AfterPeriodEnd = TimeSpan.FromDays(2);

    private readonly SingleFlight<string, bool> loads = new();

    /// <summary>Loads the account unless a load of it is under way here already (then waits for that one).</summary>
    public Task LoadAsync(CreditAccount account, DateTimeOffset now, CancellationToken cancellationToken) =>
        loads.RunAsync(account.Key, _ => LoadOnceAsync(account, now, CancellationToken.None), cancellationToken);

    private async Task<bool> LoadOnceAsync(CreditAccount account, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        if (account.Budget is not { } budget)
        {
            var snapshot = await wallets.SnapshotAsync(account.OrganizationId, cancellationToken);
            await database.ScriptEvaluateAsync(CreditScripts.Load, [account.Key], [snapshot.Limit, snapshot.Used, snapshot.TopUpSeq, 0]);
            foreach (var topUp in await wallets.TopUpsAfterAsync(account.OrganizationId, snapshot.TopUpSeq, cancellationToken))
            {
                await database.ScriptEvaluateAsync(CreditScripts.ApplyTopUp, [account.Key], [topUp.Seq, topUp.Credits]);
            }

            Log.WalletLoaded(logger, account.OrganizationId);
            return true;
        }

        var spent = await budgets.SpentAsync(budget, account.Subject, account.PeriodStart, account.PeriodEnd, cancellationToken);
        var lifetime = account.PeriodEnd is { } end ? (long)Math.Ceiling((end - now + AfterPeriodEnd).TotalSeconds) : 0;
        await database.ScriptEvaluateAsync(CreditScripts.Load, [account.Key], [budget.AmountCredits, spent, 0, Math.Max(lifetime, 1)]);
        Log.BudgetLoaded(logger, budget.Id, account.PeriodStart);
        return true;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.WalletLoaded, EventName = nameof(WalletLoaded), Level = LogLevel.Information,
            Message = "Wallet of organization {OrganizationId} loaded into Redis from the ledger")]
        public static partial void WalletLoaded(ILogger logger, Guid organizationId);

        [LoggerMessage(EventId = Diagnostics.EventIds.BudgetLoaded, EventName = nameof(BudgetLoaded), Level = LogLevel.Debug,
            Message = "Budget {BudgetId} for the period from {PeriodStart} loaded into Redis from the ledger")]
        public static partial void BudgetLoaded(ILogger logger, Guid budgetId, DateTimeOffset periodStart);
    }
}
