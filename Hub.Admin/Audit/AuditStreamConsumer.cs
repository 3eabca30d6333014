using Hub.Admin.Schema;
using Hub.Admin.Streams;
using Hub.Core.Audit;
using Hub.Core.Byok;
using Hub.Core.Randomness;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace Hub.Admin.Audit;

/// <summary>
/// Moves audit events from the Redis stream <see cref="AuditFeed.Key"/> to Postgres, as one member of
/// the consumer group <see cref="AuditFeed.ConsumerGroup"/> (<see cref="ConsumerGroupMember"/>: at-least-once
/// delivery, acknowledgement after the commit, take-over of a dead member's entries). Storage is exactly once:
/// 1. wait until the schema is migrated;
/// 2. move entries that cannot be parsed or stored to <see cref="DeadLetterKey"/>, so they do not
///    block the stream;
/// 3. append the rest in one transaction (<see cref="AuditRepository.AppendAsync"/>; a correlation
///    id already stored is skipped, so a redelivery is harmless);
/// 4. record when the organizations' own provider keys that paid were last used
///    (<see cref="ByokRepository.MarkUsedAsync"/>); best effort, after the events are safe.
/// </summary>
internal sealed partial class AuditStreamConsumer(
    IConnectionMultiplexer redis, AuditRepository repository, ByokRepository byokKeys, SchemaState schema, IOptions<AuditConsumerOptions> options,
    IRandomSource random, TimeProvider time, ILogger<AuditStreamConsumer> logger)
    : ConsumerGroupService(
        new ConsumerGroupMember(
            redis,
            options.Value.For(AuditFeed.Key, AuditFeed.ConsumerGroup, DeadLetterKey),
            random,
            time),
        schema)
{
    public const string DeadLetterKey = "hub:audit:dead";

    protected override void Started(string consumerName) => Log.ConsumerStarted(logger, consumerName);

    protected override void Failed(TimeSpan delay, Exception exception) => Log.ConsumeFailed(logger, delay.TotalMilliseconds, exception);

    protected override async Task ProcessAsync(ConsumerGroupBatch batch, CancellationToken cancellationToken)
    {
        if (batch.Claimed)
        {
            Log.EntriesClaimed(logger, batch.Entries.Length);
        }

        var events = new List<(StreamEntry Entry, AuditEvent Event)>(batch.Entries.Length);
        foreach (var entry in batch.Entries)
        {
            // Step 2
            var (auditEvent, problem) = AuditEntryReader.Read(entry);
            if (problem is not null)
            {
                await DeadLetterAsync(entry, problem);
                continue;
            }

            events.Add((entry, auditEvent!));
        }

        // Step 3
        if (events.Count > 0)
        {
            var stored = await AppendAsync(events, cancellationToken);

            // Step 4
            await MarkByokKeysUsedAsync(stored, cancellationToken);
        }
    }

    /// <returns>The events now in the table (new or already stored), without the ones dead-lettered.</returns>
    private async Task<IReadOnlyList<AuditEvent>> AppendAsync(List<(StreamEntry Entry, AuditEvent Event)> events, CancellationToken cancellationToken)
    {
        try
        {
            var all = events.Select(e => e.Event).ToArray();
            var result = await repository.AppendAsync(all, cancellationToken);
            Log.BatchStored(logger, result.Stored, result.Duplicates);
            return all;
        }
        catch (PostgresException ex) when (RefusedData.Is(ex))
        {
            // A value the rules did not foresee and the database refuses must not hold the batch back
            // for ever: store the events one by one and dead-letter the ones refused.
            var stored = new List<AuditEvent>(events.Count);
            foreach (var (entry, auditEvent) in events)
            {
                try
                {
                    var result = await repository.AppendAsync([auditEvent], cancellationToken);
                    Log.BatchStored(logger, result.Stored, result.Duplicates);
                    stored.Add(auditEvent);
                }
                catch (PostgresException single) when (RefusedData.Is(single))
                {
                    await DeadLetterAsync(entry, $"refused by the database (SQLSTATE {single.SqlState})");
                }
            }

            return stored;
        }
    }

    private async Task MarkByokKeysUsedAsync(IReadOnlyList<AuditEvent> stored, CancellationToken cancellationToken)
    {
        var uses = new List<(Guid KeyId, DateTimeOffset UsedAt)>();
        foreach (var auditEvent in stored)
        {
            if (auditEvent.ByokKeyId is { } keyId)
            {
                uses.Add((keyId, auditEvent.OccurredAt));
            }
        }

        try
        {
            await byokKeys.MarkUsedAsync(uses, cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            // Safe to drop: the events are stored and will be acknowledged, and last_used_at is a hint
            // for operators (the next use of the key sets it again). Retrying the batch for it would
            // hold back the audit stream.
            Log.ByokLastUsedFailed(logger, uses.Count, ex);
        }
    }

    private async Task DeadLetterAsync(StreamEntry entry, string reason)
    {
        await Member.DeadLetterAsync(entry, reason);
        Log.EntryDeadLettered(logger, entry.Id.ToString(), reason);
    }
}
