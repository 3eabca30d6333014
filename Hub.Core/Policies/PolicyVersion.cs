namespace Hub.Core.Policies;

/// <summary>
/// One saved version of a project's policy. Versions are immutable: saving or restoring adds a new
/// one and deactivates the previous, which stays as it was (see README.md).
/// </summary>
/// <param name="Version">1, 2, … per project.</param>
/// <param name="DocumentJson">The policy as compact snake_case JSON, exactly as <c>POST /v1/scan</c> takes its <c>policy</c>.</param>
/// <param name="CreatedBy">Who saved it: the admin token's key id.</param>
/// <param name="IsActive">Whether this is the version in force (at most one per project).</param>
public sealed record PolicyVersion(
    Guid Id,
    Guid OrganizationId,
    Guid ProjectId,
    int Version,
    string Name,
    string DocumentJson,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    bool IsActive)
{
    /// <summary>The version this one was restored from; null for a version saved directly.</summary>
    public int? RestoredFrom { get; init; }

    /// <summary>Parses <see cref="DocumentJson"/> (a new object on every call).</summary>
    public PolicyDocument ReadDocument() => PolicyJson.Deserialize(DocumentJson);
}
