using Hub.Core.Entities;
using Hub.Scanner.Checksums;
using Hub.Scanner.Recognizers.Numbers;

namespace Hub.Scanner.Recognizers.Identity;

/// <summary>
/// US Social Security numbers: 3-2-4 digits joined by one separator (dash, space or dot) used throughout, or nine
/// digits run together, that pass the SSA numbering rules. Nine bare digits are weak: only "SSN" or "social
/// security" nearby lifts them over the default threshold.
/// </summary>
internal sealed class UsSsnRecognizer : IRecognizer
{
    /// <summary>123-45-6789 shape with SSA-valid parts.</summary>
    public const double DashedScore = 0.6;

    /// <summary>123 45 6789 or 123.45.6789: as specific, but spaces and dots also group other numbers.</summary>
    public const double SpacedScore = 0.5;

    /// <summary>Nine digits run together: any ID could be one (Presidio scores them 0.05).</summary>
    public const double BareScore = 0.3;

    /// <summary>123-45-6789 and the other famous sample numbers: an SSN only when the text says so.</summary>
    public const double ExampleScore = 0.2;

    private static ReadOnlySpan<int> Layout => [3, 2, 4];

    public string Name => nameof(UsSsnRecognizer);

    public IReadOnlyList<EntityDefinition> Entities { get; } =
    [
        new(EntityNames.UsSsn, "US Social Security number, checked against the SSA numbering rules.",
            ["ssn", "ssns", "ssa", "social security", "social sec", "soc sec", "ss#", "ss #", "ssid", "tax id", "taxpayer"]),
    ];

    public void Analyze(string text, IReadOnlySet<string> enabled, List<RecognizerResult> results)
    {
        if (!enabled.Contains(EntityNames.UsSsn))
        {
            return;
        }

        Span<char> digits = stackalloc char[9];
        var position = 0;
        while (NumberScan.NextDigitGroup(text, position, out var start, out var groupEnd))
        {
            position = groupEnd;
            if (!GroupedNumber.TryMatch(text, start, Layout, " -.", out var end, out var separator)
                || !NumberScan.StandsAlone(text, start, end, separator))
            {
                continue;
            }

            NumberScan.CopyDigits(text.AsSpan(start, end - start), digits);
            var score = SsnRules.Classify(digits) switch
            {
                SsnKind.Valid => separator switch
                {
                    '-' => DashedScore,
                    '\0' => BareScore,
                    _ => SpacedScore,
                },
                SsnKind.Example => ExampleScore,
                _ => 0,
            };
            if (score > 0)
            {
                results.Add(new RecognizerResult(EntityNames.UsSsn, start, end, score));
                position = end;
            }
        }
    }
}
