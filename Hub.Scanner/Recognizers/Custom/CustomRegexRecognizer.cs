using System.Text.RegularExpressions;

namespace Hub.Scanner.Recognizers.Custom;

/// <summary>A policy's own entity type: every match of its pattern, at a fixed score.</summary>
internal sealed class CustomRegexRecognizer(string entity, Regex regex, double score) : IRecognizer
{
    public string Name => $"Custom:{entity}";

    public IReadOnlyList<EntityDefinition> Entities { get; } = [new(entity, "Custom entity defined by the policy.", [])];

    public void Analyze(string text, IReadOnlySet<string> enabled, List<RecognizerResult> results)
    {
        if (!enabled.Contains(entity))
        {
            return;
        }

        // RegexMatchTimeoutException propagates: the scan fails closed rather than passing text unscanned.
        foreach (var match in regex.EnumerateMatches(text))
        {
            if (match.Length > 0)
            {
                results.Add(new RecognizerResult(entity, match.Index, match.Index + match.Length, score));
            }
        }
    }
}
