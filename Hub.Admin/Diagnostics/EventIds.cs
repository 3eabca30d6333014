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

    // 5100–5119: rate limits
    public const int ProjectRateLimitsSet = 5100;
    public const int KeyRateLimitsSet = 5101;
}
