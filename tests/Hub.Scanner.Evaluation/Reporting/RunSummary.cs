using System.Globalization;
using Hub.Scanner.Evaluation.Corpus;
using Hub.Scanner.Evaluation.Generation;
using Hub.Scanner.Evaluation.Scoring;

namespace Hub.Scanner.Evaluation.Reporting;

/// <summary>The header of every report: policy, matching rule, what the set holds, what the engine could find, and anything that went wrong.</summary>
internal static class RunSummary
{
    public static void Write(
        TextWriter output,
        EvaluationOptions options,
        EngineRunner runner,
        IReadOnlyList<LabelledExample> generated,
        IReadOnlyList<LabelledExample> hard,
        IReadOnlyList<string> goldProblems,
        IReadOnlyList<ExampleResult> results)
    {
        var bullet = options.Markdown ? "- " : "";
        var hardTricky = hard.Count(example => example.Carrier != "positive");
        var carriers = generated.GroupBy(example => example.Carrier).Select(group => $"{group.Key} {group.Count()}");
        var missing = EntityTypes.All.Except(runner.RegisteredEntities).ToList();
        var failed = results.Where(result => result.Error is not null).ToList();

        output.WriteLine(options.Markdown ? "## Hub.Scanner evaluation" : "Hub.Scanner evaluation (issue #3, \"Quality, measured\")");
        output.WriteLine();
        output.WriteLine($"{bullet}Policy: Maximum Protection (every type REDACT), min_score {runner.MinScore.ToString("0.00", CultureInfo.InvariantCulture)}.");
        output.WriteLine($"{bullet}Matching: {SpanMatcher.Rule}");
        output.WriteLine($"{bullet}Generated: {generated.Count} examples, {generated.Sum(e => e.Spans.Count)} gold spans (Bogus, seed {GeneratedSet.Seed}; {string.Join(", ", carriers)}).");
        output.WriteLine($"{bullet}Hard cases: {hard.Count} examples, {hard.Sum(e => e.Spans.Count)} gold spans ({HardCases.FileName}; {Percent(hardTricky, hard.Count)} negatives or near-misses).");
        output.WriteLine($"{bullet}Engine: {runner.RegisteredEntities.Count(EntityTypes.IsKnown)} of {EntityTypes.All.Count} types registered{(missing.Count > 0 ? $" (missing: {string.Join(", ", missing)})" : "")}; {results.Count} texts scanned in {runner.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s.");
        if (failed.Count > 0)
        {
            output.WriteLine($"{bullet}WARNING: the engine threw on {failed.Count} examples, scored as all missed (first: {failed[0].Example.Id}: {failed[0].Error}).");
        }

        var thin = EntityTypes.All.Where(entity => generated.Sum(e => e.Spans.Count(s => s.Entity == entity)) < GeneratedSet.MinimumSupport).ToList();
        if (thin.Count > 0)
        {
            output.WriteLine($"{bullet}WARNING: fewer than {GeneratedSet.MinimumSupport} generated spans for {string.Join(", ", thin)}; raise the carrier counts.");
        }

        foreach (var problem in goldProblems.Take(20))
        {
            output.WriteLine($"{bullet}WARNING (gold data): {problem}");
        }

        output.WriteLine();
    }

    private static string Percent(int part, int whole) =>
        whole == 0 ? "0%" : ((double)part / whole).ToString("0%", CultureInfo.InvariantCulture);
}
