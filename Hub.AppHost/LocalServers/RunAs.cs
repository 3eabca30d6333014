using System.Diagnostics;

namespace Hub.AppHost.LocalServers;

/// <summary>
/// How to run PostgreSQL's programs: directly for a normal user; as root, through
/// <c>setpriv</c> as the <c>postgres</c> user (created by the Debian package), which owns the data folder.
/// </summary>
internal sealed class RunAs
{
    private const string PostgresUser = "postgres";

    private RunAs(bool switchUser) => SwitchUser = switchUser;

    public bool SwitchUser { get; }

    public static RunAs ForPostgres(string dataDirectory)
    {
        if (Environment.UserName != "root")
        {
            return new RunAs(false);
        }

        var runAs = new RunAs(true);
        Run("chown", "-R", $"{PostgresUser}:{PostgresUser}", dataDirectory);
        Run("chmod", "0700", dataDirectory);

        // The postgres user must be able to reach the data folder through every parent folder.
        for (var parent = Directory.GetParent(Path.GetFullPath(dataDirectory)); parent is not null; parent = parent.Parent)
        {
            var mode = File.GetUnixFileMode(parent.FullName);
            if ((mode & UnixFileMode.OtherExecute) == 0)
            {
                File.SetUnixFileMode(parent.FullName, mode | UnixFileMode.OtherExecute);
            }
        }

        return runAs;
    }

    public string Program(string program) => SwitchUser ? "setpriv" : program;

    public IEnumerable<string> Arguments(string program, IEnumerable<string> arguments) => SwitchUser
        ? ["--reuid", PostgresUser, "--regid", PostgresUser, "--init-groups", "--", program, .. arguments]
        : arguments;

    public void GrantFile(string file)
    {
        if (SwitchUser)
        {
            Run("chown", $"{PostgresUser}:{PostgresUser}", file);
        }
    }

    private static void Run(string program, params string[] arguments)
    {
        using var process = Process.Start(program, arguments);
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{program} {string.Join(' ', arguments)}' failed with exit code {process.ExitCode}.");
        }
    }
}
