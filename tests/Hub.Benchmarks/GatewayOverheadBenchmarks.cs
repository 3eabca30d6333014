extern alias scanner;

using System.Net.Http.Headers;
using System.Text;
using BenchmarkDotNet.Attributes;
using Hub.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Hub.Benchmarks;

/// <summary>
/// The gateway's added latency at one connection: the same chat completion sent straight to the
/// fake upstream and through the gateway (Kestrel on loopback, real Postgres and Redis behind it,
/// key cached after the first call). The difference between the pairs is what Hub adds.
/// </summary>
[MemoryDiagnoser]
public class GatewayOverheadBenchmarks
{
    private static readonly byte[] DirectBody = Encoding.UTF8.GetBytes(
        """{"model":"fake-model","messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"Say hello"}]}""");
    private static readonly byte[] GatewayBody = Encoding.UTF8.GetBytes(
        """{"model":"fake/fake-model","messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"Say hello"}]}""");
    private static readonly byte[] DirectStreamBody = Encoding.UTF8.GetBytes(
        """{"model":"fake-model","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Say hello"}]}""");
    private static readonly byte[] GatewayStreamBody = Encoding.UTF8.GetBytes(
        """{"model":"fake/fake-model","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Say hello"}]}""");

    private readonly LocalInfrastructure infrastructure = new();
    private FakeOpenAIUpstream upstream = null!;
    private WebApplicationFactory<Program> gateway = null!;
    private WebApplicationFactory<scanner::Program> scannerService = null!;
    private HttpClient directClient = null!;
    private HttpClient gatewayClient = null!;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult(); // BenchmarkDotNet set-up is synchronous.

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    [Benchmark(Baseline = true)]
    public Task<byte[]> Direct_NonStreaming() => PostAsync(directClient, "chat/completions", DirectBody);

    [Benchmark]
    public Task<byte[]> Gateway_NonStreaming() => PostAsync(gatewayClient, "chat/completions", GatewayBody);

    [Benchmark]
    public Task<byte[]> Direct_Streaming() => PostAsync(directClient, "chat/completions", DirectStreamBody);

    [Benchmark]
    public Task<byte[]> Gateway_Streaming() => PostAsync(gatewayClient, "chat/completions", GatewayStreamBody);

    private static async Task<byte[]> PostAsync(HttpClient client, string path, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync(path, content);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode ? bytes : throw new InvalidOperationException($"HTTP {(int)response.StatusCode}: {Encoding.UTF8.GetString(bytes)}");
    }

    private async Task SetupAsync()
    {
        await infrastructure.StartAsync(CancellationToken.None);
        upstream = await FakeOpenAIUpstream.StartAsync();
        (scannerService, var scannerUrl) = KestrelTestServer.Start<scanner::Program>(KestrelTestServer.QuietSettings());
        var settings = KestrelTestServer.GatewaySettings(infrastructure, upstream, scannerUrl);
        settings["Logging:LogLevel:Default"] = "Warning";
        AddRateLimits(settings);
        (gateway, var address) = KestrelTestServer.Start<Program>(KestrelTestServer.PriceUnlistedModels(settings));
        var tenant = await TestTenant.CreateAsync(infrastructure.DataSource, CancellationToken.None);

        // One connection each, as a single sequential client would use.
        directClient = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { BaseAddress = new Uri(upstream.BaseUrl + "/") };
        directClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", FakeOpenAIUpstream.ApiKey);
        gatewayClient = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { BaseAddress = new Uri(address, "/v1/") };
        gatewayClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tenant.ProjectKey);
    }

    /// <summary>
    /// The same prompt is sent over and over, which loop protection would refuse after 20: off here, with
    /// per-key limits no run reaches instead, so each request still pays the rate limit round trip.
    /// </summary>
    internal static void AddRateLimits(Dictionary<string, string> settings)
    {
        settings["RateLimits:Loop:MaxRepeats"] = "0";
        settings["RateLimits:Key:RequestsPerMinute"] = int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["RateLimits:Key:TokensPerMinute"] = int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task CleanupAsync()
    {
        directClient.Dispose();
        gatewayClient.Dispose();
        await gateway.DisposeAsync();
        await scannerService.DisposeAsync();
        await upstream.DisposeAsync();
        await infrastructure.DisposeAsync();
    }
}
