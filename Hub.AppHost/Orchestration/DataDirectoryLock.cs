namespace Hub.AppHost.Orchestration;

/// <summary>
/// One AppHost per data folder: two would start two postmasters on one cluster and two redis-servers on
/// one append-only file. An exclusive open is an flock(2) on Linux, released by the kernel even if
/// this process is killed, so a crash never leaves the folder locked.
/// </summary>
internal static class DataDirectoryLock
{
    public const string FileName = "apphost.lock";

    /// <summary>The held lock, or null when another AppHost holds it.</summary>
    public static IDisposable? TryAcquire(string dataDirectory)
    {
        try
        {
            return new FileStream(Path.Combine(dataDirectory, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            // The one expected failure: another process holds the lock. Anything else (permissions) surfaces.
            return null;
        }
    }
}
