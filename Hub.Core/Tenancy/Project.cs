using Hub.Core.RateLimits;

namespace Hub.Core.Tenancy;

/// <summary>A project: the unit that owns keys, a DLP policy, budgets and provider restrictions.</summary>
public sealed record Project(
    Guid Id,
    Guid OrganizationId,
    string Name,
    string Classification,
    IReadOnlyList<string> AllowedProviders,
    IReadOnlyList<string> DeniedProviders,
    IReadOnlyList<string> AllowedModels,
    string? Region,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string> DeniedModels)
{
    /// <summary>The project's own rate limits (shared by all its keys); none by default.</summary>
    public RateLimitOverrides Limits { get; init; } = RateLimitOverrides.None;

    /// <summary>Whether the router tries the organization's own provider keys before Hub's, whatever they cost (docs/byok.md).</summary>
    public bool PreferByok { get; init; }
}

/// <summary>What a caller may set when creating a project.</summary>
public sealed record NewProject(
    string Name,
    string? Classification = null,
    IReadOnlyList<string>? AllowedProviders = null,
    IReadOnlyList<string>? DeniedProviders = null,
    IReadOnlyList<string>? AllowedModels = null,
    string? Region = null,
    IReadOnlyList<string>? DeniedModels = null,
    bool PreferByok = false);
