using System.Security.Cryptography;
using System.Text;

namespace Hub.Core.Billing.Alerts;

/// <summary>
/// A budget's spend crossed one of its alert thresholds, as a gateway reports it on
/// <see cref="BudgetAlertFeed"/>. Money in credits (1 USD = 1,000,000).
/// </summary>
/// <param name="Scope"><c>organization</c>, <c>project</c>, <c>key</c> or <c>user</c> (<see cref="BudgetAlertRules"/>).</param>
/// <param name="ScopeId">The budget's scope_id: the organization, project or key id, the end-user id, or <c>*</c> (every end user separately).</param>
/// <param name="Subject">Whose spend crossed: the end-user id for a per-user budget whose scope_id is <c>*</c>, else the scope_id.</param>
/// <param name="Period"><c>daily</c>, <c>weekly</c>, <c>monthly</c> or <c>total</c>.</param>
/// <param name="PeriodStart">The UTC instant the crossed period started.</param>
/// <param name="Threshold">Percent of <paramref name="AmountCredits"/>, e.g. 80.</param>
/// <param name="SpentCredits">The spend counted against the budget when it crossed.</param>
/// <param name="AmountCredits">The budget's amount.</param>
/// <param name="OccurredAt">When the crossing happened.</param>
public sealed record BudgetAlert(
    Guid OrganizationId,
    Guid BudgetId,
    string Scope,
    string ScopeId,
    string Subject,
    string Period,
    DateTimeOffset PeriodStart,
    int Threshold,
    long SpentCredits,
    long AmountCredits,
    DateTimeOffset OccurredAt);

/// <summary>
/// The id of one alert, the same however often it is reported: the audit event's correlation id and
/// the webhook's <c>x-hub-event-id</c>.
/// </summary>
public static class BudgetAlertEventId
{
    /// <summary>
    /// <c>alert_&lt;budget id, 32 hex&gt;_&lt;period start, yyyyMMddTHHmmssZ&gt;_&lt;threshold&gt;</c>, followed by
    /// <c>_&lt;first 16 hex of SHA-256(subject)&gt;</c> when the subject is not the scope_id (a per-user budget
    /// with scope_id <c>*</c>): one id per end user, without the end-user id in it.
    /// </summary>
    public static string For(BudgetAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var id = string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"alert_{alert.BudgetId:N}_{alert.PeriodStart.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}_{alert.Threshold}");
        if (alert.Subject == alert.ScopeId)
        {
            return id;
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(alert.Subject), hash);
        return $"{id}_{Convert.ToHexStringLower(hash[..8])}";
    }
}
