using Hub.Admin.Schema;
using Hub.Core.Audit;
using Npgsql;

namespace Hub.Admin.Audit;

/// <summary>
/// Once at start-up and then daily: creates the audit partitions the coming weeks' rows will need and
/// drops those whose rows have all expired (<see cref="AuditRetentionRepository"/>). Every Admin
/// instance runs it; both steps are safe to run concurrently.
/// </summary>
internal sealed partial class AuditRetentionService(
    AuditRetentionRepository retention, SchemaState schema, TimeProvider time, ILogger<AuditRetentionService> logger)
    : BackgroundService
{
    /// <summary>Partitions are monthly and created weeks ahead, so a daily run has ample slack.</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await schema.WhenReady.WaitAsync(stoppingToken);
        while (true)
        {
            var delay = Interval;
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                // Appends create a missing partition themselves, and expired rows only wait longer: retry later.
                Log.RetentionFailed(logger, RetryAfterFailure.TotalMinutes, ex);
                delay = RetryAfterFailure;
            }

            await Task.Delay(delay, time, stoppingToken);
        }
    }

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var created = await retention.EnsurePartitionsAsync(now, cancellationToken);
        var dropped = await retention.DropExpiredPartitionsAsync(now, cancellationToken);
        Log.RetentionRan(logger, created.Count, dropped.Count, dropped.Count == 0 ? "-" : string.Join(',', dropped));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.AuditRetentionRan, EventName = nameof(RetentionRan), Level = LogLevel.Information,
            Message = "Audit retention: {Created} partition(s) created, {Dropped} expired partition(s) dropped ({DroppedNames})")]
        public static partial void RetentionRan(ILogger logger, int created, int dropped, string droppedNames);

        [LoggerMessage(EventId = Diagnostics.EventIds.AuditRetentionFailed, EventName = nameof(RetentionFailed), Level = LogLevel.Warning,
            Message = "Audit retention could not run; retrying in {DelayMinutes} min")]
        public static partial void RetentionFailed(ILogger logger, double delayMinutes, Exception exception);
    }
}
