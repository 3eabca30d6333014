using Hub.Core.Billing;
using Hub.Core.Byok;
using Hub.Core.Catalog;
using Hub.Core.Keys;
using Hub.Core.Policies;
using Hub.Gateway.Auth;
using Hub.Gateway.Billing;
using Hub.Gateway.Byok;
using Hub.Gateway.Policies;
using Hub.Gateway.Routing;
using StackExchange.Redis;

namespace Hub.Gateway.Invalidation;

/// <summary>
/// Applies what Hub.Admin announces over Redis pub/sub to this instance's caches: a revoked key
/// (<see cref="KeyRevocations"/>) stops working within a second, a saved policy
/// (<see cref="PolicyChanges"/>) applies from the next request, a catalog edit (<see cref="CatalogChanges"/>)
/// is reloaded at once, a budget change (<see cref="BudgetChanges"/>) and a stored provider key
/// (<see cref="ByokChanges"/>) apply from the next request. StackExchange.Redis re-subscribes by
/// itself after a reconnect; a lost message only means waiting for the cache entry's expiry.
/// </summary>
internal sealed partial class CacheInvalidationListener(
    IConnectionMultiplexer redis, ApiKeyAuthenticator keys, ProjectRulesCache projects, RouteCatalog catalog, BudgetCache budgets,
    ByokCache providerKeys, ILogger<CacheInvalidationListener> logger)
    : BackgroundService
{
    /// <remarks>A background task, so an unreachable Redis does not hold up the gateway's start.</remarks>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var subscriber = redis.GetSubscriber();
        try
        {
            await subscriber.SubscribeAsync(RedisChannel.Literal(KeyRevocations.Channel), (_, message) => keys.Forget(message.ToString()));
            await subscriber.SubscribeAsync(RedisChannel.Literal(PolicyChanges.Channel), (_, message) =>
            {
                if (Guid.TryParse(message.ToString(), out var projectId))
                {
                    projects.Forget(projectId);
                }
            });
            await subscriber.SubscribeAsync(RedisChannel.Literal(CatalogChanges.Channel), (_, _) => catalog.RequestReload());
            await subscriber.SubscribeAsync(RedisChannel.Literal(BudgetChanges.Channel), (_, message) =>
            {
                if (Guid.TryParse(message.ToString(), out var organizationId))
                {
                    budgets.Forget(organizationId);
                }
            });
            await subscriber.SubscribeAsync(RedisChannel.Literal(ByokChanges.Channel), (_, message) =>
            {
                if (Guid.TryParse(message.ToString(), out var organizationId))
                {
                    providerKeys.Forget(organizationId);
                }
            });
        }
        catch (RedisException ex)
        {
            Log.SubscribeFailed(logger, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.InvalidationSubscribeFailed, EventName = nameof(SubscribeFailed), Level = LogLevel.Warning,
            Message = "Could not subscribe to key revocations, policy and catalog changes; cached entries expire instead")]
        public static partial void SubscribeFailed(ILogger logger, Exception exception);
    }
}
