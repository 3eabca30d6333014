using Hub.Core.Billing;
using Hub.Core.Byok;
using Hub.Core.Keys;
using Hub.Core.Policies;
using StackExchange.Redis;

namespace Hub.Admin.Api;

/// <summary>
/// Tells every gateway instance, through Redis pub/sub, to drop what it cached about a change just
/// committed: a revoked key or a key's new rate limits (<see cref="KeyRevocations"/>), a project's new
/// policy version or rate limits (<see cref="PolicyChanges"/>), an organization's budgets
/// (<see cref="BudgetChanges"/>) or its own provider keys (<see cref="ByokChanges"/>). The gateway side is its <c>CacheInvalidationListener</c>.
/// </summary>
internal sealed partial class CacheInvalidationPublisher(IConnectionMultiplexer redis, ILogger<CacheInvalidationPublisher> logger)
{
    public Task KeyRevokedAsync(byte[] keyHash) => PublishAsync(KeyRevocations.Channel, KeyRevocations.Message(keyHash));

    /// <summary>A key's record changed (its rate limits): gateways drop it from their key cache and read it again.</summary>
    public Task KeyChangedAsync(byte[] keyHash) => PublishAsync(KeyRevocations.Channel, KeyRevocations.Message(keyHash));

    /// <summary>A project's policy or its rate limits changed: gateways drop its cached rules.</summary>
    public Task PolicyChangedAsync(Guid projectId) => PublishAsync(PolicyChanges.Channel, PolicyChanges.Message(projectId));

    public Task BudgetsChangedAsync(Guid organizationId) => PublishAsync(BudgetChanges.Channel, BudgetChanges.Message(organizationId));

    /// <summary>One of the organization's (or its projects') provider keys was stored or deleted: the message is the organization id.</summary>
    public Task ByokChangedAsync(Guid organizationId) => PublishAsync(ByokChanges.Channel, organizationId.ToString("D"));

    private async Task PublishAsync(string channel, string message)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(channel), message);
        }
        catch (RedisException ex)
        {
            // The change is committed; gateways pick it up when their cache entry expires instead.
            Log.PublishFailed(logger, channel, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.InvalidationPublishFailed, EventName = nameof(PublishFailed), Level = LogLevel.Warning,
            Message = "A change could not be announced on {Channel}; gateways will see it when their cache expires")]
        public static partial void PublishFailed(ILogger logger, string channel, Exception exception);
    }
}
