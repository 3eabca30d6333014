using System.Threading.Channels;
using Hub.Core.Audit;
using Hub.Gateway.Billing;
using StackExchange.Redis;

namespace Hub.Gateway.Audit;

/// <summary>
/// Appends each request's <see cref="AuditEvent"/> to the Redis stream <see cref="AuditFeed.Key"/>
/// before the response completes; Hub.Admin's consumer group moves it to Postgres. A request that held
/// credits is settled in the same atomic step (<see cref="CreditStore.SettleAsync"/>), so its charge and
/// its audit event exist together or not at all. If Redis is briefly unreachable the event waits in
/// memory and is retried every second, so an outage of Redis alone loses nothing (a gateway that also
/// stops during that outage loses what it held; its holds then expire).
/// </summary>
internal sealed partial class AuditRecorder(IConnectionMultiplexer redis, CreditStore credits, TimeProvider time, ILogger<AuditRecorder> logger)
    : BackgroundService
{
    private const int MaxPending = 100_000;

    private readonly Channel<(AuditEvent Event, CreditHold? Hold)> pending = Channel.CreateBounded<(AuditEvent Event, CreditHold? Hold)>(
        new BoundedChannelOptions(MaxPending) { FullMode = BoundedChannelFullMode.DropOldest },
        dropped => Log.RetryDropped(logger, dropped.Event.CorrelationId));

    /// <param name="hold">The request's credit hold, settled with the event's <see cref="AuditEvent.Charge"/>; null when it held none.</param>
    public async Task RecordAsync(AuditEvent auditEvent, CreditHold? hold = null)
    {
        try
        {
            await AppendAsync(auditEvent, hold);
        }
        catch (RedisException ex)
        {
            Log.WriteFailed(logger, auditEvent.CorrelationId, ex.GetType().Name);
            pending.Writer.TryWrite((auditEvent, hold));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (auditEvent, hold) in pending.Reader.ReadAllAsync(stoppingToken))
        {
            while (true)
            {
                try
                {
                    await AppendAsync(auditEvent, hold);
                    break;
                }
                catch (RedisException)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                }
            }
        }
    }

    private Task AppendAsync(AuditEvent auditEvent, CreditHold? hold) => hold is not null && auditEvent.Charge is { } charge
        ? credits.SettleAsync(hold, -charge.Credits, charge.SpendCredits, AuditFeed.Serialize(auditEvent), time.GetUtcNow())
        : redis.GetDatabase().StreamAddAsync(AuditFeed.Key, AuditFeed.EventField, AuditFeed.Serialize(auditEvent));

    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.AuditWriteFailed, EventName = nameof(WriteFailed), Level = LogLevel.Warning,
            Message = "Audit event {CorrelationId} could not be written to Redis ({ExceptionType}); retrying in the background")]
        public static partial void WriteFailed(ILogger logger, string correlationId, string exceptionType);

        [LoggerMessage(EventId = Diagnostics.EventIds.AuditRetryDropped, EventName = nameof(RetryDropped), Level = LogLevel.Error,
            Message = "Audit event {CorrelationId} dropped: too many events waiting for Redis")]
        public static partial void RetryDropped(ILogger logger, string correlationId);
    }
}
