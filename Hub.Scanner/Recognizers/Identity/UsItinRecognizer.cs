using Hub.Core.Entities;
using Hub.Scanner.Checksums;
using Hub.Scanner.Recognizers.Numbers;

namespace Hub.Scanner.Recognizers.Identity;

/// <summary>
/// US Individual Taxpayer Identification Numbers: 9XX-XX-XXXX whose middle group is 50–65, 70–88, 90–92 or
/// 94–99 (IRS). Same layouts as an SSN, which can never start with 9.
/// </summary>
internal sealed class UsItinRecognizer : IRecognizer
{
    /// <summary>Dashed or spaced with a valid ITIN group: no SSN looks like this.</summary>
    public const double GroupedScore = 0.6;

    /// <summary>Nine digits run together (Presidio: 0.3).</summary>
    public const double BareScore = 0.3;

    private static ReadOnlySpan<int> Layout => [3, 2, 4];

    public string Name => nameof(UsItinRecognizer);

    public IReadOnlyList<EntityDefinition> Entities { get; } =
    [
        new(EntityNames.UsItin, "US Individual Taxpayer Identification Number (9XX-7X-XXXX style).",
            ["itin", "individual taxpayer", "taxpayer", "tax id", "tax identification", "tin", "tax", "irs", "w-7"]),
    ];

    public void Analyze(string text, IReadOnlySet<string> enabled, List<RecognizerResult> results)
    {
        if (!enabled.Contains(EntityNames.UsItin))
        {
            return;
        }

        Span<char> digits = stackalloc char[9];
        var position = 0;
        while (NumberScan.NextDigitGroup(text, position, out var start, out var groupEnd))
        {
            position = groupEnd;
            if (text[start] != '9'
                || !GroupedNumber.TryMatch(text, start, Layout, " -.", out var end, out var separator)
                || !NumberScan.StandsAlone(text, start, end, separator))
            {
                continue;
            }

            NumberScan.CopyDigits(text.AsSpan(start, end - start), digits);
            if (SsnRules.IsValidItin(digits))
            {
                results.Add(new RecognizerResult(EntityNames.UsItin, start, end, separator == '\0' ? BareScore : GroupedScore));
                position = end;
            }
        }
    }
}
