using Hub.Core.Billing;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Hub.Gateway.Billing;

/// <summary>
/// Each organization's budgets, read from Postgres once and kept in memory so the hot path does no
/// database work. Hub.Admin announces every change on <see cref="BudgetChanges.Channel"/>, which drops
/// the entry; the expiry bounds a lost message.
/// </summary>
internal sealed class BudgetCache(BudgetRepository budgets, IOptions<BillingOptions> options) : IDisposable
{
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    private readonly TimeSpan ttl = TimeSpan.FromSeconds(options.Value.BudgetCacheSeconds);
    private readonly SingleFlight<Guid, IReadOnlyList<Budget>> loads = new();

    /// <exception cref="Npgsql.NpgsqlException">The store is unreachable; the caller fails closed.</exception>
    public async ValueTask<IReadOnlyList<Budget>> ForAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(organizationId, out IReadOnlyList<Budget>? cached))
        {
            return cached!;
        }

        return await loads.RunAsync(organizationId, LoadAsync, cancellationToken);
    }

    private async Task<IReadOnlyList<Budget>> LoadAsync(Guid organizationId)
    {
        var loaded = await budgets.ListAsync(organizationId, CancellationToken.None);
        cache.Set(organizationId, loaded, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = ttl });
        return loaded;
    }

    public void Forget(Guid organizationId) => cache.Remove(organizationId);

    public void Dispose() => cache.Dispose();
}
