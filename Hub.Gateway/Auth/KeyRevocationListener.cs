using Hub.Core.Keys;
using StackExchange.Redis;

namespace Hub.Gateway.Auth;

/// <summary>
/// Listens for revocations published by Hub.Admin (<see cref="KeyRevocations"/>) so a revoked key stops
/// working on this instance within a second instead of when its cache entry expires.
/// StackExchange.Redis re-subscribes by itself after a reconnect.
/// </summary>
internal sealed partial class KeyRevocationListener(
    IConnectionMultiplexer redis, ApiKeyAuthenticator authenticator, ILogger<KeyRevocationListener> logger) : BackgroundService
{
    private static readonly RedisChannel Channel = RedisChannel.Literal(KeyRevocations.Channel);

    /// <remarks>A background task, so an unreachable Redis does not hold up the gateway's start.</remarks>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await redis.GetSubscriber().SubscribeAsync(Channel, (_, message) => authenticator.Forget(message.ToString()));
        }
        catch (RedisException ex)
        {
            // Not fatal: revoked keys then expire from the cache after Gateway:Auth:KeyCacheSeconds.
            Log.SubscribeFailed(logger, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.RevocationSubscribeFailed, EventName = nameof(SubscribeFailed), Level = LogLevel.Warning,
            Message = "Could not subscribe to key revocations; revoked keys expire from the cache instead")]
        public static partial void SubscribeFailed(ILogger logger, Exception exception);
    }
}
