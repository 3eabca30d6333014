using System.Text.Json;
using System.Text.Json.Serialization;
using Hub.Core.Billing.Alerts;

namespace Hub.Admin.Alerts;

/// <summary>
/// The body of a delivery (docs/budget-alerts.md): the alert's fields, its <paramref name="Id"/> (also
/// <c>x-hub-event-id</c>, the same on every attempt) and <paramref name="Type"/>. Money in credits.
/// </summary>
internal sealed record BudgetAlertWebhookPayload(
    string Id,
    string Type,
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
    DateTimeOffset OccurredAt)
{
    public const string EventType = "budget.alert";

    public static byte[] Serialize(string eventId, BudgetAlert alert) => JsonSerializer.SerializeToUtf8Bytes(
        new BudgetAlertWebhookPayload(
            eventId, EventType, alert.OrganizationId, alert.BudgetId, alert.Scope, alert.ScopeId, alert.Subject, alert.Period,
            alert.PeriodStart.ToUniversalTime(), alert.Threshold, alert.SpentCredits, alert.AmountCredits, alert.OccurredAt.ToUniversalTime()),
        BudgetAlertWebhookJsonContext.Default.BudgetAlertWebhookPayload);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(BudgetAlertWebhookPayload))]
internal sealed partial class BudgetAlertWebhookJsonContext : JsonSerializerContext;
