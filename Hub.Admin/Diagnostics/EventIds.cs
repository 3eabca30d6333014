namespace Hub.Admin.Diagnostics;

/// <summary>Every log event of Hub.Admin, one registry so ids stay unique.</summary>
internal static class EventIds
{
    public const int SchemaMigrated = 1001;
    public const int DatabaseNotReady = 1002;
    public const int CatalogSeeded = 1003;
    public const int AdminTokenRejected = 2001;
    public const int InvalidationPublishFailed = 3001;
    public const int AuditConsumerStarted = 4001;
    public const int AuditBatchStored = 4002;
    public const int AuditEntriesClaimed = 4003;
    public const int AuditEntryDeadLettered = 4004;
    public const int AuditConsumeFailed = 4005;
    public const int AuditRetentionRan = 4011;
    public const int AuditRetentionFailed = 4012;

    // 5000–5099: wallet and budgets
    public const int LiveBalanceUnavailable = 5001;

    // 5100–5119: rate limits
    public const int ProjectRateLimitsSet = 5100;
    public const int KeyRateLimitsSet = 5101;

    // Budget alerts (Alerts/): 5200–5229.
    public const int BudgetAlertConsumerStarted = 5200;
    public const int BudgetAlertBatchRecorded = 5201;
    public const int BudgetAlertEntriesClaimed = 5202;
    public const int BudgetAlertEntryDeadLettered = 5203;
    public const int BudgetAlertConsumeFailed = 5204;
    public const int BudgetAlertDelivered = 5210;
    public const int BudgetAlertAttemptFailed = 5211;
    public const int BudgetAlertGaveUp = 5212;
    public const int BudgetAlertDeliveryCancelled = 5213;
    public const int BudgetAlertAttemptSuperseded = 5214;
    public const int BudgetAlertFinishFailed = 5215;
    public const int BudgetAlertDispatchFailed = 5216;

    // BYOK (Byok/, the audit consumer's last_used_at, projects' routing): 5300–5339.
    public const int ByokKeyStored = 5300;
    public const int ByokKeyDeleted = 5301;
    public const int ByokKeyProbed = 5302;
    public const int ByokDataKeyUnreadable = 5303;
    public const int ProjectRoutingSet = 5310;
    public const int ByokLastUsedFailed = 5320;

    // Master key rotation (Secrets/): 5340–5359.
    public const int MasterKeyRotated = 5340;
    public const int DataKeyUnreadable = 5341;
    public const int MasterKeyRotationRefused = 5342;
    public const int MasterKeyRotationFailed = 5343;
}
