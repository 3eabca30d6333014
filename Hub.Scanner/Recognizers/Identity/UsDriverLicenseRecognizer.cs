using Hub.Core.Entities;
using Hub.Scanner.Recognizers.Numbers;

namespace Hub.Scanner.Recognizers.Identity;

/// <summary>
/// US driver's licence numbers in the state formats (AAMVA; the layouts Presidio's pattern lists). None has a
/// check digit and most layouts are shared with order numbers and product codes, so those candidates are weak
/// and need "driver", "license", "DL" or similar near them; only the layouts printed on the cards with their
/// separators (Florida's S530-460-80-125-0) or Washington's WDL prefix are specific enough to stand alone.
/// </summary>
internal sealed class UsDriverLicenseRecognizer : IRecognizer
{
    /// <summary>A letter-and-digit state layout such as CA's A1234567 or ND's ABC123456.</summary>
    public const double AlphanumericScore = 0.3;

    /// <summary>6–14 or 16 digits: the digit-only states (Presidio: 0.01, which context could never lift).</summary>
    public const double DigitsScore = 0.2;

    /// <summary>NY 123 456 789 or PA 12 345 678: also how some countries group phone numbers (a valid Spanish
    /// number scores 0.55), so with context it must end above that.</summary>
    public const double GroupedDigitsScore = 0.25;

    /// <summary>A letter and digit groups as printed (FL, IL, WI, NJ), or Washington's WDL and nine characters.</summary>
    public const double PrintedLayoutScore = 0.5;

    private const int MaxLength = 19;

    /// <summary>
    /// Layouts printed with separators: L = an upper-case letter before the first group, then the digit groups and
    /// the one separator between them. FL S530-460-80-125-0, IL A123-4567-8901, WI A123-4567-8901-23,
    /// NJ A1234 12345 12345, NY 123 456 789, PA 12 345 678.
    /// </summary>
    private static readonly GroupedLayout[] GroupedLayouts =
    [
        new(true, '-', [3, 3, 2, 3, 1]), new(true, '-', [3, 4, 4, 2]), new(true, '-', [3, 4, 4]),
        new(true, ' ', [4, 5, 5]), new(true, '-', [4, 5, 5]), new(false, ' ', [3, 3, 3]), new(false, ' ', [2, 3, 3]),
    ];

    public string Name => nameof(UsDriverLicenseRecognizer);

    public IReadOnlyList<EntityDefinition> Entities { get; } =
    [
        new(EntityNames.UsDriverLicense, "US driver's license number (state formats), found with licensing context.",
            ["driver", "driving", "license", "licence", "lic", "dl", "dln", "cdl", "permit", "identification"]),
    ];

    public void Analyze(string text, IReadOnlySet<string> enabled, List<RecognizerResult> results)
    {
        if (!enabled.Contains(EntityNames.UsDriverLicense))
        {
            return;
        }

        var position = 0;
        while (NumberScan.NextDigitToken(text, position, out var start, out var end))
        {
            position = end;
            var (groupedEnd, groupedScore) = MatchGrouped(text, start, end);
            if (groupedEnd > 0)
            {
                results.Add(new RecognizerResult(EntityNames.UsDriverLicense, start, groupedEnd, groupedScore));
                position = groupedEnd;
                continue;
            }

            var token = text.AsSpan(start, end - start);
            if (token.Length > MaxLength || !NumberScan.StandsAlone(text, start, end, '\0'))
            {
                continue;
            }

            var score = Classify(token);
            if (score > 0)
            {
                results.Add(new RecognizerResult(EntityNames.UsDriverLicense, start, end, score));
            }
        }

        AddLettersOnlyWashington(text, results);
    }

    /// <summary>A grouped layout starting with the token <c>[start, tokenEnd)</c>: its end and score, or (0, 0).</summary>
    private static (int End, double Score) MatchGrouped(string text, int start, int tokenEnd)
    {
        if (tokenEnd + 1 >= text.Length || text[tokenEnd] is not (' ' or '-') || !char.IsAsciiDigit(text[tokenEnd + 1]))
        {
            return default;
        }

        foreach (var layout in GroupedLayouts)
        {
            var i = layout.Letter && char.IsAsciiLetterUpper(text[start]) ? start + 1 : start;
            if (layout.Letter == (i == start))
            {
                continue;
            }

            var matched = true;
            for (var k = 0; k < layout.Sizes.Length && matched; k++)
            {
                if (k > 0)
                {
                    matched = i < text.Length && text[i++] == layout.Separator;
                }

                matched = matched && NumberScan.DigitGroupLength(text, i) == layout.Sizes[k];
                i += layout.Sizes[k];
            }

            if (matched && NumberScan.StandsAlone(text, start, i, layout.Separator))
            {
                return (i, layout.Letter ? PrintedLayoutScore : GroupedDigitsScore);
            }
        }

        return default;
    }

    private static double Classify(ReadOnlySpan<char> token)
    {
        if (!token.ContainsAnyExceptInRange('0', '9'))
        {
            return token.Length is (>= 6 and <= 14) or 16 && !NumberScan.IsOneRepeatedDigit(token) ? DigitsScore : 0;
        }

        if (IsWashingtonLicense(token))
        {
            return PrintedLayoutScore;
        }

        // Split into at most three runs of letters or digits, e.g. "A1234567" → [A][1234567].
        Span<int> lengths = stackalloc int[3];
        var runs = 0;
        var lettersFirst = char.IsAsciiLetterUpper(token[0]);
        for (var i = 0; i < token.Length; runs++)
        {
            if (runs == 3)
            {
                return 0;
            }

            var letters = char.IsAsciiLetterUpper(token[i]);
            var length = 0;
            while (i < token.Length && (letters ? char.IsAsciiLetterUpper(token[i]) : char.IsAsciiDigit(token[i])))
            {
                i++;
                length++;
            }

            if (length == 0)
            {
                return 0; // lower case or underscore: not how licences are printed
            }

            lengths[runs] = length;
        }

        return IsStateLayout(lettersFirst, lengths[..runs]) ? AlphanumericScore : 0;
    }

    private static bool IsStateLayout(bool lettersFirst, ReadOnlySpan<int> runs) => lettersFirst
        ? runs switch
        {
            [1, >= 3 and <= 14] or [1, 18] => true,    // AZ, CA, CO, FL, IL, MD, MI, MN, NJ, NY, OH, VA, WI, …
            [2, >= 2 and <= 7] or [3, 6] => true,       // CO, OH, WV; ND
            [1, 6, 1] or [2, 6, 1] => true,             // MO (…R); ID
            _ => false,
        }
        : runs switch
        {
            [8, 2] or [9, 1] or [7, 1] => true,         // MO; MO; ME, VT
            [3, 2, 4] or [2, 3, 5] => true,             // IA; NH
            _ => false,
        };

    /// <summary>Washington since 2018: WDL and nine upper-case letters or digits.</summary>
    private static bool IsWashingtonLicense(ReadOnlySpan<char> token) =>
        token.Length == 12 && token.StartsWith("WDL", StringComparison.Ordinal) && IsUpperAlphanumeric(token);

    /// <summary>Washington numbers without a digit, which the digit-token scan cannot see.</summary>
    private static void AddLettersOnlyWashington(string text, List<RecognizerResult> results)
    {
        var position = 0;
        while (position < text.Length)
        {
            var found = text.AsSpan(position).IndexOf("WDL", StringComparison.Ordinal);
            if (found < 0)
            {
                return;
            }

            var start = position + found;
            var end = Math.Min(start + 12, text.Length);
            var token = text.AsSpan(start, end - start);
            if (IsWashingtonLicense(token) && !token.ContainsAnyInRange('0', '9') && NumberScan.StandsAlone(text, start, end, '\0'))
            {
                results.Add(new RecognizerResult(EntityNames.UsDriverLicense, start, end, PrintedLayoutScore));
            }

            position = start + 3;
        }
    }

    private static bool IsUpperAlphanumeric(ReadOnlySpan<char> token)
    {
        foreach (var c in token)
        {
            if (!char.IsAsciiDigit(c) && !char.IsAsciiLetterUpper(c))
            {
                return false;
            }
        }

        return true;
    }

    private sealed record GroupedLayout(bool Letter, char Separator, int[] Sizes);
}
