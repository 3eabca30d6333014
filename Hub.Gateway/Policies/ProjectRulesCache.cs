using Hub.Core.Policies;
using Hub.Core.Tenancy;
using Hub.Gateway.Auth;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Hub.Gateway.Policies;

/// <summary>
/// A project's restrictions and active policy version, read from Postgres once and kept in memory:
/// the hot path does no database work. Hub.Admin announces every policy save on
/// <see cref="PolicyChanges.Channel"/>, which drops the entry so the next request uses the new
/// version; the expiry bounds staleness if that message is lost.
/// </summary>
internal sealed class ProjectRulesCache(ProjectRepository projects, PolicyRepository policies, IOptions<PolicyCacheOptions> options) : IDisposable
{
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = options.Value.MaxCachedProjects });
    private readonly TimeSpan ttl = TimeSpan.FromSeconds(options.Value.CacheSeconds);

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

        var project = await projects.GetAsync(caller.OrganizationId, projectId, cancellationToken);
        var active = await policies.FindActiveAsync(projectId, cancellationToken);
        rules = new ProjectRules(project, active is null
            ? EffectivePolicy.Default
            : new EffectivePolicy(active.Id, active.Version, System.Text.Encoding.UTF8.GetBytes(active.DocumentJson)));
        cache.Set(projectId, rules, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = ttl });
        return rules;
    }

    public void Forget(Guid projectId) => cache.Remove(projectId);

    public void Dispose() => cache.Dispose();
}
