using System.Threading.Channels;
using Hub.Core.Audit;
using StackExchange.Redis;

namespace Hub.Gateway.Audit;

/// <summary>
/// Appends each request's <see cref="AuditEvent"/> to the Redis stream <see cref="AuditFeed.Key"/>
/// before the response completes; Hub.Admin's consumer group moves it to Postgres. If Redis is
/// briefly unreachable the event waits in memory and is retried every second, so an outage of Redis
/// alone loses nothing (a gateway that also stops during that outage loses what it held).
/// </summary>
internal sealed partial class AuditRecorder(IConnectionMultiplexer redis, ILogger<AuditRecorder> logger) : BackgroundService
{
    private const int MaxPending = 100_000;

    private readonly Channel<AuditEvent> pending = Channel.CreateBounded<AuditEvent>(
        new BoundedChannelOptions(MaxPending) { FullMode = BoundedChannelFullMode.DropOldest },
        dropped => Log.RetryDropped(logger, dropped.CorrelationId));

    public async Task RecordAsync(AuditEvent auditEvent)
    {
        try
        {
            await AppendAsync(auditEvent);
        }
        catch (RedisException ex)
        {
            Log.WriteFailed(logger, auditEvent.CorrelationId, ex.GetType().Name);
            pending.Writer.TryWrite(auditEvent);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var auditEvent in pending.Reader.ReadAllAsync(stoppingToken))
        {
            while (true)
            {
                try
                {
                    await AppendAsync(auditEvent);
                    break;
                }
                catch (RedisException)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                }
            }
        }
    }

    private Task<RedisValue> AppendAsync(AuditEvent auditEvent) =>
        redis.GetDatabase().StreamAddAsync(AuditFeed.Key, AuditFeed.EventField, AuditFeed.Serialize(auditEvent));

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
