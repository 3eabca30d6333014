using System.Text;
using System.Text.RegularExpressions;

namespace Hub.Scanner.Evaluation.Corpus;

/// <summary>
/// Labels written inline, <c>Call me at [[PHONE_NUMBER:+44 20 7946 0958]] please</c>, turned into plain
/// text plus spans, so nobody counts offsets by hand. A marker is <c>[[</c>, an entity name, <c>:</c>, the
/// value, <c>]]</c>; anything else (JSON's <c>[[1,2]]</c>) is text. An upper-case name that is not an
/// entity type is an authoring mistake and throws.
/// </summary>
internal static partial class MarkedText
{
    public static (string Text, List<GoldSpan> Spans) Parse(string marked)
    {
        var text = new StringBuilder(marked.Length);
        var spans = new List<GoldSpan>();
        var position = 0;
        while (position < marked.Length)
        {
            var open = marked.IndexOf("[[", position, StringComparison.Ordinal);
            var colon = open < 0 ? -1 : marked.IndexOf(':', open + 2);
            var close = colon < 0 ? -1 : marked.IndexOf("]]", colon + 1, StringComparison.Ordinal);
            if (close < 0)
            {
                text.Append(marked, position, marked.Length - position);
                break;
            }

            var entity = marked[(open + 2)..colon];
            if (!EntityName().IsMatch(entity))
            {
                // One character on, so "[[[DATE_TIME:…]]]" (a marker inside brackets) still parses.
                text.Append(marked, position, open + 1 - position);
                position = open + 1;
                continue;
            }

            if (!EntityTypes.IsKnown(entity))
            {
                throw new FormatException($"Unknown entity '{entity}' in marker: {marked}");
            }

            text.Append(marked, position, open - position);
            var start = text.Length;
            text.Append(marked, colon + 1, close - colon - 1);
            spans.Add(new GoldSpan(entity, start, text.Length));
            position = close + 2;
        }

        return (text.ToString(), spans);
    }

    /// <summary>Wraps a value in a marker: <c>"123-45-6789".As("US_SSN")</c> reads <c>[[US_SSN:123-45-6789]]</c>.</summary>
    public static string As(this string value, string entity) => $"[[{entity}:{value}]]";

    [GeneratedRegex("^[A-Z][A-Z_]{2,30}$")]
    private static partial Regex EntityName();
}
