using Hub.Core.Policies;
using StackExchange.Redis;

namespace Hub.Admin.Api;

/// <summary>Tells every gateway instance, through Redis pub/sub, to drop its cached policy of a project now (<see cref="PolicyChanges"/>).</summary>
internal sealed partial class PolicyChangePublisher(IConnectionMultiplexer redis, ILogger<PolicyChangePublisher> logger)
{
    public async Task PublishAsync(Guid projectId)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(PolicyChanges.Channel), PolicyChanges.Message(projectId));
        }
        catch (RedisException ex)
        {
            // The version is committed; gateways pick it up when their cache entry expires instead.
            Log.PolicyChangePublishFailed(logger, projectId, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.PolicyChangePublishFailed, EventName = nameof(PolicyChangePublishFailed), Level = LogLevel.Warning,
            Message = "A policy change of project {ProjectId} could not be published; gateways will use it when their cache expires")]
        public static partial void PolicyChangePublishFailed(ILogger logger, Guid projectId, Exception exception);
    }
}
