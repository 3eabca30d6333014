using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Hub.IntegrationTests.OpenAINpm;

namespace Hub.IntegrationTests.AppHost;

/// <summary>
/// The real thing: the built Hub.AppHost starts Postgres, Redis, Scanner, Admin and Gateway in a
/// fresh data folder; a chat completion goes through the gateway to <c>mock/echo</c> with the printed
/// development key; SIGINT stops every process it started.
/// </summary>
public sealed class AppHostEndToEndTests : IAsyncLifetime
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), $"hub-apphost-e2e-{Guid.NewGuid():N}");
    private readonly StringBuilder output = new();
    private Process? appHost;
    private JsonElement endpoints;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Name; // artifacts/bin/<project>/<configuration>/
        var dll = Path.Combine(NpmOpenAIPackage.RepositoryRoot(), "artifacts", "bin", "Hub.AppHost", configuration, "Hub.AppHost.dll");
        Assert.True(File.Exists(dll), $"Hub.AppHost is not built at {dll}");

        // env --default-signal: a test runner started in the background inherits an ignored SIGINT,
        // which .NET keeps ignoring; the AppHost must hear the Ctrl-C this test sends.
        var start = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--default-signal=INT", "dotnet", dll, "--data-dir", dataDirectory })
        {
            start.ArgumentList.Add(argument);
        }

        appHost = Process.Start(start)!;
        appHost.OutputDataReceived += (_, line) => { lock (output) output.AppendLine(line.Data); };
        appHost.ErrorDataReceived += (_, line) => { lock (output) output.AppendLine(line.Data); };
        appHost.BeginOutputReadLine();
        appHost.BeginErrorReadLine();

        var endpointsFile = Path.Combine(dataDirectory, "endpoints.json");
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!File.Exists(endpointsFile))
        {
            if (appHost.HasExited)
            {
                Assert.Fail($"The AppHost exited early ({appHost.ExitCode}):\n{Output}");
            }

            Assert.True(DateTime.UtcNow < deadline, $"No endpoints.json after 3 minutes:\n{Output}");
            await Task.Delay(100, Cancel);
        }

        endpoints = JsonDocument.Parse(await File.ReadAllTextAsync(endpointsFile, Cancel)).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        if (appHost is { HasExited: false })
        {
            appHost.Kill(entireProcessTree: true);
            await appHost.WaitForExitAsync(CancellationToken.None);
        }

        appHost?.Dispose();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left in /tmp: harmless, and useful when a failure needs looking at.
        }
    }

    private string Output
    {
        get { lock (output) return output.ToString(); }
    }

    [Fact]
    public async Task Run_ChatCompletionToMockEcho_ThenSigintStopsEverything()
    {
        var gateway = endpoints.GetProperty("gateway").GetString()!;
        using var client = new HttpClient { BaseAddress = new Uri(gateway.TrimEnd('/') + "/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", endpoints.GetProperty("apiKey").GetString());

        using var answer = await client.PostAsync("chat/completions", Json("""{"model":"mock/echo","messages":[{"role":"user","content":"Hello through the AppHost"}]}"""), Cancel);
        var completion = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(Cancel)).RootElement;
        using var stream = await client.PostAsync("chat/completions", Json("""{"model":"mock/echo","stream":true,"messages":[{"role":"user","content":"and streamed"}]}"""), Cancel);
        var sse = await stream.Content.ReadAsStringAsync(Cancel);

        Assert.Equal("Hello through the AppHost", completion.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.EndsWith("data: [DONE]\n\n", sse, StringComparison.Ordinal);
        Assert.StartsWith("hub_admin_", endpoints.GetProperty("adminToken").GetString(), StringComparison.Ordinal);

        var ports = new[] { "gateway", "admin", "scanner" }.Select(name => new Uri(endpoints.GetProperty(name).GetString()!).Port).ToList();
        var children = RecordedChildren();
        Assert.Equal(["admin", "cache", "gateway", "postgres", "scanner"], children.Keys.Order());
        Assert.All(children.Values, pid => Assert.True(IsAlive(pid)));

        using (var interrupt = Process.Start("kill", ["-INT", appHost!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await interrupt.WaitForExitAsync(Cancel);
        }

        await appHost.WaitForExitAsync(Cancel).WaitAsync(TimeSpan.FromMinutes(1), Cancel);
        Assert.True(appHost.ExitCode == 0, $"AppHost exit code {appHost.ExitCode}:\n{Output}");
        Assert.False(File.Exists(Path.Combine(dataDirectory, "endpoints.json")));
        Assert.All(children, child => Assert.False(IsAlive(child.Value), $"{child.Key} (pid {child.Value}) outlived the AppHost"));
        foreach (var port in ports)
        {
            Assert.False(await IsListeningAsync(port), $"Port {port} still answers after the AppHost stopped.");
        }
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>The AppHost's record of its children: <c>run/&lt;resource&gt;.pid</c> holding "pid start-time signal".</summary>
    private Dictionary<string, int> RecordedChildren() =>
        Directory.GetFiles(Path.Combine(dataDirectory, "run"), "*.pid").ToDictionary(
            file => Path.GetFileNameWithoutExtension(file),
            file => int.Parse(File.ReadAllText(file).Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Running and not a zombie (state field "Z" in /proc/&lt;pid&gt;/stat).</summary>
    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static async Task<bool> IsListeningAsync(int port)
    {
        using var socket = new TcpClient();
        try
        {
            await socket.ConnectAsync("127.0.0.1", port, Cancel);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
