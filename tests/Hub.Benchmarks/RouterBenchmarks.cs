using BenchmarkDotNet.Attributes;
using Hub.Core.Catalog;
using Hub.Core.Randomness;
using Hub.Core.Tenancy;
using Hub.Gateway.Byok;
using Hub.Gateway.ChatCompletions;
using Hub.Gateway.Policies;
using Hub.Gateway.Providers;
using Hub.Gateway.Providers.OpenAICompatible;
using Hub.Gateway.Routing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hub.Benchmarks;

/// <summary>
/// The router's decision for one request to a model ten providers serve (issue #6 target: at most
/// 5 µs): resolve <c>oah/&lt;model&gt;</c>, run every filter (project lists, classification, region,
/// the request's preferences) over ten candidates, and order them by estimated price and health.
/// Two requests: a plain one, and one with a <c>provider</c> object (order, ignore, max_price); and
/// the plain one for an organization with its own keys for two of the providers (BYOK, issue #8).
/// </summary>
[MemoryDiagnoser]
public class RouterBenchmarks
{
    private RouteCatalogSnapshot catalog = null!;
    private ModelRouter router = null!;
    private ChatRequest plain = null!;
    private ChatRequest withPreferences = null!;
    private ProjectRules rules = null!;
    private CallerKeys ownKeys;

    [GlobalSetup]
    public void Setup()
    {
        var options = new ProvidersOptions();
        var providers = new List<CatalogProvider>();
        var offers = new List<CatalogOffer>();
        for (var i = 0; i < 10; i++)
        {
            var id = $"provider-{i}";
            options[id] = new ProviderOptions { BaseUrl = $"http://127.0.0.1:9/{id}/v1" };
            providers.Add(new CatalogProvider(id, id, [i % 3 == 0 ? "eu-west-1" : "us"], i == 7, 30, []));
            offers.Add(new CatalogOffer("llama-3.3-70b-instruct", id, $"meta-llama/llama-3.3-70b-{i}", 100_000 + (i * 37_000 % 300_000), 400_000 - (i * 13_000), null, 131_072, 8192));
        }

        var registry = new ProviderRegistry(Options.Create(options), Options.Create(new ByokOptions()), [new OpenAICompatibleProtocol(NullLogger<OpenAICompatibleProvider>.Instance)], TimeProvider.System, CryptoRandomSource.Instance);
        catalog = RouteCatalogSnapshot.Build(new CatalogContents(providers, [new CatalogModel("llama-3.3-70b-instruct", true)], offers), registry, options);
        var routing = Options.Create(new RoutingOptions());
        var health = new ProviderHealthBoard(routing, TimeProvider.System);
        for (var i = 0; i < 10; i++)
        {
            health.For($"provider-{i}").RecordSuccess(100 + i);
        }

        router = new ModelRouter(health, routing);
        rules = new ProjectRules(
            new Project(Guid.NewGuid(), Guid.NewGuid(), "bench", "internal", [], ["provider-9"], [], null, DateTimeOffset.UtcNow, []),
            EffectivePolicy.Default);
        plain = Parse("""{"model":"oah/llama-3.3-70b-instruct","messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"Summarise the ticket below in two lines."}],"max_tokens":256}""");
        withPreferences = Parse("""{"model":"oah/llama-3.3-70b-instruct","messages":[{"role":"user","content":"Summarise the ticket below in two lines."}],"provider":{"order":["provider-4","provider-2"],"ignore":["provider-1"],"max_price":{"prompt":0.5,"completion":1}}}""");
        ownKeys = ByokBenchmarks.CallerWithKeys(rules.Project!.OrganizationId, "provider-2", "provider-5");
        if (router.Plan(catalog, plain, rules, ownKeys).Plan?.Candidates.Count != 8 || router.Plan(catalog, withPreferences, rules, CallerKeys.None).Plan?.Candidates.Count != 7)
        {
            throw new InvalidOperationException("The benchmark's routing set-up does not leave the expected candidates.");
        }
    }

    /// <summary>Returns the first candidate's id so the plan is used (BenchmarkDotNet keeps returned values alive).</summary>
    [Benchmark(Baseline = true)]
    public string Plan_TenCandidates() => router.Plan(catalog, plain, rules, CallerKeys.None).Plan!.Candidates[0].ProviderId;

    [Benchmark]
    public string Plan_TenCandidates_WithProviderPreferences() => router.Plan(catalog, withPreferences, rules, CallerKeys.None).Plan!.Candidates[0].ProviderId;

    [Benchmark]
    public string Plan_TenCandidates_TwoOwnKeys() => router.Plan(catalog, plain, rules, ownKeys).Plan!.Candidates[0].ProviderId;

    private static ChatRequest Parse(string json) => ChatRequestReader.Parse(System.Text.Encoding.UTF8.GetBytes(json)).Request!;
}
