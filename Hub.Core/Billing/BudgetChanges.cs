namespace Hub.Core.Billing;

/// <summary>
/// Hub.Admin publishes an organization's id here after any change to its budgets; each gateway drops
/// its cached copy. A lost message only means waiting for the cache's expiry.
/// </summary>
public static class BudgetChanges
{
    public const string Channel = "hub:budgets:changed";

    public static string Message(Guid organizationId) => organizationId.ToString("D");
}
