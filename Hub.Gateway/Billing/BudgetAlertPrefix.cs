using System.Text.Json;

namespace Hub.Gateway.Billing;

/// <summary>
/// A budget alert (<see cref="Hub.Core.Billing.Alerts.BudgetAlert"/>) as it goes on the stream
/// <see cref="Hub.Core.Billing.Alerts.BudgetAlertFeed.Key"/> (Hub.Admin records it, audits it and calls
/// the organization's webhook). The settlement script knows the crossing only once it has charged, so
/// the gateway hands it the JSON up to the last two fields and the script appends
/// <c>"threshold":…,"spent_credits":…}</c>.
/// </summary>
internal static class BudgetAlertPrefix
{
    public static string Of(CreditAccount account, DateTimeOffset now)
    {
        var budget = account.Budget!;
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(384);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("organization_id", budget.OrganizationId);
            writer.WriteString("budget_id", budget.Id);
            writer.WriteString("scope", budget.Scope);
            writer.WriteString("scope_id", budget.ScopeId);
            writer.WriteString("subject", account.Subject);
            writer.WriteString("period", budget.Period);
            writer.WriteString("period_start", account.PeriodStart);
            writer.WriteNumber("amount_credits", budget.AmountCredits);
            writer.WriteString("occurred_at", now);
            writer.WriteEndObject();
        }

        // Drop the closing brace and leave a comma for the script's two fields.
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan[..^1]) + ",";
    }
}
