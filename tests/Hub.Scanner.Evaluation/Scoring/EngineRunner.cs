using System.Diagnostics;
using Hub.Core.Entities;
using Hub.Core.Policies;
using Hub.Scanner.Engine;
using Hub.Scanner.Evaluation.Corpus;
using Hub.Scanner.Policies;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Scanner.Evaluation.Scoring;

/// <summary>
/// The real engine with every built-in recognizer, as the service builds it (<c>AddScanEngine</c>), scanning
/// each example alone under Maximum Protection (every data type REDACT; PROMPT_INJECTION off) at the chosen <c>min_score</c>.
/// </summary>
internal sealed class EngineRunner : IDisposable
{
    private readonly ServiceProvider services;
    private readonly ScanEngine engine;
    private readonly ScanPolicy policy;

    public EngineRunner(double? minScore)
    {
        services = new ServiceCollection().AddScanEngine().BuildServiceProvider();
        engine = services.GetRequiredService<ScanEngine>();
        // PROMPT_INJECTION is measured on its own sets (Injection/): here it would only be noise.
        var document = new PolicyDocument(Entities: new Dictionary<string, string> { [EntityNames.PromptInjection] = "OFF" }, MinScore: minScore);
        var (resolved, errors) = services.GetRequiredService<PolicyResolver>().Resolve(document);
        policy = resolved ?? throw new ArgumentException(string.Join("; ", errors.Select(error => $"{error.Key}: {string.Join(", ", error.Value)}")));
    }

    public double MinScore => policy.MinScore;

    /// <summary>The entity types the registered recognizers report (the rest cannot be found yet).</summary>
    public IReadOnlyList<string> RegisteredEntities => engine.Catalog.Names;

    public TimeSpan Elapsed { get; private set; }

    /// <summary>The engine itself, for the injection measurement (which scans under the default policy).</summary>
    public ScanEngine Engine => engine;

    public PolicyResolver Policies => services.GetRequiredService<PolicyResolver>();

    public List<ExampleResult> Run(IEnumerable<LabelledExample> examples)
    {
        var results = new List<ExampleResult>();
        var stopwatch = Stopwatch.StartNew();
        foreach (var example in examples)
        {
            results.Add(Run(example));
        }

        Elapsed += stopwatch.Elapsed;
        return results;
    }

    public void Dispose() => services.Dispose();

    private ExampleResult Run(LabelledExample example)
    {
        try
        {
            var findings = engine.Scan([example.Text], policy).Findings;
            return SpanMatcher.Score(example, [.. findings.Select(f => new Prediction(f.Entity, f.Start, f.End, f.Score))]);
        }
#pragma warning disable CA1031 // Recognizers are being written while this runs: one that throws costs its example (all gold missed, reported), not the measurement.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return SpanMatcher.Score(example, [], $"{exception.GetType().Name}: {exception.Message}");
        }
    }
}
