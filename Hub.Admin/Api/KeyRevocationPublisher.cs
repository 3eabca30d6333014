using Hub.Core.Keys;
using StackExchange.Redis;

namespace Hub.Admin.Api;

/// <summary>Tells every gateway instance, through Redis pub/sub, to forget a revoked key now (<see cref="KeyRevocations"/>).</summary>
internal sealed partial class KeyRevocationPublisher(IConnectionMultiplexer redis, ILogger<KeyRevocationPublisher> logger)
{
    public async Task PublishAsync(byte[] keyHash)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(KeyRevocations.Channel), KeyRevocations.Message(keyHash));
        }
        catch (RedisException ex)
        {
            // The revocation is committed; gateways drop the key when their cache entry expires instead.
            Log.RevocationPublishFailed(logger, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.RevocationPublishFailed, EventName = nameof(RevocationPublishFailed), Level = LogLevel.Warning,
            Message = "A key revocation could not be published; gateways will drop the key when their cache expires")]
        public static partial void RevocationPublishFailed(ILogger logger, Exception exception);
    }
}
