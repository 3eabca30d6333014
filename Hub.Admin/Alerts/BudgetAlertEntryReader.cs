using System.Text.Json;
using Hub.Core.Billing.Alerts;
using StackExchange.Redis;

namespace Hub.Admin.Alerts;

/// <summary>Turns one stream entry into a <see cref="BudgetAlert"/>, or says (without quoting it) why it cannot be recorded.</summary>
internal static class BudgetAlertEntryReader
{
    public static (BudgetAlert? Alert, string? Problem) Read(StreamEntry entry)
    {
        var json = entry[BudgetAlertFeed.AlertField];
        if (json.IsNullOrEmpty)
        {
            return (null, $"no '{BudgetAlertFeed.AlertField}' field");
        }

        BudgetAlert? alert;
        try
        {
            alert = BudgetAlertFeed.Deserialize(json.ToString());
        }
        catch (JsonException)
        {
            // The message would quote the payload; the reason alone is enough to find the entry.
            return (null, "not valid budget alert JSON");
        }

        return BudgetAlertRules.Problem(alert) is { } problem ? (null, problem) : (alert, null);
    }
}
