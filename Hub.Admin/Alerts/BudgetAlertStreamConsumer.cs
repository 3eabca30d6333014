using Hub.Admin.Schema;
using Hub.Admin.Streams;
using Hub.Core.Audit;
using Hub.Core.Billing.Alerts;
using Hub.Core.Randomness;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace Hub.Admin.Alerts;

/// <summary>
/// Records the crossings the gateways report on <see cref="BudgetAlertFeed.Key"/>, as one member of the
/// consumer group <see cref="BudgetAlertFeed.ConsumerGroup"/> (<see cref="ConsumerGroupMember"/>: at-least-once
/// delivery, acknowledgement only after this returns, take-over of a dead member's entries). Each alert is
/// recorded once per (budget, subject, period start, threshold):
/// 1. wait until the schema is migrated;
/// 2. move entries that cannot be parsed, break <see cref="BudgetAlertRules"/>, name a budget the organization
///    does not have, or that the database refuses, to <see cref="DeadLetterKey"/>;
/// 3. record each of the rest (<see cref="BudgetAlertRepository.RecordAsync"/>: a stored alert is a duplicate and
///    changes nothing; a new one gets its webhook delivery queued in the same commit);
/// 4. write the audit event of every alert whose event is not on the audit stream yet (the audit writer chains
///    it, and ignores a correlation id it has), then note that it is;
/// 5. wake the <see cref="BudgetAlertDispatcher"/> if a delivery was queued. Sending is its job, never this loop's.
/// </summary>
internal sealed partial class BudgetAlertStreamConsumer(
    IConnectionMultiplexer redis, BudgetAlertRepository alerts, BudgetAlertDeliverySignal deliveries, SchemaState schema,
    IOptions<BudgetAlertOptions> options, IRandomSource random, TimeProvider time, ILogger<BudgetAlertStreamConsumer> logger)
    : ConsumerGroupService(
        new ConsumerGroupMember(
            redis,
            options.Value.For(BudgetAlertFeed.Key, BudgetAlertFeed.ConsumerGroup, DeadLetterKey),
            random,
            time),
        schema)
{
    public const string DeadLetterKey = "hub:budget-alerts:dead";

    protected override void Started(string consumerName) => Log.ConsumerStarted(logger, consumerName);

    protected override void Failed(TimeSpan delay, Exception exception) => Log.ConsumeFailed(logger, delay.TotalMilliseconds, exception);

    protected override async Task ProcessAsync(ConsumerGroupBatch batch, CancellationToken cancellationToken)
    {
        if (batch.Claimed)
        {
            Log.EntriesClaimed(logger, batch.Entries.Length);
        }

        var (recorded, duplicates, deliveryQueued) = (0, 0, false);
        var unaudited = new Dictionary<Guid, AuditEvent>();
        foreach (var entry in batch.Entries)
        {
            // Step 2
            var (alert, problem) = BudgetAlertEntryReader.Read(entry);
            if (problem is not null)
            {
                await DeadLetterAsync(entry, problem);
                continue;
            }

            // Step 3
            BudgetAlertRecordResult result;
            try
            {
                result = await alerts.RecordAsync(alert!, time.GetUtcNow(), cancellationToken);
            }
            catch (PostgresException ex) when (RefusedData.Is(ex))
            {
                await DeadLetterAsync(entry, $"refused by the database (SQLSTATE {ex.SqlState})");
                continue;
            }

            if (result.Outcome == BudgetAlertRecording.UnknownBudget)
            {
                await DeadLetterAsync(entry, "the organization has no such budget");
                continue;
            }

            (recorded, duplicates) = result.Outcome == BudgetAlertRecording.Recorded ? (recorded + 1, duplicates) : (recorded, duplicates + 1);
            deliveryQueued |= result.DeliveryQueued;
            if (!result.AuditQueued)
            {
                unaudited.TryAdd(result.AlertId!.Value, BudgetAlertAudit.EventFor(alert!, BudgetAlertEventId.For(alert!)));
            }
        }

        // Step 4
        if (unaudited.Count > 0)
        {
            var database = redis.GetDatabase();
            foreach (var auditEvent in unaudited.Values)
            {
                await database.StreamAddAsync(AuditFeed.Key, AuditFeed.EventField, AuditFeed.Serialize(auditEvent));
            }

            await alerts.MarkAuditQueuedAsync(unaudited.Keys, time.GetUtcNow(), cancellationToken);
        }

        // Step 5
        if (deliveryQueued)
        {
            deliveries.Notify();
        }

        Log.BatchRecorded(logger, recorded, duplicates);
    }

    private async Task DeadLetterAsync(StreamEntry entry, string reason)
    {
        await Member.DeadLetterAsync(entry, reason);
        Log.EntryDeadLettered(logger, entry.Id.ToString(), reason);
    }

    /// <summary>Ids, counts and reasons only: never an entry's content (it may name an end user).</summary>
    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.BudgetAlertConsumerStarted, EventName = nameof(Diagnostics.EventIds.BudgetAlertConsumerStarted), Level = LogLevel.Information,
            Message = "Budget alert consumer {ConsumerName} started")]
        public static partial void ConsumerStarted(ILogger logger, string consumerName);

        [LoggerMessage(EventId = Diagnostics.EventIds.BudgetAlertBatchRecorded, EventName = nameof(Diagnostics.EventIds.BudgetAlertBatchRecorded), Level = LogLevel.Debug,
            Message = "Budget alert batch: {Recorded} new, {Duplicates} already recorded")]
        public static partial void BatchRecorded(ILogger logger, int recorded, int duplicates);

        [LoggerMessage(EventId = Diagnostics.EventIds.BudgetAlertEntriesClaimed, EventName = nameof(Diagnostics.EventIds.BudgetAlertEntriesClaimed), Level = LogLevel.Information,
            Message = "Took over {Count} budget alert entries left unacknowledged by another consumer")]
        public static partial void EntriesClaimed(ILogger logger, int count);

        [LoggerMessage(EventId = Diagnostics.EventIds.BudgetAlertEntryDeadLettered, EventName = nameof(Diagnostics.EventIds.BudgetAlertEntryDeadLettered), Level = LogLevel.Warning,
            Message = "Budget alert entry {EntryId} moved to the dead-letter stream: {Reason}")]
        public static partial void EntryDeadLettered(ILogger logger, string entryId, string reason);

        [LoggerMessage(EventId = Diagnostics.EventIds.BudgetAlertConsumeFailed, EventName = nameof(Diagnostics.EventIds.BudgetAlertConsumeFailed), Level = LogLevel.Warning,
            Message = "Budget alerts could not be recorded; retrying in {DelayMs} ms")]
        public static partial void ConsumeFailed(ILogger logger, double delayMs, Exception exception);
    }
}
