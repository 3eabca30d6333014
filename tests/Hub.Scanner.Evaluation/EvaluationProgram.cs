using System.Text.Json;
using Hub.Core.Entities;
using Hub.Core.Policies;
using Hub.Scanner.Evaluation.Corpus;
using Hub.Scanner.Evaluation.Generation;
using Hub.Scanner.Evaluation.Injection;
using Hub.Scanner.Evaluation.Reporting;
using Hub.Scanner.Evaluation.Scoring;
using Hub.Scanner.Recognizers.Injection;
using Microsoft.Extensions.DependencyInjection;

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

        if (options.TrainInjection)
        {
            TrainInjection();
            return 0;
        }

        if (options.Explain is { } explained)
        {
            var detector = new ServiceCollection().AddScanEngine().BuildServiceProvider().GetRequiredService<InjectionDetector>();
            var board = detector.Inspect(explained);
            Console.WriteLine($"score {board.Score:0.000}");
            foreach (var evidence in board.All)
            {
                Console.WriteLine($"  {evidence.Family,-20} {evidence.Weight:0.000}  [{evidence.Start},{evidence.End}) \"{explained[evidence.Start..evidence.End]}\"");
            }

            return 0;
        }

        if (options.InjectionOnly || options.ErrorsEntity == EntityNames.PromptInjection)
        {
            using var injectionRunner = new EngineRunner(options.MinScore);
            WriteInjection(Console.Out, injectionRunner, options, GeneratedSet.Create());
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
        WriteInjection(output, runner, options, generated);
        return 0;
    }

    /// <summary>
    /// PROMPT_INJECTION under the default policy, on the held-out fifth (by SHA-256 of the text) of
    /// <c>../shared/data/injection/train.jsonl</c> and of our hard cases, and on the generated DLP texts above
    /// as ordinary work that must pass. <c>--errors PROMPT_INJECTION</c> prints the development four fifths
    /// instead, with their errors: the held-out texts are never read while tuning.
    /// </summary>
    private static void WriteInjection(TextWriter output, EngineRunner runner, EvaluationOptions options, IReadOnlyList<LabelledExample> generated)
    {
        var policy = runner.Policies.Resolve(options.MinScore is { } minScore ? new PolicyDocument(MinScore: minScore) : null).Policy!;
        var report = new InjectionReport(runner.Engine, policy, output, options.Markdown);
        var development = options.ErrorsEntity == EntityNames.PromptInjection;
        var errors = development ? options.Limit : 0;
        var part = development ? "development part (4 in 5)" : "held-out part (1 in 5 by SHA-256 of the text, never tuned on)";
        output.WriteLine(options.Markdown ? "## PROMPT_INJECTION" : "PROMPT_INJECTION (issue #5), default policy (BLOCK)");
        output.WriteLine();
        if (InjectionSets.FindTrainingFile() is { } training)
        {
            report.Write($"shared/data/injection/train.jsonl, {part}", Part(InjectionSets.Load(training, groupBySource: true)), errors);
        }
        else
        {
            output.WriteLine("shared/data/injection/train.jsonl not found beside the repository: skipped.");
        }

        report.Write($"Hard cases ({InjectionSets.HardCasesFileName}), {part}", Part(InjectionSets.Load(InjectionSets.HardCasesPath, groupBySource: false)), errors);
        report.Write("Generated DLP texts (all benign)", [.. generated.Select(example => new InjectionExample(example.Text, IsAttack: false, example.Carrier))], errors);

        List<InjectionExample> Part(List<InjectionExample> examples) => [.. examples.Where(example => InjectionSets.IsHeldOut(example.Text) != development)];
    }

    /// <summary>Development parts only (the held-out fifths stay unseen), plus every second generated DLP text as ordinary benign work.</summary>
    private static void TrainInjection()
    {
        var training = InjectionSets.FindTrainingFile() ?? throw new FileNotFoundException("shared/data/injection/train.jsonl not found beside the repository.");
        var examples = InjectionSets.Load(training, groupBySource: true)
            .Concat(InjectionSets.Load(InjectionSets.HardCasesPath, groupBySource: false))
            .Where(example => !InjectionSets.IsHeldOut(example.Text))
            .Concat(GeneratedSet.Create().Where((_, index) => index % 2 == 0).Select(example => new InjectionExample(example.Text, IsAttack: false, example.Carrier)))
            .ToList();
        var solution = new DirectoryInfo(AppContext.BaseDirectory);
        while (solution is not null && !File.Exists(Path.Combine(solution.FullName, "Hub.sln")))
        {
            solution = solution.Parent;
        }

        var model = Path.Combine(solution?.FullName ?? throw new DirectoryNotFoundException("Hub.sln not found above the binaries."), "Hub.Scanner", "Recognizers", "Injection", "Data", "injection-classifier.bin");
        Directory.CreateDirectory(Path.GetDirectoryName(model)!);
        InjectionTrainer.Train(examples, model, Console.Out);
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
