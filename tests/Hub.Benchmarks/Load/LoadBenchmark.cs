using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Hub.Testing;

namespace Hub.Benchmarks.Load;

/// <summary>
/// <c>dotnet run -c Release --project tests/Hub.Benchmarks -- load</c>: the governed gateway under wrk.
/// Starts real Postgres and Redis, the fake upstream (in this process), and Hub.Scanner and
/// Hub.Gateway as their own processes (Production, warnings-only logging), then runs the same wrk
/// script with the 1 KB benchmark prompt straight at the fake upstream and through the gateway (auth, policy, scan with Maximum
/// Protection, redaction, relay, audit event to Redis), at 1 connection (added latency) and at
/// 50 connections (throughput). wrk, the services and the upstream share the machine's cores.
/// </summary>
internal static partial class LoadBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        await using var infrastructure = new LocalInfrastructure();
        await infrastructure.StartAsync(CancellationToken.None);
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        await using var scanner = await ServiceProcess.StartAsync("Hub.Scanner", new Dictionary<string, string>());
        var gatewaySettings = KestrelTestServer.PriceUnlistedModels(KestrelTestServer.GatewaySettings(infrastructure, upstream, scanner.Address));
        GatewayOverheadBenchmarks.AddRateLimits(gatewaySettings);
        await using var gateway = await ServiceProcess.StartAsync("Hub.Gateway", gatewaySettings);
        var gatewayUrl = gateway.Address;
        var tenant = await TestTenant.CreateAsync(infrastructure.DataSource, CancellationToken.None);

        var directScript = WriteScript("direct", BenchmarkPrompt.Body("fake-model"), FakeOpenAIUpstream.ApiKey);
        var gatewayScript = WriteScript("gateway", BenchmarkPrompt.Body("fake/fake-model"), tenant.ProjectKey);
        var directUrl = upstream.BaseUrl + "/chat/completions";
        var viaGatewayUrl = new Uri(gatewayUrl, "/v1/chat/completions").ToString();

        // Warm-up: JIT, connection pools, the key and policy caches.
        Wrk(directScript, directUrl, connections: 10, seconds: 5);
        Wrk(gatewayScript, viaGatewayUrl, connections: 10, seconds: 5);

        var results = new List<(string Target, int Connections, WrkResult Result)>();
        foreach (var connections in new[] { 1, 50 })
        {
            results.Add(("direct", connections, Wrk(directScript, directUrl, connections, seconds)));
            results.Add(("gateway", connections, Wrk(gatewayScript, viaGatewayUrl, connections, seconds)));
        }

        Console.WriteLine();
        Console.WriteLine($"wrk -t2, {seconds} s per run, 1 KB prompt ({BenchmarkPrompt.Body("fake/fake-model").Length} bytes)");
        Console.WriteLine();
        Console.WriteLine("| target | connections | requests/s | p50 | p90 | p99 | non-2xx |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (target, connections, result) in results)
        {
            Console.WriteLine($"| {target} | {connections} | {result.RequestsPerSecond:N0} | {result.P50} | {result.P90} | {result.P99} | {result.Non2xx} |");
        }

        return results.Any(r => r.Result.Non2xx > 0) ? 1 : 0;
    }

    private static string WriteScript(string name, byte[] body, string apiKey)
    {
        var escaped = Encoding.UTF8.GetString(body).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), $"hub-load-{name}.lua");
        File.WriteAllText(path, $"""
            wrk.method = "POST"
            wrk.body = "{escaped}"
            wrk.headers["Content-Type"] = "application/json"
            wrk.headers["Authorization"] = "Bearer {apiKey}"
            """);
        return path;
    }

    private static WrkResult Wrk(string script, string url, int connections, int seconds)
    {
        var start = new ProcessStartInfo("wrk")
        {
            ArgumentList = { "-t", Math.Min(2, connections).ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture),
                "-d", $"{seconds}s", "--latency", "-s", script, url },
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk could not be started: apt-get install -y wrk");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return WrkResult.Parse(output);
    }

    private sealed partial record WrkResult(double RequestsPerSecond, string P50, string P90, string P99, int Non2xx)
    {
        public static WrkResult Parse(string output) => new(
            double.Parse(Match(RequestsPerSecondLine(), output), CultureInfo.InvariantCulture),
            Match(Percentile50(), output),
            Match(Percentile90(), output),
            Match(Percentile99(), output),
            NonSuccessLine().Match(output) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0);

        private static string Match(Regex regex, string output) =>
            regex.Match(output) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("Unexpected wrk output:\n" + output);

        [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
        private static partial Regex RequestsPerSecondLine();

        [GeneratedRegex(@"^\s+50%\s+(\S+)", RegexOptions.Multiline)]
        private static partial Regex Percentile50();

        [GeneratedRegex(@"^\s+90%\s+(\S+)", RegexOptions.Multiline)]
        private static partial Regex Percentile90();

        [GeneratedRegex(@"^\s+99%\s+(\S+)", RegexOptions.Multiline)]
        private static partial Regex Percentile99();

        [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
        private static partial Regex NonSuccessLine();
    }
}
