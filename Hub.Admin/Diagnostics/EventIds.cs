namespace Hub.Admin.Diagnostics;

/// <summary>Every log event of Hub.Admin, one registry so ids stay unique.</summary>
internal static class EventIds
{
    public const int SchemaMigrated = 1001;
    public const int DatabaseNotReady = 1002;
    public const int AdminTokenRejected = 2001;
    public const int RevocationPublishFailed = 3001;
}
