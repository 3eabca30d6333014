using System.Globalization;
using Hub.AppHost.LocalServers;

namespace Hub.AppHost.Orchestration;

/// <summary>
/// Records each running child in <c>&lt;data-dir&gt;/run/&lt;resource&gt;.pid</c> ("pid start-time signal"),
/// so the next run can stop what an AppHost killed with SIGKILL left behind: a leftover postmaster would
/// keep the cluster locked, a leftover redis-server would write the same append-only file. The start
/// time (from /proc) makes sure a recycled process id is never signalled.
/// </summary>
internal sealed class ChildProcessLedger(string dataDirectory)
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(20);

    private string Folder => Path.Combine(dataDirectory, "run");

    public void Record(string resourceName, int processId, int stopSignal)
    {
        if (StartTime(processId) is { } startTime)
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllText(Path.Combine(Folder, resourceName + ".pid"), FormattableString.Invariant($"{processId} {startTime} {stopSignal}"));
        }
    }

    public void Forget(string resourceName) => File.Delete(Path.Combine(Folder, resourceName + ".pid"));

    /// <summary>Stops every recorded child that is still the same process, all at once (they are orphans: order no longer matters), then forgets it.</summary>
    public async Task StopLeftoversAsync(ResourceConsole console, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Folder))
        {
            return;
        }

        var stops = new List<Task>();
        foreach (var file in Directory.GetFiles(Folder, "*.pid"))
        {
            var fields = (await File.ReadAllTextAsync(file, cancellationToken)).Split(' ');
            if (fields.Length == 3
                && int.TryParse(fields[0], CultureInfo.InvariantCulture, out var processId)
                && int.TryParse(fields[2], CultureInfo.InvariantCulture, out var signal)
                && StartTime(processId) == fields[1])
            {
                console.Info($"stopping {Path.GetFileNameWithoutExtension(file)} (pid {processId}), left running by an AppHost that did not stop cleanly");
                stops.Add(StopAsync(processId, signal, cancellationToken));
            }
        }

        await Task.WhenAll(stops);
        foreach (var file in Directory.GetFiles(Folder, "*.pid"))
        {
            File.Delete(file);
        }
    }

    /// <summary>Signals the process, waits for it to go, and kills it after the grace period.</summary>
    public static async Task StopAsync(int processId, int signal, CancellationToken cancellationToken)
    {
        UnixSignal.Send(processId, signal);
        var deadline = DateTime.UtcNow + Grace;
        while (IsRunning(processId))
        {
            if (DateTime.UtcNow > deadline)
            {
                UnixSignal.Send(processId, UnixSignal.Kill);
                deadline = DateTime.MaxValue;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>The kernel's name for the process (<c>/proc/&lt;pid&gt;/comm</c>), or null when it is gone.</summary>
    public static string? ProgramName(int processId) => ReadProc(processId, "comm")?.Trim();

    /// <summary>Alive and not a zombie (a container's PID 1 may never reap our orphans).</summary>
    private static bool IsRunning(int processId) => Stat(processId) is { } stat && stat[0] != "Z";

    /// <summary>Field 22 of /proc/&lt;pid&gt;/stat, in clock ticks since boot; null without /proc (macOS) or process.</summary>
    private static string? StartTime(int processId) => Stat(processId) is { Length: > 19 } stat ? stat[19] : null;

    /// <summary>The fields after the command name, which is parenthesised and may hold spaces: [0] is field 3.</summary>
    private static string[]? Stat(int processId) =>
        ReadProc(processId, "stat") is { } text ? text[(text.LastIndexOf(')') + 2)..].Split(' ') : null;

    private static string? ReadProc(int processId, string file)
    {
        try
        {
            return File.ReadAllText($"/proc/{processId}/{file}");
        }
        catch (IOException)
        {
            // No such process (any more), or no /proc: nothing to stop.
            return null;
        }
    }
}
