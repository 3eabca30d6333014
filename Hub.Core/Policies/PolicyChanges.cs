namespace Hub.Core.Policies;

/// <summary>
/// How a new policy version reaches every gateway at once: after each save or restore commits,
/// Hub.Admin publishes the project's id (<see cref="Guid"/> "D" format) on this Redis pub/sub channel,
/// and each gateway drops its cached policy for that project. If a message is lost, the cache's own
/// expiry bounds the delay. A change to the project's rate limits is announced the same way, since the
/// gateway caches the project row with its policy.
/// </summary>
public static class PolicyChanges
{
    public const string Channel = "hub:policies:changed";

    /// <summary>The message for a project: its id as the gateway parses it back.</summary>
    public static string Message(Guid projectId) => projectId.ToString("D");
}
