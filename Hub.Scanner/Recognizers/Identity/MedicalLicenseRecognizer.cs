using Hub.Core.Entities;
using Hub.Scanner.Checksums;
using Hub.Scanner.Recognizers.Numbers;

namespace Hub.Scanner.Recognizers.Identity;

/// <summary>
/// US DEA registration numbers (the licence a prescriber quotes): registrant-type letter, initial or 9, seven
/// digits with the DEA check digit, as a whole word (Presidio's pattern has no word boundaries and so also
/// matches inside longer identifiers).
/// </summary>
internal sealed class MedicalLicenseRecognizer : IRecognizer
{
    /// <summary>Check digit valid, upper case as issued.</summary>
    public const double ValidScore = 0.85;

    /// <summary>Check digit valid but written in lower case: needs "DEA" or "license" nearby.</summary>
    public const double LowerCaseScore = 0.4;

    public string Name => nameof(MedicalLicenseRecognizer);

    public IReadOnlyList<EntityDefinition> Entities { get; } =
    [
        new(EntityNames.MedicalLicense, "US DEA registration number of a prescriber, check digit verified.",
            ["dea", "medical", "license", "licence", "registration", "prescriber", "physician", "certificate"]),
    ];

    public void Analyze(string text, IReadOnlySet<string> enabled, List<RecognizerResult> results)
    {
        if (!enabled.Contains(EntityNames.MedicalLicense))
        {
            return;
        }

        var position = 0;
        while (NumberScan.NextDigitToken(text, position, out var start, out var end))
        {
            position = end;
            var token = text.AsSpan(start, end - start);
            if (token.Length == 9 && NumberScan.StandsAlone(text, start, end, '\0') && DeaChecksum.IsValid(token))
            {
                var upper = char.IsAsciiLetterUpper(token[0]) && !char.IsAsciiLetterLower(token[1]);
                results.Add(new RecognizerResult(EntityNames.MedicalLicense, start, end, upper ? ValidScore : LowerCaseScore));
            }
        }
    }
}
