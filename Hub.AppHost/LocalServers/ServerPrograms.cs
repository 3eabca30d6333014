namespace Hub.AppHost.LocalServers;

/// <summary>
/// Finds server programs the way a Debian/Ubuntu machine lays them out: PATH first, then
/// <c>/usr/lib/postgresql/&lt;version&gt;/bin</c> (newest version), then the sbin folders.
/// </summary>
public static class ServerPrograms
{
    public const string PostgresInstallHint = "sudo apt-get install -y postgresql";
    public const string RedisInstallHint = "sudo apt-get install -y redis-server";

    public static string? Find(string program)
    {
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

    /// <summary>Like <see cref="Find"/>, but says exactly what to install when the program is missing.</summary>
    public static string Require(string program, string installHint) =>
        Find(program) ?? throw new MissingServerProgramException(program, installHint);

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

public sealed class MissingServerProgramException(string program, string installHint)
    : Exception($"'{program}' was not found on PATH or in the usual Debian/Ubuntu folders. Install it with: {installHint}")
{
    public string Program { get; } = program;

    public string InstallHint { get; } = installHint;
}
