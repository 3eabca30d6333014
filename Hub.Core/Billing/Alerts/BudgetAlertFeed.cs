using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hub.Core.Billing.Alerts;

/// <summary>
/// The Redis stream from the gateways (producers, when a budget's spend crosses a threshold) to the
/// alert writer (a consumer group in Hub.Admin). One entry per crossing with a single field,
/// <see cref="AlertField"/>, holding the <see cref="BudgetAlert"/> as snake_case JSON. The same
/// crossing may be written more than once; the writer records it once.
/// </summary>
public static class BudgetAlertFeed
{
    public const string Key = "hub:budget-alerts";
    public const string ConsumerGroup = "budget-alert-writers";
    public const string AlertField = "alert";

    public static string Serialize(BudgetAlert alert) => JsonSerializer.Serialize(alert, BudgetAlertJsonContext.Default.BudgetAlert);

    public static BudgetAlert? Deserialize(string json) => JsonSerializer.Deserialize(json, BudgetAlertJsonContext.Default.BudgetAlert);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(BudgetAlert))]
internal sealed partial class BudgetAlertJsonContext : JsonSerializerContext;
