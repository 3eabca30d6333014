namespace Hub.Core.Billing;

/// <summary>A spending cap: what it covers (<see cref="Scope"/> and <see cref="ScopeId"/>), per calendar <see cref="Period"/>.</summary>
/// <param name="ScopeId">The organization, project or key id, or an end-user id; <see cref="EveryUser"/> caps each end user separately.</param>
/// <param name="AlertThresholds">Percentages of <paramref name="AmountCredits"/> at which an alert fires, once per period each.</param>
public sealed record Budget(
    Guid Id, Guid OrganizationId, string Scope, string ScopeId, string Period, long AmountCredits, IReadOnlyList<int> AlertThresholds)
{
    public const string EveryUser = "*";
}

/// <summary>Values of <see cref="Budget.Scope"/>.</summary>
public static class BudgetScopes
{
    public const string Organization = "organization";
    public const string Project = "project";
    public const string Key = "key";
    public const string User = "user";

    public static readonly IReadOnlyList<string> All = [Organization, Project, Key, User];
}
