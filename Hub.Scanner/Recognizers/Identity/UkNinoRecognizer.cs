using Hub.Core.Entities;
using Hub.Scanner.Checksums;
using Hub.Scanner.Recognizers.Numbers;

namespace Hub.Scanner.Recognizers.Identity;

/// <summary>
/// UK National Insurance numbers: prefix, six digits, suffix A–D, run together ("AB123456C") or spaced at any of
/// the usual places ("AB 12 34 56 C", "AB 123456 C"). Found from each digit group by looking back for the prefix.
/// </summary>
internal sealed class UkNinoRecognizer : IRecognizer
{
    /// <summary>HMRC prefix rules hold and the letters are upper case: no check digit exists, but the shape is specific.</summary>
    public const double ValidScore = 0.7;

    /// <summary>Lower-case letters: plausible, but too easily a code or a hash fragment without context.</summary>
    public const double LowerCaseScore = 0.3;

    public string Name => nameof(UkNinoRecognizer);

    public IReadOnlyList<EntityDefinition> Entities { get; } =
    [
        new(EntityNames.UkNino, "UK National Insurance number (e.g. AB 12 34 56 C).",
            ["national insurance", "nino", "ni number", "ni no", "insurance number", "nin"]),
    ];

    public void Analyze(string text, IReadOnlySet<string> enabled, List<RecognizerResult> results)
    {
        if (!enabled.Contains(EntityNames.UkNino))
        {
            return;
        }

        var position = 0;
        while (NumberScan.NextDigitGroup(text, position, out var start, out var groupEnd))
        {
            position = groupEnd;
            var prefix = PrefixStart(text, start);
            if (prefix < 0)
            {
                continue;
            }

            var end = MatchRest(text, start);
            if (end > 0 && NinoRules.IsValidPrefix(text[prefix], text[prefix + 1]))
            {
                var upper = char.IsAsciiLetterUpper(text[prefix]) && char.IsAsciiLetterUpper(text[prefix + 1]) && char.IsAsciiLetterUpper(text[end - 1]);
                results.Add(new RecognizerResult(EntityNames.UkNino, prefix, end, upper ? ValidScore : LowerCaseScore));
                position = end;
            }
        }
    }

    /// <summary>Where the two prefix letters before the digits at <paramref name="digits"/> start (an optional space between), or -1.</summary>
    private static int PrefixStart(string text, int digits)
    {
        var letters = digits > 0 && text[digits - 1] == ' ' ? digits - 1 : digits;
        var start = letters - 2;
        return start >= 0 && char.IsAsciiLetter(text[start]) && char.IsAsciiLetter(text[start + 1])
            && (start == 0 || !NumberScan.IsWordChar(text[start - 1]))
            ? start
            : -1;
    }

    /// <summary>Six digits (as 123456 or 12 34 56), an optional space, a suffix A–D, a word boundary: the end, or 0.</summary>
    private static int MatchRest(string text, int digits)
    {
        var i = digits;
        var first = NumberScan.DigitGroupLength(text, i);
        if (first == 6)
        {
            i += 6;
        }
        else if (first == 2 && NumberScan.DigitGroupLength(text, i + 3) == 2 && NumberScan.DigitGroupLength(text, i + 6) == 2
            && text[i + 2] == ' ' && text[i + 5] == ' ')
        {
            i += 8;
        }
        else
        {
            return 0;
        }

        if (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        return i < text.Length && NinoRules.IsValidSuffix(text[i]) && (i + 1 == text.Length || !NumberScan.IsWordChar(text[i + 1])) ? i + 1 : 0;
    }
}
