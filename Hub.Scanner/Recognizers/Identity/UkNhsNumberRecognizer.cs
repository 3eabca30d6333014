using Hub.Core.Entities;
using Hub.Scanner.Checksums;
using Hub.Scanner.Recognizers.Numbers;

namespace Hub.Scanner.Recognizers.Identity;

/// <summary>
/// NHS numbers: ten digits, 3-3-4 with spaces or dashes or run together, passing the modulus-11 check digit.
/// </summary>
/// <remarks>
/// Modulus 11 passes about one random ten-digit number in eleven, and 3-3-4 is also the North American phone
/// layout: a grouped valid number scores below a phone number in service (0.7) but above the placeholder
/// layout (0.55), and contiguous ten digits (Unix timestamps, order numbers) need "NHS" nearby.
/// </remarks>
internal sealed class UkNhsNumberRecognizer : IRecognizer
{
    public const double GroupedScore = 0.6;
    public const double BareScore = 0.4;

    private static ReadOnlySpan<int> Layout => [3, 3, 4];

    public string Name => nameof(UkNhsNumberRecognizer);

    public IReadOnlyList<EntityDefinition> Entities { get; } =
    [
        new(EntityNames.UkNhsNumber, "UK NHS number (ten digits, modulus-11 check digit).",
            ["nhs", "national health service", "health service", "health authority", "health and care", "chi number", "patient", "hospital number"]),
    ];

    public void Analyze(string text, IReadOnlySet<string> enabled, List<RecognizerResult> results)
    {
        if (!enabled.Contains(EntityNames.UkNhsNumber))
        {
            return;
        }

        var position = 0;
        while (NumberScan.NextDigitGroup(text, position, out var start, out var groupEnd))
        {
            position = groupEnd;
            if (!GroupedNumber.TryMatch(text, start, Layout, " -", out var end, out var separator)
                || !NumberScan.StandsAlone(text, start, end, separator))
            {
                continue;
            }

            var number = text.AsSpan(start, end - start);
            if (NhsModulus11.IsValid(number) && !NumberScan.IsOneRepeatedDigit(number))
            {
                results.Add(new RecognizerResult(EntityNames.UkNhsNumber, start, end, separator == '\0' ? BareScore : GroupedScore));
                position = end;
            }
        }
    }
}
