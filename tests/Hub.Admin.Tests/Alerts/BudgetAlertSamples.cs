using Hub.Core.Billing.Alerts;

namespace Hub.Admin.Tests.Alerts;

/// <summary>Alerts as a gateway reports them: this month, 80 % of a 10 USD budget unless told otherwise.</summary>
internal static class BudgetAlertSamples
{
    public static DateTimeOffset ThisMonth()
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
    }

    /// <summary>Now, in whole seconds, so it reads back from Postgres unchanged.</summary>
    public static DateTimeOffset Now() => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    public static BudgetAlert For(
        Guid organizationId, Guid budgetId, string scope, string scopeId, int threshold = 80, string? subject = null, DateTimeOffset? occurredAt = null) =>
        new(organizationId, budgetId, scope, scopeId, subject ?? scopeId, "monthly", ThisMonth(), threshold, threshold * 100_000L, 10_000_000,
            occurredAt ?? Now());
}
