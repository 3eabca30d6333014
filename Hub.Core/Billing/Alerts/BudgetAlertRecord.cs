namespace Hub.Core.Billing.Alerts;

/// <summary>A recorded alert (a <c>budget_alerts</c> row) and where its webhook delivery stands.</summary>
/// <param name="EventId">See <see cref="BudgetAlertEventId"/>.</param>
public sealed record BudgetAlertRecord(Guid Id, string EventId, BudgetAlert Alert, DateTimeOffset RecordedAt, BudgetAlertDelivery Delivery);

/// <summary>
/// A delivery to the organization's webhook (a <c>budget_alert_deliveries</c> row), or
/// <see cref="BudgetAlertDeliveryStates.None"/> when the organization had no webhook when the alert was recorded.
/// </summary>
/// <param name="NextAttemptAt">While pending: when the next attempt is due.</param>
/// <param name="LastStatus">The receiver's HTTP status at the last attempt; null when it did not answer.</param>
/// <param name="LastError">Why the last attempt failed (<c>http 500</c>, <c>timeout</c>, …); null after a success.</param>
public sealed record BudgetAlertDelivery(
    string State,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? LastAttemptAt,
    int? LastStatus,
    string? LastError,
    DateTimeOffset? DeliveredAt)
{
    public static readonly BudgetAlertDelivery None = new(BudgetAlertDeliveryStates.None, 0, null, null, null, null, null);
}

/// <summary>Values of <see cref="BudgetAlertDelivery.State"/>.</summary>
public static class BudgetAlertDeliveryStates
{
    /// <summary>No webhook was configured when the alert was recorded: nothing to deliver.</summary>
    public const string None = "none";

    /// <summary>Waiting for its first or next attempt.</summary>
    public const string Pending = "pending";

    /// <summary>The receiver answered 2xx.</summary>
    public const string Delivered = "delivered";

    /// <summary>Every attempt failed; no more will be made.</summary>
    public const string Failed = "failed";

    /// <summary>The webhook was deleted before the delivery succeeded.</summary>
    public const string Cancelled = "cancelled";
}

/// <summary>What <see cref="BudgetAlertRepository.RecordAsync"/> did with a reported alert.</summary>
public enum BudgetAlertRecording
{
    /// <summary>First report: stored, with a pending delivery when the organization has a webhook.</summary>
    Recorded,

    /// <summary>Already stored: nothing changed.</summary>
    Duplicate,

    /// <summary>The organization has no such budget: not stored.</summary>
    UnknownBudget,
}

/// <param name="AlertId">The stored alert; null for <see cref="BudgetAlertRecording.UnknownBudget"/>.</param>
/// <param name="AuditQueued">Whether its audit event has been sent to the audit stream already.</param>
/// <param name="DeliveryQueued">Whether this call queued a webhook delivery.</param>
public sealed record BudgetAlertRecordResult(BudgetAlertRecording Outcome, Guid? AlertId, bool AuditQueued, bool DeliveryQueued);

/// <summary>Filters of <see cref="BudgetAlertRepository.QueryAsync"/>; null ones are not applied. Newest first.</summary>
/// <param name="From">Inclusive lower bound of <see cref="BudgetAlert.OccurredAt"/>.</param>
/// <param name="To">Exclusive upper bound of <see cref="BudgetAlert.OccurredAt"/>.</param>
public sealed record BudgetAlertQuery(Guid? BudgetId = null, DateTimeOffset? From = null, DateTimeOffset? To = null, int Limit = BudgetAlertQuery.DefaultLimit)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
}
