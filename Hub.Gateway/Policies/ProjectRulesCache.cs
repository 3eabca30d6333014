using Hub.Core.Policies;
using Hub.Core.Tenancy;
using Hub.Gateway.Auth;
using Hub.Gateway.Errors;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hub.Gateway.Policies;

/// <summary>
/// A project's restrictions and active policy version, read from Postgres once and kept in memory:
/// the hot path does no database work. Hub.Admin announces every policy save on
/// <see cref="PolicyChanges.Channel"/>, which drops the entry so the next request uses the new
/// version; the expiry bounds staleness if that message is lost.
/// </summary>
internal sealed partial class ProjectRulesCache(
    ProjectRepository projects, PolicyRepository policies, IOptions<PolicyCacheOptions> options, ILogger<ProjectRulesCache> logger) : IDisposable
{
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = options.Value.MaxCachedProjects });
    private readonly TimeSpan ttl = TimeSpan.FromSeconds(options.Value.CacheSeconds);
    private readonly SingleFlight<Guid, ProjectRules> loads = new();

    /// <exception cref="Npgsql.NpgsqlException">The store is unreachable; the caller must fail closed.</exception>
    public async ValueTask<ProjectRules> ForAsync(GatewayCaller caller, CancellationToken cancellationToken)
    {
        if (caller.ProjectId is not { } projectId)
        {
            return ProjectRules.AccountDefault;
        }

        if (cache.TryGetValue(projectId, out ProjectRules? rules))
        {
            return rules!;
        }

        return await loads.RunAsync(projectId, _ => LoadAsync(caller.OrganizationId, projectId), cancellationToken);
    }

    /// <summary>The caller's rules, or a 503 when they cannot be read: nothing is sent on rules the gateway could not check (fail closed).</summary>
    public async ValueTask<(ProjectRules? Rules, HubError? Error)> TryForAsync(GatewayCaller caller, CancellationToken cancellationToken)
    {
        try
        {
            return (await ForAsync(caller, cancellationToken), null);
        }
        catch (NpgsqlException ex)
        {
            Log.PolicyStoreUnavailable(logger, ex);
            return (null, new HubError(StatusCodes.Status503ServiceUnavailable, "service_unavailable_error", "policy_unavailable",
                "The gateway cannot load this project's policy right now, so the request was not sent. Try again shortly."));
        }
    }

    public void Forget(Guid projectId) => cache.Remove(projectId);

    private async Task<ProjectRules> LoadAsync(Guid organizationId, Guid projectId)
    {
        var project = await projects.GetAsync(organizationId, projectId, CancellationToken.None);
        var active = await policies.FindActiveAsync(projectId, CancellationToken.None);
        var rules = new ProjectRules(project, active is null
            ? EffectivePolicy.Default
            : new EffectivePolicy(active.Id, active.Version, System.Text.Encoding.UTF8.GetBytes(active.DocumentJson)));
        cache.Set(projectId, rules, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = ttl });
        return rules;
    }

    public void Dispose() => cache.Dispose();

    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.PolicyStoreUnavailable, EventName = nameof(PolicyStoreUnavailable), Level = LogLevel.Error,
            Message = "The policy store could not be reached; request refused")]
        public static partial void PolicyStoreUnavailable(ILogger logger, Exception exception);
    }
}
