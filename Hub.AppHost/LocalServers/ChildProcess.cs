using System.Diagnostics;

namespace Hub.AppHost.LocalServers;

/// <summary>
/// A program we started and must stop: its output is handed on line by line (the orchestrator
/// prefixes it with the resource name), and disposal stops it, politely first.
/// </summary>
/// <remarks>
/// The program runs in a session of its own (through <c>setsid</c>, which execs: same process id, so our
/// signals reach the program itself). A Ctrl-C in the terminal signals the whole foreground process group;
/// outside it, children hear only their owner, who stops them in dependency order (services before the
/// servers they use).
/// </remarks>
public sealed class ChildProcess : IAsyncDisposable
{
    private const string SetSid = "/usr/bin/setsid";

    private readonly Process process;

    private ChildProcess(Process process) => this.process = process;

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public Task WaitForExitAsync(CancellationToken cancellationToken) => process.WaitForExitAsync(cancellationToken);

    public static ChildProcess Start(
        string fileName,
        IEnumerable<string> arguments,
        Action<string> output,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null)
    {
        var ownSession = File.Exists(SetSid);
        var startInfo = new ProcessStartInfo(ownSession ? SetSid : fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        if (ownSession)
        {
            startInfo.ArgumentList.Add("--");
            startInfo.ArgumentList.Add(fileName);
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            startInfo.Environment[name] = value;
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) output(line.Data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) output(line.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildProcess(process);
    }

    /// <summary>
    /// Stops the program: SIGTERM, or SIGINT when <paramref name="interrupt"/> (a fast PostgreSQL
    /// shutdown), then SIGKILL of the whole tree after the grace period.
    /// </summary>
    public async Task StopAsync(TimeSpan grace, bool interrupt = false)
    {
        if (process.HasExited)
        {
            return;
        }

        _ = UnixSignal.Send(process.Id, interrupt ? UnixSignal.Interrupt : UnixSignal.Terminate);
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Did not stop in time: the forced kill below ends it and its children.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        process.Dispose();
    }
}
