using Hub.Scanner.Evaluation.Corpus;

namespace Hub.Scanner.Evaluation.Scoring;

/// <summary>A finding of the engine, as the matcher sees it.</summary>
internal readonly record struct Prediction(string Entity, int Start, int End, double Score)
{
    public int Length => End - Start;
}

/// <summary>How one example scored: gold spans found and missed, predictions that matched nothing.</summary>
internal sealed record ExampleResult(
    LabelledExample Example,
    IReadOnlyList<Prediction> Predictions,
    IReadOnlyList<GoldSpan> Found,
    IReadOnlyList<GoldSpan> Missed,
    IReadOnlyList<Prediction> Spurious,
    string? Error);

/// <summary>
/// The matching rule: a prediction is a true positive when its entity type equals the gold span's and the
/// two overlap by at least 50% of the longer of the two spans. Each gold span matches at most one
/// prediction and each prediction at most one gold span; pairs are taken greedily, largest overlap first.
/// </summary>
internal static class SpanMatcher
{
    public const string Rule =
        "a prediction is a true positive when its entity type equals the gold span's and their character overlap is at least 50% "
        + "of the longer of the two spans; each gold span matches at most one prediction (and each prediction at most one gold span). "
        + "Unmatched predictions are false positives, unmatched gold spans false negatives.";

    public static int Overlap(GoldSpan gold, Prediction prediction) =>
        Math.Max(0, Math.Min(gold.End, prediction.End) - Math.Max(gold.Start, prediction.Start));

    public static bool Matches(GoldSpan gold, Prediction prediction)
    {
        var overlap = Overlap(gold, prediction);
        return gold.Entity == prediction.Entity && overlap > 0 && 2 * overlap >= Math.Max(gold.Length, prediction.Length);
    }

    public static ExampleResult Score(LabelledExample example, IReadOnlyList<Prediction> predictions, string? error = null)
    {
        var gold = example.Spans;
        var pairs = new List<(int Gold, int Prediction, int Overlap)>();
        for (var g = 0; g < gold.Count; g++)
        {
            for (var p = 0; p < predictions.Count; p++)
            {
                if (Matches(gold[g], predictions[p]))
                {
                    pairs.Add((g, p, Overlap(gold[g], predictions[p])));
                }
            }
        }

        var goldTaken = new bool[gold.Count];
        var predictionTaken = new bool[predictions.Count];
        foreach (var (g, p, _) in pairs.OrderByDescending(pair => pair.Overlap).ThenBy(pair => pair.Gold).ThenBy(pair => pair.Prediction))
        {
            if (!goldTaken[g] && !predictionTaken[p])
            {
                goldTaken[g] = predictionTaken[p] = true;
            }
        }

        return new ExampleResult(
            example,
            predictions,
            [.. gold.Where((_, g) => goldTaken[g])],
            [.. gold.Where((_, g) => !goldTaken[g])],
            [.. predictions.Where((_, p) => !predictionTaken[p])],
            error);
    }
}
