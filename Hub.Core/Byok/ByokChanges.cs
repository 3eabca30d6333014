namespace Hub.Core.Byok;

/// <summary>
/// The Redis pub/sub channel on which Hub.Admin announces that an organization's provider keys
/// changed (the message is the organization id): gateways drop their cached copy at once.
/// </summary>
public static class ByokChanges
{
    public const string Channel = "hub:byok:changed";
}
