using Hub.Core.Randomness;
using Npgsql;
using StackExchange.Redis;

namespace Hub.Admin.Streams;

/// <summary>
/// Where and how a consumer group reads. <paramref name="ClaimIdle"/>: how long an entry may stay read
/// but unacknowledged by another member before this one takes it over (XAUTOCLAIM), on the assumption
/// that its reader died; it must exceed the longest batch, and a live reader that is overtaken only
/// causes a duplicate, which the stores ignore.
/// </summary>
internal sealed record ConsumerGroupSettings(
    string StreamKey, string GroupName, string DeadLetterKey, int BatchSize, TimeSpan PollInterval, TimeSpan ClaimIdle);

/// <summary>A batch to process; <paramref name="Claimed"/> when it was taken over from a member that died.</summary>
internal sealed record ConsumerGroupBatch(StreamEntry[] Entries, bool Claimed);

/// <summary>
/// This process's member of a Redis stream consumer group, for the stores that keep each entry once
/// though Redis delivers it at least once (the audit and budget-alert consumers). Every Admin
/// instance runs one member per group, under a name of its own. <see cref="RunAsync"/>:
/// 1. creates the group if missing (reading from the stream's start);
/// 2. takes a batch: this member's own unacknowledged entries after a failure, else entries another
///    member left unacknowledged for <see cref="ConsumerGroupSettings.ClaimIdle"/>, else new entries;
/// 3. hands it to the consumer, which stores what it can in one commit and moves what it cannot store
///    to the dead-letter stream (<see cref="DeadLetterAsync"/>), so a bad entry never blocks the stream;
/// 4. only after that returns, acknowledges and deletes the whole batch (XACK, then XDEL keeps the stream short).
/// A failure or crash before step 4 leaves the batch pending, and step 2 reads it again.
/// One loop owns an instance: it is not thread-safe.
/// </summary>
internal sealed class ConsumerGroupMember(IConnectionMultiplexer redis, ConsumerGroupSettings settings, IRandomSource random, TimeProvider time)
{
    /// <summary>Dead letters kept (approximately); an operator inspects them, the newest matter most.</summary>
    private const int DeadLetterMaxLength = 10_000;

    private static readonly TimeSpan MaxFailureDelay = TimeSpan.FromSeconds(10);

    private RedisValue claimCursor = "0-0";
    private long lastClaimScan;
    private bool groupReady;
    private bool ownPendingFirst;

    public string Name { get; } = NewName(random);

    /// <summary>
    /// Runs steps 1–4 until <paramref name="stoppingToken"/> fires. Failures that a retry can cure (Redis,
    /// Postgres, timeouts) are reported to <paramref name="failed"/> with the delay before the next try.
    /// </summary>
    public async Task RunAsync(
        Func<ConsumerGroupBatch, CancellationToken, Task> process, Action<TimeSpan, Exception> failed, CancellationToken stoppingToken)
    {
        var failureDelay = settings.PollInterval;
        while (true)
        {
            try
            {
                var (entries, claimed) = await NextBatchAsync();
                if (entries.Length == 0)
                {
                    await Task.Delay(settings.PollInterval, time, stoppingToken);
                    continue;
                }

                await ProcessAsync(entries, claimed, process, stoppingToken);
                failureDelay = settings.PollInterval;
            }
            catch (Exception ex) when (ex is RedisException or NpgsqlException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                // Nothing was acknowledged: the batch stays pending under this member and is read again
                // first. NOGROUP (the stream key was deleted) is answered by creating the group again.
                ownPendingFirst = true;
                groupReady &= ex is not RedisServerException;
                failed(failureDelay, ex);
                await Task.Delay(failureDelay, time, stoppingToken);
                failureDelay = TimeSpan.FromMilliseconds(Math.Min(failureDelay.TotalMilliseconds * 2, MaxFailureDelay.TotalMilliseconds));
            }
        }
    }

    /// <summary>Step 3: keeps the entry, with the reason (which must not quote it), in the dead-letter stream.</summary>
    public async Task DeadLetterAsync(StreamEntry entry, string reason)
    {
        NameValueEntry[] fields = [new("source_id", entry.Id), new("reason", reason), .. entry.Values];
        await redis.GetDatabase().StreamAddAsync(settings.DeadLetterKey, fields, maxLength: DeadLetterMaxLength, useApproximateMaxLength: true);
    }

    /// <summary>
    /// At shutdown: names are per process, so leave no empty member behind; one with pending entries
    /// stays until another member claims them.
    /// </summary>
    public async Task LeaveAsync()
    {
        try
        {
            var database = redis.GetDatabase();
            var pending = await database.StreamPendingMessagesAsync(settings.StreamKey, settings.GroupName, 1, Name);
            if (pending.Length == 0)
            {
                await database.StreamDeleteConsumerAsync(settings.StreamKey, settings.GroupName, Name);
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            // Shutting down without Redis, with Redis too busy to answer in time (RedisTimeoutException is a
            // TimeoutException), or after the host already disposed the connection: an idle member entry in
            // the group is harmless; failing the shutdown is not.
        }
    }

    private async Task ProcessAsync(
        StreamEntry[] entries, bool claimed, Func<ConsumerGroupBatch, CancellationToken, Task> process, CancellationToken cancellationToken)
    {
        // Deleted while pending (acknowledged-and-deleted by a member that then lost the ack): nothing to process.
        var live = Array.FindAll(entries, entry => !entry.IsNull && entry.Values is { Length: > 0 });

        // Step 3
        if (live.Length > 0)
        {
            await process(new ConsumerGroupBatch(live, claimed), cancellationToken);
        }

        // Step 4
        var ids = Array.ConvertAll(entries, entry => entry.Id);
        var database = redis.GetDatabase();
        await database.StreamAcknowledgeAsync(settings.StreamKey, settings.GroupName, ids);
        await database.StreamDeleteAsync(settings.StreamKey, ids);
    }

    /// <summary>Steps 1 and 2.</summary>
    private async Task<(StreamEntry[] Entries, bool Claimed)> NextBatchAsync()
    {
        var database = redis.GetDatabase();
        if (!groupReady)
        {
            await CreateGroupAsync(database);
            groupReady = true;
        }

        if (ownPendingFirst)
        {
            var own = await database.StreamReadGroupAsync(settings.StreamKey, settings.GroupName, Name, "0-0", settings.BatchSize);
            if (own.Length > 0)
            {
                return (own, false);
            }

            ownPendingFirst = false;
        }

        // A scan of the pending list resumes where the last one stopped, and starts over at most every half idle time.
        if (claimCursor != "0-0" || time.GetElapsedTime(lastClaimScan) >= settings.ClaimIdle / 2)
        {
            if (claimCursor == "0-0")
            {
                lastClaimScan = time.GetTimestamp();
            }

            var claimed = await database.StreamAutoClaimAsync(
                settings.StreamKey, settings.GroupName, Name, (long)settings.ClaimIdle.TotalMilliseconds, claimCursor, settings.BatchSize);
            claimCursor = claimed.NextStartId;
            if (claimed.ClaimedEntries.Length > 0)
            {
                return (claimed.ClaimedEntries, true);
            }
        }

        return (await database.StreamReadGroupAsync(settings.StreamKey, settings.GroupName, Name, ">", settings.BatchSize), false);
    }

    private async Task CreateGroupAsync(IDatabase database)
    {
        try
        {
            // From the stream's start ("0-0", not "$"): entries written before any Admin ran are kept.
            await database.StreamCreateConsumerGroupAsync(settings.StreamKey, settings.GroupName, "0-0", createStream: true);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // Another member created it first: the group we need exists.
        }
    }

    private static string NewName(IRandomSource random)
    {
        Span<byte> suffix = stackalloc byte[4];
        random.Fill(suffix);
        return $"{Environment.MachineName}-{Environment.ProcessId}-{Convert.ToHexStringLower(suffix)}";
    }
}
