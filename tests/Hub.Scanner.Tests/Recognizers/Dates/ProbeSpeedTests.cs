using System.Diagnostics;
using Hub.Scanner.Recognizers;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Scanner.Tests.Recognizers.Dates;

public sealed class ProbeSpeedTests
{
    [Fact]
    public void Probe_Speed_Writes()
    {
        if (!File.Exists("/tmp/probe-speed.txt"))
        {
            return;
        }

        var prompt = File.ReadAllText("/tmp/probe-speed.txt");
        var shortText = prompt[..100];
        var services = new ServiceCollection().AddScanEngine().BuildServiceProvider();
        var recognizers = services.GetServices<IRecognizer>().ToList();
        var output = new List<string> { $"prompt {prompt.Length} chars" };
        var all = new HashSet<string>(recognizers.SelectMany(r => r.Entities.Select(e => e.Name)));
        var list = new List<RecognizerResult>();
        foreach (var (name, text, n) in new[] { ("2KB", prompt, 20000), ("100", shortText, 100000) })
        {
            double total = 0;
            foreach (var r in recognizers)
            {
                var warm = Stopwatch.StartNew(); while (warm.ElapsedMilliseconds < 400) { list.Clear(); r.Analyze(text, all, list); }
                var us = double.MaxValue;
                for (var batch = 0; batch < 40; batch++)
                {
                    var sw = Stopwatch.StartNew();
                    for (var i = 0; i < n / 40; i++) { list.Clear(); r.Analyze(text, all, list); }
                    us = Math.Min(us, sw.Elapsed.TotalMicroseconds / (n / 40));
                }
                total += us;
                output.Add($"{name} {r.Name,-40} {us,8:0.00} us");
            }

            output.Add($"{name} TOTAL {total:0.00} us");
            var engine = ScannerTestKit.Engine;
            var policy = ScannerTestKit.Policies.Resolve(null).Policy!;
            var warm2 = Stopwatch.StartNew(); while (warm2.ElapsedMilliseconds < 1000) { engine.Scan([text], policy); }
            var best = double.MaxValue;
            for (var batch = 0; batch < 40; batch++)
            {
                var sw2 = Stopwatch.StartNew();
                for (var i = 0; i < n / 100; i++) { engine.Scan([text], policy); }
                best = Math.Min(best, sw2.Elapsed.TotalMicroseconds / (n / 100));
            }

            output.Add($"{name} ENGINE {best:0.00} us");
        }

        var mine = recognizers.Where(r => r.GetType().Namespace!.Contains("Secrets") || r.GetType().Namespace!.Contains("Internet") || r.GetType().Namespace!.Contains("Dates")).ToList();
        foreach (var unit in new[] { "1", "@.", "a", "-", "a.", "1.", "1:", "a:", "sk-", "token=", "ab-", "-----BEGIN RSA PRIVATE KEY-----\n", "http://a.com/)", "May ", "1 May ", "aws ", "Ab1/", "eyJa.", "://a:b@" })
        {
            var big = string.Concat(Enumerable.Repeat(unit, (100 * 1024 / unit.Length) + 1));
            foreach (var r in mine)
            {
                list.Clear();
                var sw = Stopwatch.StartNew();
                r.Analyze(big, all, list);
                if (sw.Elapsed.TotalMilliseconds > 2)
                {
                    output.Add($"ADV {unit,-12} {r.Name,-36} {sw.Elapsed.TotalMilliseconds:0.0} ms {list.Count}");
                }
            }
        }

        File.WriteAllLines("/tmp/probe-speed.out", output);
    }
}
