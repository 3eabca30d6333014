using Hub.Core.Byok;
using Hub.Core.Secrets;
using Hub.Gateway.Auth;
using Hub.Gateway.Errors;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hub.Gateway.Byok;

/// <summary>
/// Each organization's stored provider keys (sealed) and its unwrapped data key, read from Postgres
/// once and kept in memory: the hot path does no database work, and an organization without keys
/// costs one cache lookup. Hub.Admin announces every change on <see cref="ByokChanges.Channel"/>,
/// which drops the entry; the expiry bounds a lost message. If the keys cannot be read, the request
/// is refused (503): routing it on Hub's keys instead would bill a wallet the organization meant not to use.
/// </summary>
internal sealed partial class ByokCache(
    ByokRepository keys, DataKeyRepository dataKeys, MasterKeys masterKeys, IOptions<ByokOptions> options, ILogger<ByokCache> logger) : IDisposable
{
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    private readonly TimeSpan ttl = TimeSpan.FromSeconds(options.Value.CacheSeconds);
    private readonly bool enabled = options.Value.Enabled;
    private readonly SingleFlight<Guid, OrganizationKeys> loads = new();

    /// <summary>The keys that apply to the caller, or a 503 when they cannot be read.</summary>
    public async ValueTask<(CallerKeys Keys, HubError? Error)> ForAsync(GatewayCaller caller, CancellationToken cancellationToken)
    {
        if (!enabled)
        {
            return (CallerKeys.None, null);
        }

        if (cache.TryGetValue(caller.OrganizationId, out OrganizationKeys? cached))
        {
            return (new CallerKeys(cached!, caller.ProjectId), null);
        }

        try
        {
            var loaded = await loads.RunAsync(caller.OrganizationId, LoadAsync, cancellationToken);
            return (new CallerKeys(loaded, caller.ProjectId), null);
        }
        catch (NpgsqlException ex)
        {
            Log.StoreUnavailable(logger, ex);
            return (CallerKeys.None, new HubError(StatusCodes.Status503ServiceUnavailable, "service_unavailable_error", "byok_unavailable",
                "The gateway cannot read this organization's provider keys right now, so the request was not sent. Try again shortly."));
        }
    }

    public void Forget(Guid organizationId) => cache.Remove(organizationId);

    public void Dispose() => cache.Dispose();

    private async Task<OrganizationKeys> LoadAsync(Guid organizationId)
    {
        var stored = await keys.LoadSealedAsync(organizationId, CancellationToken.None);
        var loaded = stored.Count == 0 ? OrganizationKeys.None : await WithDataKeyAsync(organizationId, stored);
        cache.Set(organizationId, loaded, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = ttl });
        return loaded;
    }

    /// <summary>
    /// The keys with the data key that opens them. When it cannot be unwrapped (no master key here, or
    /// not the one that wrapped it), the keys are kept without it: the router still knows the
    /// organization pays these providers itself, and a request to one fails rather than going on Hub's key.
    /// </summary>
    private async Task<OrganizationKeys> WithDataKeyAsync(Guid organizationId, IReadOnlyList<SealedByokKey> stored)
    {
        if (masterKeys.Ring is null)
        {
            Log.DataKeyUnreadable(logger, organizationId, "no master key is configured (Hub:Secrets:MasterKey)");
            return OrganizationKeys.From(stored, null, "Hub:Secrets:MasterKey is not configured on this gateway.");
        }

        try
        {
            return OrganizationKeys.From(stored, await dataKeys.FindAsync(organizationId, CancellationToken.None), null);
        }
        catch (SecretUnreadableException ex)
        {
            Log.DataKeyUnreadable(logger, organizationId, ex.Message);
            return OrganizationKeys.From(stored, null, ex.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.ByokStoreUnavailable, EventName = nameof(StoreUnavailable), Level = LogLevel.Error,
            Message = "Stored provider keys could not be read from Postgres; request refused")]
        public static partial void StoreUnavailable(ILogger logger, Exception exception);

        [LoggerMessage(EventId = Diagnostics.EventIds.ByokDataKeyUnreadable, EventName = nameof(DataKeyUnreadable), Level = LogLevel.Error,
            Message = "The data key of organization {OrganizationId} cannot be unwrapped ({Reason}); its stored provider keys cannot be used")]
        public static partial void DataKeyUnreadable(ILogger logger, Guid organizationId, string reason);
    }
}
