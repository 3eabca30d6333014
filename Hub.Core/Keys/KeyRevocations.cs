namespace Hub.Core.Keys;

/// <summary>
/// How a revocation reaches every gateway instance within a second: Hub.Admin publishes the revoked
/// key's hash (upper-case hex of its SHA-256) on this Redis pub/sub channel, and each gateway drops it
/// from its key cache. If a message is lost, the cache's own expiry still bounds the delay. Any other
/// change to a cached key (its rate limits) is announced the same way: the gateway reads it again.
/// </summary>
public static class KeyRevocations
{
    public const string Channel = "hub:keys:revoked";

    /// <summary>The message for a key hash: the same text the gateway's cache is keyed by.</summary>
    public static string Message(byte[] keyHash) => Convert.ToHexString(keyHash);
}
