namespace Hub.AppHost.LocalServers;

/// <summary>
/// Finds server programs the way a Debian/Ubuntu machine lays them out: PATH first, then
/// <c>/usr/lib/postgresql/&lt;version&gt;/bin</c> (newest version), then the sbin folders.
/// <c>HUB_&lt;PROGRAM&gt;</c> (e.g. <c>HUB_REDIS_SERVER=/opt/redis/bin/redis-server</c>) names the file to
/// use instead, and nothing else is tried: a wrong path is reported as missing, not silently replaced.
/// </summary>
public static class ServerPrograms
{
    public const string PostgresInstallHint = "sudo apt-get install -y postgresql";
    public const string RedisInstallHint = "sudo apt-get install -y redis-server";

    public static string? Find(string program)
    {
        if (Environment.GetEnvironmentVariable(OverrideVariable(program)) is { Length: > 0 } chosen)
        {
            return IsExecutable(chosen) ? Path.GetFullPath(chosen) : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (IsExecutable(Path.Combine(folder, program)))
            {
                return Path.Combine(folder, program);
            }
        }

        foreach (var folder in PostgresBinFolders().Concat(["/usr/sbin", "/usr/local/sbin", "/sbin", "/usr/bin", "/usr/local/bin"]))
        {
            if (IsExecutable(Path.Combine(folder, program)))
            {
                return Path.Combine(folder, program);
            }
        }

        return null;
    }

    /// <summary>The environment variable that overrides the search: <c>redis-server</c> → <c>HUB_REDIS_SERVER</c>.</summary>
    public static string OverrideVariable(string program) =>
        "HUB_" + program.ToUpperInvariant().Replace('-', '_');

    /// <summary>Like <see cref="Find"/>, but says exactly what to install when the program is missing.</summary>
    public static string Require(string program, string installHint)
    {
        if (Find(program) is { } found)
        {
            return found;
        }

        var chosen = Environment.GetEnvironmentVariable(OverrideVariable(program));
        throw string.IsNullOrEmpty(chosen)
            ? new MissingServerProgramException(program, installHint)
            : new MissingServerProgramException(program, installHint, $"'{program}' was not found: {OverrideVariable(program)}={chosen} is not an executable file.");
    }

    private static IEnumerable<string> PostgresBinFolders()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return [];
        }

        return Directory.GetDirectories(root)
            .Select(folder => (folder, version: int.TryParse(Path.GetFileName(folder), out var v) ? v : 0))
            .OrderByDescending(entry => entry.version)
            .Select(entry => Path.Combine(entry.folder, "bin"));
    }

    private static bool IsExecutable(string file) =>
        File.Exists(file) && (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}

public sealed class MissingServerProgramException : Exception
{
    public MissingServerProgramException(string program, string installHint)
        : this(program, installHint, $"'{program}' was not found on PATH or in the usual Debian/Ubuntu folders.")
    {
    }

    /// <param name="problem">What was wrong, as a sentence, e.g. an override pointing nowhere.</param>
    public MissingServerProgramException(string program, string installHint, string problem)
        : base($"{problem} Install it with: {installHint}")
    {
        Program = program;
        InstallHint = installHint;
    }

    public string Program { get; }

    public string InstallHint { get; }
}
