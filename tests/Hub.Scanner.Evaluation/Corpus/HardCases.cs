using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hub.Scanner.Evaluation.Corpus;

/// <summary>One line of <c>Data/hard-cases.jsonl</c>: either <c>marked</c> (inline labels) or <c>text</c> plus <c>spans</c>.</summary>
internal sealed record HardCaseLine(string? Kind, string? Marked, string? Text, List<HardCaseSpan>? Spans, string? Note);

internal sealed record HardCaseSpan(string Entity, int Start, int End);

/// <summary>A line of <c>--dump</c> output: the same shape the hard cases accept.</summary>
internal sealed record DumpLine(string Id, string Kind, string Text, List<HardCaseSpan> Spans);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HardCaseLine))]
[JsonSerializable(typeof(DumpLine))]
internal sealed partial class EvaluationJsonContext : JsonSerializerContext;

/// <summary>
/// Loads the hand-written hard cases. <c>kind</c> is <c>positive</c>, <c>near-miss</c> (something that looks
/// like an entity but is not: it may sit next to real ones) or <c>negative</c> (no entity at all). A
/// malformed line stops the run: a silently skipped case would skew the figures.
/// </summary>
internal static class HardCases
{
    public const string FileName = "hard-cases.jsonl";

    public static readonly string[] Kinds = ["positive", "near-miss", "negative"];

    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "Data", FileName);

    public static List<LabelledExample> Load(string path)
    {
        var examples = new List<LabelledExample>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var id = $"{FileName}:{number}";
            var parsed = JsonSerializer.Deserialize(line, EvaluationJsonContext.Default.HardCaseLine)
                ?? throw new FormatException($"{id}: empty line object");
            var (text, spans) = parsed.Marked is not null
                ? MarkedText.Parse(parsed.Marked)
                : (parsed.Text ?? throw new FormatException($"{id}: needs \"marked\" or \"text\""),
                   parsed.Spans?.Select(span => new GoldSpan(span.Entity, span.Start, span.End)).ToList() ?? []);
            var kind = parsed.Kind ?? "positive";
            if (!Kinds.Contains(kind) || (kind == "negative" && spans.Count > 0) || (kind == "positive" && spans.Count == 0))
            {
                throw new FormatException($"{id}: kind '{kind}' does not fit its {spans.Count} spans (kinds: {string.Join(", ", Kinds)})");
            }

            if (spans.Any(span => span.Start < 0 || span.End > text.Length || span.Start >= span.End || !EntityTypes.IsKnown(span.Entity)))
            {
                throw new FormatException($"{id}: a span is out of the text or names an unknown entity");
            }

            examples.Add(new LabelledExample(id, ExampleSource.HardCases, kind, text, spans));
        }

        return examples;
    }
}
