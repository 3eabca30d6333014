using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Hub.IntegrationTests.OpenAINpm;

namespace Hub.IntegrationTests.AppHost;

/// <summary>The built Hub.AppHost as a child process on a data folder, started and awaited like a user would.</summary>
internal sealed class RunningAppHost : IAsyncDisposable
{
    /// <summary>What the AppHost prints once endpoints.json is written and every service is healthy.</summary>
    private const string RunningLine = "Hub is running.";

    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly TaskCompletionSource running = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RunningAppHost(Process process, string dataDirectory)
    {
        this.process = process;
        DataDirectory = dataDirectory;
        process.OutputDataReceived += (_, line) =>
        {
            lock (output)
            {
                output.AppendLine(line.Data);
            }

            if (line.Data?.Contains(RunningLine, StringComparison.Ordinal) == true)
            {
                running.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, line) => { lock (output) output.AppendLine(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string DataDirectory { get; }

    /// <summary>endpoints.json as written when everything was healthy.</summary>
    public JsonElement Endpoints { get; private set; }

    public string Output
    {
        get { lock (output) return output.ToString(); }
    }

    public int ExitCode => process.ExitCode;

    /// <summary>The AppHost's own record of its children, <c>run/&lt;resource&gt;.pid</c> ("pid start-time signal").</summary>
    public Dictionary<string, int> Children() =>
        Directory.GetFiles(Path.Combine(DataDirectory, "run"), "*.pid").ToDictionary(
            file => Path.GetFileNameWithoutExtension(file),
            file => int.Parse(File.ReadAllText(file).Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The built Hub.AppHost.dll, of the tests' own configuration.</summary>
    public static string Dll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Name; // artifacts/bin/<project>/<configuration>/
        var dll = Path.Combine(NpmOpenAIPackage.RepositoryRoot(), "artifacts", "bin", "Hub.AppHost", configuration, "Hub.AppHost.dll");
        Assert.True(File.Exists(dll), $"Hub.AppHost is not built at {dll}");
        return dll;
    }

    /// <summary>Runs an AppHost command (e.g. <c>rotate-master-key</c>) on the data folder to its end.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(string dataDirectory, string command, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Dll(), command, "--data-dir", dataDirectory })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
        return (process.ExitCode, await output + await error);
    }

    public static async Task<RunningAppHost> StartAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var dll = Dll();

        // env --default-signal: a test runner started in the background inherits an ignored SIGINT,
        // which .NET keeps ignoring; the AppHost must hear the Ctrl-C a test sends.
        var start = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--default-signal=INT", "dotnet", dll, "--data-dir", dataDirectory })
        {
            start.ArgumentList.Add(argument);
        }

        var appHost = new RunningAppHost(Process.Start(start)!, dataDirectory);
        await appHost.WaitForEndpointsAsync(cancellationToken);
        return appHost;
    }

    /// <summary>Sends the signal (INT is what Ctrl-C sends) and waits up to a minute for the AppHost to exit.</summary>
    public async Task StopAsync(string signal, CancellationToken cancellationToken)
    {
        using (var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(cancellationToken);
        }

        await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromMinutes(1), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        process.Dispose();
    }

    /// <summary>Waits for the AppHost to say it is running (it writes endpoints.json just before), or to exit.</summary>
    private async Task WaitForEndpointsAsync(CancellationToken cancellationToken)
    {
        var exited = process.WaitForExitAsync(cancellationToken);
        var first = await Task.WhenAny(running.Task, exited).WaitAsync(TimeSpan.FromMinutes(3), cancellationToken);
        if (first == exited && !running.Task.IsCompleted)
        {
            Assert.Fail($"The AppHost exited early ({process.ExitCode}):\n{Output}");
        }

        var file = Path.Combine(DataDirectory, "endpoints.json");
        Endpoints = JsonDocument.Parse(await File.ReadAllTextAsync(file, cancellationToken)).RootElement.Clone();
    }
}
