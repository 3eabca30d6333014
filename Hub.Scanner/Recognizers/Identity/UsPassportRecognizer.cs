using Hub.Core.Entities;
using Hub.Scanner.Recognizers.Numbers;

namespace Hub.Scanner.Recognizers.Identity;

/// <summary>
/// US passport numbers: nine digits (older books) or an upper-case letter and eight digits (Next Generation
/// Passport, 2021). Neither has a check digit, so both are weak until "passport" is near.
/// </summary>
internal sealed class UsPassportRecognizer : IRecognizer
{
    public const double DigitsScore = 0.2;
    public const double LetterScore = 0.25;

    public string Name => nameof(UsPassportRecognizer);

    public IReadOnlyList<EntityDefinition> Entities { get; } =
    [
        new(EntityNames.UsPassport, "US passport number (nine digits, or a letter and eight digits).",
            ["passport", "travel document", "passport no", "passport#"]),
    ];

    public void Analyze(string text, IReadOnlySet<string> enabled, List<RecognizerResult> results)
    {
        if (!enabled.Contains(EntityNames.UsPassport))
        {
            return;
        }

        var position = 0;
        while (NumberScan.NextDigitToken(text, position, out var start, out var end))
        {
            position = end;
            if (end - start != 9 || !NumberScan.StandsAlone(text, start, end, '\0'))
            {
                continue;
            }

            var token = text.AsSpan(start, 9);
            var digits = char.IsAsciiLetterUpper(token[0]) ? token[1..] : token;
            if (!digits.ContainsAnyExceptInRange('0', '9') && !NumberScan.IsOneRepeatedDigit(digits))
            {
                results.Add(new RecognizerResult(EntityNames.UsPassport, start, end, digits.Length == 9 ? DigitsScore : LetterScore));
            }
        }
    }
}
