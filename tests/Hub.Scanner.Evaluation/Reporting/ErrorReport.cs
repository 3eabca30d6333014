using System.Globalization;
using Hub.Scanner.Evaluation.Scoring;

namespace Hub.Scanner.Evaluation.Reporting;

/// <summary>
/// <c>--errors ENTITY</c>: the false negatives and false positives of one type, each with the text around it
/// and what the engine said about that spot instead, for whoever tunes that recognizer.
/// </summary>
internal static class ErrorReport
{
    private const int ContextChars = 50;

    public static void Write(TextWriter output, IReadOnlyList<ExampleResult> results, string entity, int limit)
    {
        var misses = results.SelectMany(r => r.Missed.Where(s => s.Entity == entity).Select(s => (Result: r, s.Start, s.End))).ToList();
        var spurious = results.SelectMany(r => r.Spurious.Where(p => p.Entity == entity).Select(p => (Result: r, Prediction: p))).ToList();

        output.WriteLine($"== {entity}: {misses.Count} false negatives ==");
        foreach (var (result, start, end) in misses.Take(limit))
        {
            var instead = result.Predictions.Where(p => p.Start < end && start < p.End)
                .Select(p => $"{p.Entity} {Score(p.Score)} '{Clip(result.Example.Text, p.Start, p.End)}'{(p.Entity == entity ? " (same type: boundaries overlap < 50%)" : "")}").ToList();
            var note = result.Error is not null ? $"engine threw {result.Error}"
                : instead.Count > 0 ? $"found instead: {string.Join("; ", instead)}"
                : "nothing found here";
            output.WriteLine($"FN {result.Example.Id}: {InContext(result.Example.Text, start, end)}");
            output.WriteLine($"   {note}");
        }

        Truncated(output, misses.Count, limit);
        output.WriteLine();
        output.WriteLine($"== {entity}: {spurious.Count} false positives ==");
        foreach (var (result, prediction) in spurious.Take(limit))
        {
            var gold = result.Example.Spans.Where(s => s.Start < prediction.End && prediction.Start < s.End)
                .Select(s => $"{s.Entity} '{Clip(result.Example.Text, s.Start, s.End)}'").ToList();
            output.WriteLine($"FP {result.Example.Id} score {Score(prediction.Score)}: {InContext(result.Example.Text, prediction.Start, prediction.End)}");
            output.WriteLine($"   {(gold.Count > 0 ? $"gold here: {string.Join("; ", gold)}" : "no gold span here")}");
        }

        Truncated(output, spurious.Count, limit);
    }

    /// <summary>The span between »«, with up to 50 characters each side, on one line.</summary>
    private static string InContext(string text, int start, int end)
    {
        var from = Math.Max(0, start - ContextChars);
        var to = Math.Min(text.Length, end + ContextChars);
        return OneLine($"{(from > 0 ? "…" : "")}{text[from..start]}»{text[start..end]}«{text[end..to]}{(to < text.Length ? "…" : "")}");
    }

    private static string Clip(string text, int start, int end) => OneLine(end - start > 80 ? $"{text[start..(start + 77)]}…" : text[start..end]);

    private static string OneLine(string text) => text.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "⏎", StringComparison.Ordinal);

    private static string Score(double score) => score.ToString("0.00", CultureInfo.InvariantCulture);

    private static void Truncated(TextWriter output, int count, int limit)
    {
        if (count > limit)
        {
            output.WriteLine($"… {count - limit} more (--limit N shows more)");
        }
    }
}
