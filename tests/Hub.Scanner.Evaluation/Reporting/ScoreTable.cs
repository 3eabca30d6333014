using System.Globalization;
using Hub.Scanner.Evaluation.Corpus;
using Hub.Scanner.Evaluation.Scoring;

namespace Hub.Scanner.Evaluation.Reporting;

/// <summary>
/// The per-entity table: support, TP, FP, FN, precision, recall, F1 and the issue's target (0.95 for
/// structured types, 0.85 for names and places), then micro-averaged totals. Plain text or Markdown.
/// </summary>
internal static class ScoreTable
{
    private static readonly string[] Headers = ["Entity", "Support", "TP", "FP", "FN", "Precision", "Recall", "F1", "Target", "Status"];

    public static void Write(TextWriter output, string title, Scorecard card, bool markdown)
    {
        var rows = card.Entities.Select(entity => Row(entity, card[entity], EntityTypes.IsKnown(entity) ? EntityTypes.Target(entity) : null)).ToList();
        var totals = new List<string[]>
        {
            Row("structured (micro)", card.Sum(e => !EntityTypes.NamesAndPlaces.Contains(e)), 0.95),
            Row("names & places (micro)", card.Sum(EntityTypes.NamesAndPlaces.Contains), 0.85),
            Row("all (micro)", card.Sum(_ => true), null),
        };

        if (markdown)
        {
            output.WriteLine($"### {title} ({card.Examples} examples)");
            output.WriteLine();
            output.WriteLine($"| {string.Join(" | ", Headers)} |");
            output.WriteLine($"|{string.Join("|", Headers.Select((_, i) => i == 0 ? "---" : "---:"))}|");
            foreach (var row in rows.Concat(totals))
            {
                output.WriteLine($"| {string.Join(" | ", row)} |");
            }

            output.WriteLine();
            return;
        }

        var widths = Headers.Select((header, i) => rows.Concat(totals).Select(row => row[i].Length).Append(header.Length).Max()).ToArray();
        output.WriteLine($"== {title} ({card.Examples} examples) ==");
        output.WriteLine(Line(Headers, widths));
        output.WriteLine(new string('-', widths.Sum() + (2 * (widths.Length - 1))));
        rows.ForEach(row => output.WriteLine(Line(row, widths)));
        output.WriteLine(new string('-', widths.Sum() + (2 * (widths.Length - 1))));
        totals.ForEach(row => output.WriteLine(Line(row, widths)));
        output.WriteLine();
    }

    /// <summary>"ok" when precision and recall both reach the target; "below" otherwise; "-" with nothing to measure.</summary>
    private static string[] Row(string name, EntityCounts counts, double? target)
    {
        var status = target is null || (counts.Support == 0 && counts.FalsePositives == 0) ? "-"
            : counts.Precision >= target && counts.Recall >= target ? "ok"
            : "below";
        return
        [
            name, Number(counts.Support), Number(counts.TruePositives), Number(counts.FalsePositives), Number(counts.FalseNegatives),
            Ratio(counts.Precision), Ratio(counts.Recall), Ratio(counts.F1), Ratio(target), status,
        ];
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((cell, i) => i == 0 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i])));

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Ratio(double? value) => value?.ToString("0.000", CultureInfo.InvariantCulture) ?? "-";
}
