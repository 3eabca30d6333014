using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Hub.IntegrationTests.AppHost;

/// <summary>
/// The real thing: the built Hub.AppHost starts Postgres, Redis, Scanner, Admin and Gateway in a
/// fresh data folder, the printed development key works through the gateway, a stop signal ends
/// every process it started, and the next run finds the data where it was left.
/// </summary>
public sealed class AppHostEndToEndTests : IDisposable
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), $"hub-apphost-e2e-{Guid.NewGuid():N}");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left in /tmp: harmless, and useful when a failure needs looking at.
        }
    }

    [Fact]
    public async Task Run_ChatCompletionToMockEcho_ThenCtrlCStopsEverything()
    {
        await using var appHost = await RunningAppHost.StartAsync(dataDirectory, Cancel);
        using var gateway = Client(appHost.Endpoints.GetProperty("gateway").GetString()!, appHost.Endpoints.GetProperty("apiKey").GetString()!);

        using var answer = await gateway.PostAsync("chat/completions", Json("""{"model":"mock/echo","messages":[{"role":"user","content":"Hello through the AppHost"}]}"""), Cancel);
        var completion = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(Cancel)).RootElement;
        using var stream = await gateway.PostAsync("chat/completions", Json("""{"model":"mock/echo","stream":true,"messages":[{"role":"user","content":"and streamed"}]}"""), Cancel);
        var sse = await stream.Content.ReadAsStringAsync(Cancel);

        Assert.Equal("Hello through the AppHost", completion.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.EndsWith("data: [DONE]\n\n", sse, StringComparison.Ordinal);

        var ports = new[] { "gateway", "admin", "scanner" }.Select(name => new Uri(appHost.Endpoints.GetProperty(name).GetString()!).Port).ToList();
        var children = appHost.Children();
        Assert.Equal(["admin", "cache", "gateway", "postgres", "scanner"], children.Keys.Order());
        Assert.All(children.Values, pid => Assert.True(IsAlive(pid)));

        await appHost.StopAsync("INT", Cancel);

        Assert.True(appHost.ExitCode == 0, $"AppHost exit code {appHost.ExitCode}:\n{appHost.Output}");
        Assert.False(File.Exists(Path.Combine(dataDirectory, "endpoints.json")));
        Assert.All(children, child => Assert.False(IsAlive(child.Value), $"{child.Key} (pid {child.Value}) outlived the AppHost"));
        foreach (var port in ports)
        {
            Assert.False(await IsListeningAsync(port), $"Port {port} still answers after the AppHost stopped.");
        }
    }

    [Fact]
    public async Task Run_SecondRunOnSameFolder_KeepsDataAndCredentials()
    {
        string apiKey;
        await using (var first = await RunningAppHost.StartAsync(dataDirectory, Cancel))
        {
            apiKey = first.Endpoints.GetProperty("apiKey").GetString()!;
            Assert.Contains("creating a cluster", first.Output, StringComparison.Ordinal);
            using var admin = Client(first.Endpoints.GetProperty("admin").GetString()!, first.Endpoints.GetProperty("adminToken").GetString()!);
            using var created = await admin.PostAsJsonAsync("admin/v1/projects", new { name = "kept-across-runs" }, Cancel);
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
            await first.StopAsync("TERM", Cancel);
            Assert.Equal(0, first.ExitCode);
        }

        await using var second = await RunningAppHost.StartAsync(dataDirectory, Cancel);
        using var secondAdmin = Client(second.Endpoints.GetProperty("admin").GetString()!, second.Endpoints.GetProperty("adminToken").GetString()!);
        var projects = await secondAdmin.GetFromJsonAsync<JsonElement>("admin/v1/projects", Cancel);

        Assert.Equal(apiKey, second.Endpoints.GetProperty("apiKey").GetString());
        Assert.Contains("kept-across-runs", projects.EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.DoesNotContain("creating a cluster", second.Output, StringComparison.Ordinal);
        await second.StopAsync("TERM", Cancel);
    }

    private static HttpClient Client(string baseUrl, string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

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
