namespace Hub.Admin.Audit;

/// <summary>Ids, counts and reasons only: never an entry's content.</summary>
internal sealed partial class AuditStreamConsumer
{
    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.AuditConsumerStarted, EventName = nameof(ConsumerStarted), Level = LogLevel.Information,
            Message = "Audit consumer {ConsumerName} started")]
        public static partial void ConsumerStarted(ILogger logger, string consumerName);

        [LoggerMessage(EventId = Diagnostics.EventIds.AuditBatchStored, EventName = nameof(BatchStored), Level = LogLevel.Debug,
            Message = "Audit batch stored: {Stored} new, {Duplicates} already stored")]
        public static partial void BatchStored(ILogger logger, int stored, int duplicates);

        [LoggerMessage(EventId = Diagnostics.EventIds.AuditEntriesClaimed, EventName = nameof(EntriesClaimed), Level = LogLevel.Information,
            Message = "Took over {Count} audit entries left unacknowledged by another consumer")]
        public static partial void EntriesClaimed(ILogger logger, int count);

        [LoggerMessage(EventId = Diagnostics.EventIds.AuditEntryDeadLettered, EventName = nameof(EntryDeadLettered), Level = LogLevel.Warning,
            Message = "Audit entry {EntryId} moved to the dead-letter stream: {Reason}")]
        public static partial void EntryDeadLettered(ILogger logger, string entryId, string reason);

        [LoggerMessage(EventId = Diagnostics.EventIds.AuditConsumeFailed, EventName = nameof(ConsumeFailed), Level = LogLevel.Warning,
            Message = "Audit events could not be moved to Postgres; retrying in {DelayMs} ms")]
        public static partial void ConsumeFailed(ILogger logger, double delayMs, Exception exception);

        [LoggerMessage(EventId = Diagnostics.EventIds.ByokLastUsedFailed, EventName = nameof(ByokLastUsedFailed), Level = LogLevel.Warning,
            Message = "When {Count} provider keys were last used could not be recorded; the audit events are stored")]
        public static partial void ByokLastUsedFailed(ILogger logger, int count, Exception exception);
    }
}
