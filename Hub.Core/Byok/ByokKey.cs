using Hub.Core.Secrets;

namespace Hub.Core.Byok;

/// <summary>
/// A stored provider key as anyone may see it: where it applies, a label, its last four characters
/// and when it was last used. Never the key: the admin API is write-only for secrets.
/// </summary>
/// <param name="ProjectId">Null for the organization's key; a project's key overrides it for that project.</param>
public sealed record ByokKey(
    Guid Id,
    Guid OrganizationId,
    Guid? ProjectId,
    string Provider,
    string? Label,
    string Last4,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? LastUsedAt);

/// <summary>A stored provider key with its sealed credentials, for the gateway, which opens it only for the request that uses it.</summary>
public sealed record SealedByokKey(ByokKey Key, Guid DataKeyId, SealedSecret Credentials)
{
    public string Provider => Key.Provider;
}
