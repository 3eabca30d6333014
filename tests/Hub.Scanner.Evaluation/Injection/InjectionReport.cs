using System.Globalization;
using Hub.Core.Entities;
using Hub.Core.Policies;
using Hub.Scanner.Engine;
using Hub.Scanner.Policies;

namespace Hub.Scanner.Evaluation.Injection;

/// <summary>
/// True-positive rate (attacks blocked) and false-positive rate (benign texts blocked) of PROMPT_INJECTION
/// under the default policy, on each set and per source or family, and optionally the errors in full.
/// </summary>
internal sealed class InjectionReport(ScanEngine engine, ScanPolicy policy, TextWriter output, bool markdown)
{
    public bool IsBlocked(string text)
    {
        foreach (var finding in engine.Scan([text], policy).Findings)
        {
            if (finding.Entity == EntityNames.PromptInjection && finding.Action == ScanAction.Block)
            {
                return true;
            }
        }

        return false;
    }

    public void Write(string title, IReadOnlyList<InjectionExample> examples, int errorLimit)
    {
        var verdicts = examples.Select(example => (Example: example, Blocked: IsBlocked(example.Text))).ToList();
        output.WriteLine(markdown ? $"### {title}" : title);
        output.WriteLine();
        output.WriteLine(markdown ? "| group | attacks | caught (TPR) | benign | blocked (FPR) |" : $"{"group",-72} {"attacks",8} {"TPR",7} {"benign",8} {"FPR",7}");
        if (markdown)
        {
            output.WriteLine("|---|---:|---:|---:|---:|");
        }

        foreach (var group in verdicts.GroupBy(verdict => verdict.Example.Group).OrderBy(group => group.Key, StringComparer.Ordinal))
        {
            WriteRow(group.Key, [.. group]);
        }

        WriteRow("all", verdicts);
        output.WriteLine();
        if (errorLimit > 0)
        {
            WriteErrors("missed attacks", verdicts.Where(v => v.Example.IsAttack && !v.Blocked), errorLimit);
            WriteErrors("benign texts blocked", verdicts.Where(v => !v.Example.IsAttack && v.Blocked), errorLimit);
        }
    }

    private void WriteRow(string group, List<(InjectionExample Example, bool Blocked)> verdicts)
    {
        var attacks = verdicts.Count(v => v.Example.IsAttack);
        var benign = verdicts.Count - attacks;
        var tpr = Rate(verdicts.Count(v => v.Example.IsAttack && v.Blocked), attacks);
        var fpr = Rate(verdicts.Count(v => !v.Example.IsAttack && v.Blocked), benign);
        output.WriteLine(markdown
            ? $"| {group} | {attacks} | {tpr} | {benign} | {fpr} |"
            : $"{Truncate(group, 72),-72} {attacks,8} {tpr,7} {benign,8} {fpr,7}");
    }

    private void WriteErrors(string title, IEnumerable<(InjectionExample Example, bool Blocked)> errors, int limit)
    {
        output.WriteLine($"{title}:");
        foreach (var (example, _) in errors.Take(limit))
        {
            output.WriteLine($"  [{example.Group}] {Truncate(example.Text.ReplaceLineEndings(" "), 220)}");
        }

        output.WriteLine();
    }

    private static string Rate(int hits, int total) =>
        total == 0 ? "-" : ((double)hits / total).ToString("0.000", CultureInfo.InvariantCulture);

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
