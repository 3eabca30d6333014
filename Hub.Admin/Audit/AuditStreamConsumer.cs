using Hub.Admin.Schema;
using Hub.Core.Audit;
using Hub.Core.Randomness;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace Hub.Admin.Audit;

/// <summary>
/// Moves audit events from the Redis stream <see cref="AuditFeed.Key"/> to Postgres, as one member of
/// the consumer group <see cref="AuditFeed.ConsumerGroup"/> (every Admin instance runs one, under a
/// name of its own). Delivery is at least once, storage exactly once:
/// 1. wait until the schema is migrated, then create the group if missing (reading from the stream's start);
/// 2. take a batch: this consumer's own unacknowledged entries after a failure, else entries another
///    consumer read but left unacknowledged for <see cref="AuditConsumerOptions.ClaimIdleMs"/> (it
///    died), else new entries;
/// 3. move entries that cannot be parsed or stored to <see cref="DeadLetterKey"/>, so they do not
///    block the stream;
/// 4. append the rest in one transaction (<see cref="AuditRepository.AppendAsync"/>; a correlation
///    id already stored is skipped, so a redelivery is harmless);
/// 5. only after the commit, acknowledge and delete the entries (XACK, XDEL keeps the stream short).
/// A crash before step 5 leaves the entries pending, and step 2 reads them again.
/// </summary>
internal sealed partial class AuditStreamConsumer(
    IConnectionMultiplexer redis, AuditRepository repository, SchemaState schema, IOptions<AuditConsumerOptions> options,
    IRandomSource random, TimeProvider time, ILogger<AuditStreamConsumer> logger)
    : BackgroundService
{
    public const string DeadLetterKey = "hub:audit:dead";

    /// <summary>Dead letters kept (approximately); an operator inspects them, the newest matter most.</summary>
    private const int DeadLetterMaxLength = 10_000;

    private static readonly TimeSpan MaxFailureDelay = TimeSpan.FromSeconds(10);

    private readonly AuditConsumerOptions settings = options.Value;
    private readonly string consumerName = NewConsumerName(random);
    private RedisValue claimCursor = "0-0";
    private long lastClaimScan;
    private bool groupReady;
    private bool ownPendingFirst;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Step 1
        await schema.WhenReady.WaitAsync(stoppingToken);
        Log.ConsumerStarted(logger, consumerName);
        var failureDelay = TimeSpan.FromMilliseconds(settings.PollIntervalMs);
        while (true)
        {
            try
            {
                var entries = await NextBatchAsync();
                if (entries.Length == 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(settings.PollIntervalMs), time, stoppingToken);
                    continue;
                }

                await ProcessAsync(entries, stoppingToken);
                failureDelay = TimeSpan.FromMilliseconds(settings.PollIntervalMs);
            }
            catch (Exception ex) when (ex is RedisException or NpgsqlException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                // Nothing was acknowledged: the batch stays pending under this consumer and is read again
                // first. NOGROUP (the stream key was deleted) is answered by creating the group again.
                ownPendingFirst = true;
                groupReady &= ex is not RedisServerException;
                Log.ConsumeFailed(logger, failureDelay.TotalMilliseconds, ex);
                await Task.Delay(failureDelay, time, stoppingToken);
                failureDelay = TimeSpan.FromMilliseconds(Math.Min(failureDelay.TotalMilliseconds * 2, MaxFailureDelay.TotalMilliseconds));
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            // Names are per process, so leave no empty consumer behind; one with pending entries stays
            // until another consumer claims them.
            var database = redis.GetDatabase();
            var pending = await database.StreamPendingMessagesAsync(AuditFeed.Key, AuditFeed.ConsumerGroup, 1, consumerName);
            if (pending.Length == 0)
            {
                await database.StreamDeleteConsumerAsync(AuditFeed.Key, AuditFeed.ConsumerGroup, consumerName);
            }
        }
        catch (RedisException)
        {
            // Shutting down without Redis: an idle consumer entry in the group is harmless.
        }
    }

    /// <summary>Step 2.</summary>
    private async Task<StreamEntry[]> NextBatchAsync()
    {
        var database = redis.GetDatabase();
        if (!groupReady)
        {
            await CreateGroupAsync(database);
            groupReady = true;
        }

        if (ownPendingFirst)
        {
            var own = await database.StreamReadGroupAsync(AuditFeed.Key, AuditFeed.ConsumerGroup, consumerName, "0-0", settings.BatchSize);
            if (own.Length > 0)
            {
                return own;
            }

            ownPendingFirst = false;
        }

        // A scan of the pending list resumes where the last one stopped, and starts over at most every half idle time.
        if (claimCursor != "0-0" || time.GetElapsedTime(lastClaimScan) >= TimeSpan.FromMilliseconds(settings.ClaimIdleMs / 2.0))
        {
            if (claimCursor == "0-0")
            {
                lastClaimScan = time.GetTimestamp();
            }

            var claimed = await database.StreamAutoClaimAsync(
                AuditFeed.Key, AuditFeed.ConsumerGroup, consumerName, settings.ClaimIdleMs, claimCursor, settings.BatchSize);
            claimCursor = claimed.NextStartId;
            if (claimed.ClaimedEntries.Length > 0)
            {
                Log.EntriesClaimed(logger, claimed.ClaimedEntries.Length);
                return claimed.ClaimedEntries;
            }
        }

        return await database.StreamReadGroupAsync(AuditFeed.Key, AuditFeed.ConsumerGroup, consumerName, ">", settings.BatchSize);
    }

    private async Task ProcessAsync(StreamEntry[] entries, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        var done = new List<RedisValue>(entries.Length);
        var events = new List<(StreamEntry Entry, AuditEvent Event)>(entries.Length);
        foreach (var entry in entries)
        {
            if (entry.IsNull || entry.Values is not { Length: > 0 })
            {
                // Deleted while pending (acknowledged-and-deleted by a consumer that then lost the ack): nothing to store.
                done.Add(entry.Id);
                continue;
            }

            // Step 3
            var (auditEvent, problem) = AuditEntryReader.Read(entry);
            if (problem is not null)
            {
                await DeadLetterAsync(database, entry, problem);
                done.Add(entry.Id);
                continue;
            }

            events.Add((entry, auditEvent!));
        }

        // Step 4
        if (events.Count > 0)
        {
            await AppendAsync(database, events, cancellationToken);
            done.AddRange(events.Select(e => e.Entry.Id));
        }

        // Step 5
        var ids = done.ToArray();
        await database.StreamAcknowledgeAsync(AuditFeed.Key, AuditFeed.ConsumerGroup, ids);
        await database.StreamDeleteAsync(AuditFeed.Key, ids);
    }

    private async Task AppendAsync(IDatabase database, List<(StreamEntry Entry, AuditEvent Event)> events, CancellationToken cancellationToken)
    {
        try
        {
            var result = await repository.AppendAsync(events.Select(e => e.Event).ToArray(), cancellationToken);
            Log.BatchStored(logger, result.Stored, result.Duplicates);
        }
        catch (PostgresException ex) when (IsRefusedData(ex))
        {
            // A value the rules did not foresee and the database refuses must not hold the batch back
            // for ever: store the events one by one and dead-letter the ones refused.
            foreach (var (entry, auditEvent) in events)
            {
                try
                {
                    var result = await repository.AppendAsync([auditEvent], cancellationToken);
                    Log.BatchStored(logger, result.Stored, result.Duplicates);
                }
                catch (PostgresException single) when (IsRefusedData(single))
                {
                    await DeadLetterAsync(database, entry, $"refused by the database (SQLSTATE {single.SqlState})");
                }
            }
        }
    }

    /// <summary>Classes 22 (data exception) and 23 (integrity violation): retrying the same data cannot succeed.</summary>
    private static bool IsRefusedData(PostgresException ex) =>
        ex.SqlState.StartsWith("22", StringComparison.Ordinal) || ex.SqlState.StartsWith("23", StringComparison.Ordinal);

    private async Task DeadLetterAsync(IDatabase database, StreamEntry entry, string reason)
    {
        NameValueEntry[] fields = [new("source_id", entry.Id), new("reason", reason), .. entry.Values];
        await database.StreamAddAsync(DeadLetterKey, fields, maxLength: DeadLetterMaxLength, useApproximateMaxLength: true);
        Log.EntryDeadLettered(logger, entry.Id.ToString(), reason);
    }

    private static async Task CreateGroupAsync(IDatabase database)
    {
        try
        {
            // From the stream's start ("0-0", not "$"): events the gateways wrote before any Admin ran are kept.
            await database.StreamCreateConsumerGroupAsync(AuditFeed.Key, AuditFeed.ConsumerGroup, "0-0", createStream: true);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // Another consumer created it first: the group we need exists.
        }
    }

    private static string NewConsumerName(IRandomSource random)
    {
        Span<byte> suffix = stackalloc byte[4];
        random.Fill(suffix);
        return $"{Environment.MachineName}-{Environment.ProcessId}-{Convert.ToHexStringLower(suffix)}";
    }
}
