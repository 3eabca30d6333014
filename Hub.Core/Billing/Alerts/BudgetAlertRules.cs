using System.Buffers;
using System.Text;

namespace Hub.Core.Billing.Alerts;

/// <summary>
/// What a reported <see cref="BudgetAlert"/> must satisfy to be recorded (the CHECKs of migration 0007,
/// and text that Postgres and UTF-8 can hold). The consumer checks it first so that a bad stream entry
/// is dead-lettered alone; reasons name a field, never its value.
/// </summary>
public static class BudgetAlertRules
{
    public const int MaxScopeIdLength = 256;

    /// <summary>The scope_id of a per-user budget that caps every end user separately.</summary>
    public const string EveryUser = "*";

    private static readonly string[] Scopes = ["organization", "project", "key", "user"];
    private static readonly string[] Periods = ["daily", "weekly", "monthly", "total"];

    /// <summary>Null when the alert can be recorded, else why not.</summary>
    public static string? Problem(BudgetAlert? alert)
    {
        if (alert is null)
        {
            return "the alert is null";
        }

        if (alert.OrganizationId == Guid.Empty || alert.BudgetId == Guid.Empty)
        {
            return "organization_id or budget_id is missing";
        }

        if (!Scopes.Contains(alert.Scope) || !Periods.Contains(alert.Period))
        {
            return "scope or period is missing or unknown";
        }

        if (!IsStorable(alert.ScopeId) || !IsStorable(alert.Subject))
        {
            return "scope_id or subject is missing, too long or not valid text";
        }

        // Only a per-user '*' budget has subjects of its own; any other budget has one subject, itself.
        if (alert.Subject != alert.ScopeId && !(alert.Scope == "user" && alert.ScopeId == EveryUser))
        {
            return "subject differs from scope_id on a budget that is not per user";
        }

        if (!InRange(alert.PeriodStart) || !InRange(alert.OccurredAt))
        {
            return "period_start or occurred_at is missing or out of range";
        }

        // Periods start on calendar boundaries; whole seconds also keep BudgetAlertEventId one-to-one with the unique key.
        if (alert.PeriodStart.UtcTicks % TimeSpan.TicksPerSecond != 0)
        {
            return "period_start is not a whole second";
        }

        if (alert.Threshold is < 1 or > 10_000 || alert.SpentCredits < 0 || alert.AmountCredits <= 0)
        {
            return "threshold, spent_credits or amount_credits is out of range";
        }

        return null;
    }

    private static bool InRange(DateTimeOffset value) => value.UtcDateTime.Year is >= 2000 and <= 9000;

    /// <summary>Postgres text holds no NUL, and UTF-8 cannot encode a lone surrogate.</summary>
    private static bool IsStorable(string? text)
    {
        if (text is not { Length: > 0 and <= MaxScopeIdLength } || text.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        for (var rest = text.AsSpan(); !rest.IsEmpty; )
        {
            if (Rune.DecodeFromUtf16(rest, out _, out var consumed) != OperationStatus.Done)
            {
                return false;
            }

            rest = rest[consumed..];
        }

        return true;
    }
}
