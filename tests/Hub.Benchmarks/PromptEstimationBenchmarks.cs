using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Hub.Gateway.Billing.Estimation;
using Hub.Gateway.ChatCompletions;
using Microsoft.Extensions.Options;

namespace Hub.Benchmarks;

/// <summary>
/// The prompt token estimate behind the pre-flight hold (issue #7 target: well under 100 µs for a 1 KB
/// prompt): a 1 KB prompt (system + user), a 20 KB conversation (ten turns of prose and code), the
/// same conversation with five tool definitions, and the 1 KB prompt for a Claude model (o200k × factor).
/// The texts are varied English words and code drawn with a fixed seed, so tiktoken's word cache
/// helps no more than it does on real traffic of the same vocabulary. Every text is counted anew
/// (the estimator's cache of long texts off), except in <c>_HistorySeen</c>: a conversation whose
/// messages were all counted on an earlier turn, the cache's best case.
/// </summary>
[MemoryDiagnoser]
public class PromptEstimationBenchmarks
{
    private static readonly string[] Words =
    [
        "the", "customer", "reported", "that", "invoice", "number", "was", "charged", "twice", "after", "upgrading", "their",
        "subscription", "plan", "please", "summarise", "ticket", "history", "and", "propose", "next", "steps", "for", "support",
        "team", "including", "refund", "policy", "exceptions", "escalation", "deadline", "account", "manager", "notes", "mentioned",
        "integration", "webhook", "retries", "failed", "because", "signature", "verification", "timestamp", "drift", "between",
        "servers", "configured", "different", "time", "zones", "Kubernetes", "deployment", "rollback", "latency", "regression",
    ];

    private const string Code = """
        public async Task<Invoice?> FindAsync(Guid id, CancellationToken cancellationToken)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            return await connection.QuerySingleOrDefaultAsync<Invoice>("select * from invoices where id = @id", new { id });
        }
        """;

    private PromptTokenEstimator estimator = null!;
    private PromptTokenEstimator cachingEstimator = null!;
    private ChatRequest small = null!;
    private ChatRequest large = null!;
    private ChatRequest largeWithTools = null!;

    [GlobalSetup]
    public void Setup()
    {
        estimator = new PromptTokenEstimator(Options.Create(new PromptEstimationOptions()), cachedTexts: 0);
        cachingEstimator = new PromptTokenEstimator(Options.Create(new PromptEstimationOptions()));
        var random = new Random(7);
        small = Parse(Body([("system", Prose(random, 300)), ("user", Prose(random, 700))], tools: null), 1024);
        var turns = new List<(string, string)> { ("system", Prose(random, 1200)) };
        for (var i = 0; i < 10; i++)
        {
            turns.Add(("user", Prose(random, 900) + "\n" + Code));
            turns.Add(("assistant", Prose(random, 700)));
        }

        large = Parse(Body(turns, tools: null), 20 * 1024);
        largeWithTools = Parse(Body(turns, Tools()), 21 * 1024);
    }

    [Benchmark(Baseline = true)]
    public int Estimate_1KB_Gpt4o() => estimator.Estimate(small, "gpt-4o", "gpt-4o");

    [Benchmark]
    public int Estimate_1KB_Claude() => estimator.Estimate(small, "claude-sonnet-4.5", "claude-sonnet-4-5-20250929");

    [Benchmark]
    public int Estimate_20KB_Gpt4o() => estimator.Estimate(large, "gpt-4o", "gpt-4o");

    [Benchmark]
    public int Estimate_20KB_FiveTools_Gpt4o() => estimator.Estimate(largeWithTools, "gpt-4o", "gpt-4o");

    [Benchmark]
    public int Estimate_20KB_Gpt4o_HistorySeen() => cachingEstimator.Estimate(large, "gpt-4o", "gpt-4o");

    private static string Prose(Random random, int characters)
    {
        var text = new StringBuilder(characters + 16);
        while (text.Length < characters)
        {
            text.Append(Words[random.Next(Words.Length)]).Append(random.Next(12) == 0 ? ". " : " ");
        }

        return text.ToString(0, characters);
    }

    private static string Body(IEnumerable<(string Role, string Content)> messages, string? tools)
    {
        var body = new StringBuilder("""{"model":"gpt-4o","messages":[""");
        var first = true;
        foreach (var (role, content) in messages)
        {
            body.Append(first ? "" : ",").Append("{\"role\":\"").Append(role).Append("\",\"content\":").Append(JsonSerializer.Serialize(content)).Append('}');
            first = false;
        }

        body.Append(']');
        if (tools is not null)
        {
            body.Append(",\"tools\":").Append(tools);
        }

        return body.Append('}').ToString();
    }

    private static string Tools()
    {
        var tools = new List<string>();
        foreach (var name in new[] { "get_invoice", "refund_payment", "search_tickets", "escalate_ticket", "send_email" })
        {
            var description = $"Looks up or changes the {name.Replace('_', ' ')} for the support agent.";
            tools.Add("""{"type":"function","function":{"name":""" + JsonSerializer.Serialize(name) + ""","description":""" + JsonSerializer.Serialize(description)
                + ""","parameters":{"type":"object","required":["id"],"properties":{"id":{"type":"string","description":"The record id"},"reason":{"type":"string","enum":["duplicate","fraud","other"]},"amount":{"type":"number","description":"In cents"},"notify":{"type":"boolean"},"tags":{"type":"array","items":{"type":"string"}}}}}}""");
        }

        return "[" + string.Join(',', tools) + "]";
    }

    /// <summary>Checks the prompt is the size the benchmark's name says (within 10 %).</summary>
    private static ChatRequest Parse(string json, int expectedBytes)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        if (Math.Abs(bytes.Length - expectedBytes) > expectedBytes / 10)
        {
            throw new InvalidOperationException($"The benchmark prompt is {bytes.Length} bytes, not about {expectedBytes}.");
        }

        return ChatRequestReader.Parse(bytes).Request!;
    }
}
