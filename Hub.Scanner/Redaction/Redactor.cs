using System.Text;
using Hub.Core.Policies;
using Hub.Scanner.Engine;

namespace Hub.Scanner.Redaction;

/// <summary>
/// Replaces REDACT and BLOCK findings with placeholders (<c>[EMAIL_ADDRESS]</c>, or numbered
/// <c>[PERSON_1]</c>: the same value gets the same number in every text of the request, so a model
/// can still tell people apart). LOG findings stay as they are. A text with nothing to replace is
/// returned as the same instance.
/// </summary>
internal static class Redactor
{
    public static IReadOnlyList<string> Redact(IReadOnlyList<string> texts, IReadOnlyList<Finding> findings, PlaceholderStyle style)
    {
        var redacted = new string[texts.Count];
        var numbering = style == PlaceholderStyle.Numbered ? new PlaceholderNumbering() : null;
        var next = 0;
        for (var index = 0; index < texts.Count; index++)
        {
            var text = texts[index];
            StringBuilder? builder = null;
            var copied = 0;

            // Findings are grouped by text and ordered by start within it.
            for (; next < findings.Count && findings[next].TextIndex == index; next++)
            {
                var finding = findings[next];
                if (finding.Action is not (ScanAction.Redact or ScanAction.Block))
                {
                    continue;
                }

                builder ??= new StringBuilder(text.Length);
                builder.Append(text, copied, finding.Start - copied);
                builder.Append('[').Append(finding.Entity);
                if (numbering is not null)
                {
                    builder.Append('_').Append(numbering.NumberOf(finding.Entity, text.Substring(finding.Start, finding.End - finding.Start)));
                }

                builder.Append(']');
                copied = finding.End;
            }

            redacted[index] = builder is null ? text : builder.Append(text, copied, text.Length - copied).ToString();
        }

        return redacted;
    }

    /// <summary>Numbers distinct values per entity type in order of first appearance.</summary>
    private sealed class PlaceholderNumbering
    {
        private readonly Dictionary<(string Entity, string Value), int> numbers = [];
        private readonly Dictionary<string, int> counts = new(StringComparer.Ordinal);

        public int NumberOf(string entity, string value)
        {
            if (!numbers.TryGetValue((entity, value), out var number))
            {
                number = counts[entity] = counts.GetValueOrDefault(entity) + 1;
                numbers[(entity, value)] = number;
            }

            return number;
        }
    }
}
