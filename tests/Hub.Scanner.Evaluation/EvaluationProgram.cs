using System.Text.Json;
using Hub.Scanner.Evaluation.Corpus;
using Hub.Scanner.Evaluation.Generation;
using Hub.Scanner.Evaluation.Reporting;
using Hub.Scanner.Evaluation.Scoring;

namespace Hub.Scanner.Evaluation;

/// <summary>
/// <c>dotnet run -c Release --project tests/Hub.Scanner.Evaluation</c>: scores Hub.Scanner on the labelled set
/// (generated + hard cases) and prints per-entity precision, recall and F1 (issue #3, "Quality, measured").
/// Always exits 0: it is a measurement, not a gate.
/// </summary>
internal static class EvaluationProgram
{
    public static int Main(string[] args)
    {
        var options = EvaluationOptions.Parse(args, Console.Error);
        if (options is null)
        {
            return 0;
        }

        var generated = GeneratedSet.Create();
        var hard = HardCases.Load(HardCases.DefaultPath);
        if (options.DumpPath is not null)
        {
            Dump(options.DumpPath, generated.Concat(hard));
        }

        using var runner = new EngineRunner(options.MinScore);
        var generatedResults = runner.Run(generated);
        var hardResults = runner.Run(hard);
        List<ExampleResult> combined = [.. generatedResults, .. hardResults];

        var output = Console.Out;
        RunSummary.Write(output, options, runner, generated, hard, GoldCheck.FindProblems(generated.Concat(hard)), combined);
        if (options.ErrorsEntity is { } entity)
        {
            ErrorReport.Write(output, combined, entity, options.Limit);
            return 0;
        }

        ScoreTable.Write(output, "Generated", new Scorecard(generatedResults), options.Markdown);
        ScoreTable.Write(output, "Hard cases", new Scorecard(hardResults), options.Markdown);
        ScoreTable.Write(output, "Combined", new Scorecard(combined), options.Markdown);
        return 0;
    }

    private static void Dump(string path, IEnumerable<LabelledExample> examples)
    {
        using var writer = new StreamWriter(path);
        foreach (var example in examples)
        {
            var spans = example.Spans.Select(span => new HardCaseSpan(span.Entity, span.Start, span.End)).ToList();
            writer.WriteLine(JsonSerializer.Serialize(new DumpLine(example.Id, example.Carrier, example.Text, spans), EvaluationJsonContext.Default.DumpLine));
        }
    }
}
