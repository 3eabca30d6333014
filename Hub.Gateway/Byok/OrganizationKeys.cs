using System.Collections.Frozen;
using Hub.Core.Byok;
using Hub.Core.Secrets;

namespace Hub.Gateway.Byok;

/// <summary>
/// One organization's stored provider keys as a gateway caches them: still sealed, with the data key
/// that opens them. A key is opened only for the request that uses it (<see cref="Open"/>), so the
/// cache never holds a provider key in the clear.
/// </summary>
internal sealed class OrganizationKeys
{
    public static readonly OrganizationKeys None = new(null, null, FrozenDictionary<string, SealedByokKey>.Empty, FrozenDictionary<Guid, FrozenDictionary<string, SealedByokKey>>.Empty);

    private OrganizationKeys(
        DataKey? dataKey, string? unreadable, FrozenDictionary<string, SealedByokKey> organizationKeys, FrozenDictionary<Guid, FrozenDictionary<string, SealedByokKey>> projectKeys)
    {
        DataKey = dataKey;
        Unreadable = unreadable;
        ForOrganization = organizationKeys;
        ForProjects = projectKeys;
    }

    /// <summary>The organization's own keys, by provider id (case-insensitive).</summary>
    public FrozenDictionary<string, SealedByokKey> ForOrganization { get; }

    /// <summary>Projects' keys, which override the organization's for that project.</summary>
    public FrozenDictionary<Guid, FrozenDictionary<string, SealedByokKey>> ForProjects { get; }

    public bool IsEmpty => ForOrganization.Count == 0 && ForProjects.Count == 0;

    private DataKey? DataKey { get; }

    /// <summary>Why the data key could not be unwrapped (no master key, or not the one that wrapped it); null when it could.</summary>
    private string? Unreadable { get; }

    public static OrganizationKeys From(IReadOnlyList<SealedByokKey> keys, DataKey? dataKey, string? unreadable)
    {
        if (keys.Count == 0)
        {
            return None;
        }

        var organization = keys.Where(key => key.Key.ProjectId is null).ToFrozenDictionary(key => key.Provider, StringComparer.OrdinalIgnoreCase);
        var projects = keys.Where(key => key.Key.ProjectId is not null).GroupBy(key => key.Key.ProjectId!.Value)
            .ToFrozenDictionary(group => group.Key, group => group.ToFrozenDictionary(key => key.Provider, StringComparer.OrdinalIgnoreCase));
        return new OrganizationKeys(dataKey, unreadable, organization, projects);
    }

    /// <summary>The stored credentials in the clear, for one upstream call.</summary>
    /// <exception cref="SecretUnreadableException">The data key is not available, or the sealed credentials do not open.</exception>
    public ByokCredentials Open(SealedByokKey key) =>
        DataKey is { } dataKey ? ByokSeal.Open(dataKey, key) : throw new SecretUnreadableException(Unreadable ?? "The organization's data key is not available.");
}
