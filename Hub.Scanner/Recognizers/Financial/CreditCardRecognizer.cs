using Hub.Core.Entities;
using Hub.Scanner.Checksums;
using Hub.Scanner.Recognizers.Numbers;

namespace Hub.Scanner.Recognizers.Financial;

/// <summary>
/// Payment card numbers: 13–19 digits (20 for the Maestro and 6-series ranges, which widely used test-data
/// generators such as Bogus emit), run together or in groups (first group of four, then groups of 3–6, the last
/// possibly shorter) joined by one separator, space or dash, used throughout; the last group may also be longer, the
/// rest of the number run together, which is how OCR reads a card printed in a proportional font. A candidate must carry a known issuer prefix with
/// that issuer's length and pass Luhn; from each starting group the longest such window wins, so a trailing
/// CVV ("4111 1111 1111 1111 123") is left out.
/// </summary>
internal sealed class CreditCardRecognizer : IRecognizer
{
    /// <summary>Issuer prefix, issuer length and Luhn together: a random 16-digit number passes about 1 in 30.</summary>
    public const double ValidScore = 1.0;

    private const int MinDigits = 13;
    private const int MaxDigits = 20;

    /// <summary>The longest group printed cards use (Amex and Diners 4-6-5, 4-6-4).</summary>
    private const int MaxGroup = 6;

    public string Name => nameof(CreditCardRecognizer);

    public IReadOnlyList<EntityDefinition> Entities { get; } =
    [
        new(EntityNames.CreditCard, "Payment card number (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay, Maestro), Luhn-checked.",
            ["credit", "card", "cc", "visa", "mastercard", "amex", "american express", "discover", "jcb", "diners", "maestro", "unionpay", "debit", "pan", "cvv", "expir"]),
    ];

    public void Analyze(string text, IReadOnlySet<string> enabled, List<RecognizerResult> results)
    {
        if (!enabled.Contains(EntityNames.CreditCard))
        {
            return;
        }

        Span<int> ends = stackalloc int[MaxDigits];
        Span<char> digits = stackalloc char[MaxDigits];
        var position = 0;
        while (NumberScan.NextDigitGroup(text, position, out var start, out var groupEnd))
        {
            position = groupEnd;
            var found = FindAt(text, start, groupEnd, ends, digits);
            if (found > 0)
            {
                results.Add(new RecognizerResult(EntityNames.CreditCard, start, found, ValidScore));
                position = found;
            }
        }
    }

    /// <summary>The end of the longest valid card starting at <paramref name="start"/>, or 0.</summary>
    private static int FindAt(string text, int start, int groupEnd, Span<int> ends, Span<char> digits)
    {
        var firstLength = groupEnd - start;
        if (firstLength is >= MinDigits and <= MaxDigits)
        {
            var candidate = text.AsSpan(start, firstLength);
            return NumberScan.StandsAlone(text, start, groupEnd, '\0', allowSpacedNeighbours: true) && IsCard(candidate) ? groupEnd : 0;
        }

        if (firstLength != 4 || groupEnd + 1 >= text.Length || text[groupEnd] is not (' ' or '-'))
        {
            return 0;
        }

        // Collect the ends of the windows of 13–19 digits, then try the longest first.
        var separator = text[groupEnd];
        var count = 0;
        var total = firstLength;
        var position = groupEnd;
        while (position + 1 < text.Length && text[position] == separator)
        {
            var length = NumberScan.DigitGroupLength(text, position + 1);
            if (length < 1 || total + length > MaxDigits)
            {
                break;
            }

            // OCR of a card in a proportional font often loses some of its spaces ("4111 111111111111", "4111 1111 11111111"):
            // a long group may end a card, never continue one.
            var last = length > MaxGroup;

            total += length;
            position += 1 + length;
            if (total >= MinDigits)
            {
                ends[count++] = position;
            }

            if (length < 3 || last)
            {
                break; // a short group ends a card ("6759 3384 7392 4274 77"), as does a merged one
            }
        }

        for (var i = count - 1; i >= 0; i--)
        {
            var window = text.AsSpan(start, ends[i] - start);
            var n = NumberScan.CopyDigits(window, digits);
            if (NumberScan.StandsAlone(text, start, ends[i], separator, allowSpacedNeighbours: true) && IsCard(digits[..n]))
            {
                return ends[i];
            }
        }

        return 0;
    }

    private static bool IsCard(ReadOnlySpan<char> digits) =>
        IssuerAccepts(digits) && !NumberScan.IsOneRepeatedDigit(digits) && Luhn.IsValid(digits);

    /// <summary>
    /// Issuer prefixes (IINs) and their lengths: Visa 4 (13, 16, 19); Mastercard 51–55 and 2221–2720 (16); Mir
    /// 2200–2204; Amex 34, 37 (15); JCB 3528–3589; Diners 300–305, 3095, 36, 38, 39; Discover, UnionPay, RuPay,
    /// Maestro and the other 6-series (13–20); Maestro 50, 56–59 (13–20) and 0604; UATP 1 and the old JCB 1800 and
    /// 2131 (15).
    /// </summary>
    private static bool IssuerAccepts(ReadOnlySpan<char> digits)
    {
        var length = digits.Length;
        var two = ((digits[0] - '0') * 10) + (digits[1] - '0');
        var four = (two * 100) + ((digits[2] - '0') * 10) + (digits[3] - '0');
        return digits[0] switch
        {
            '4' => length is 13 or 16 or 19,
            '5' => two is >= 51 and <= 55 ? length == 16 : two is 50 or >= 56,
            '6' => true,
            '2' => (four is >= 2221 and <= 2720 && length == 16) || (four is >= 2200 and <= 2204 && length >= 16) || (four == 2131 && length == 15),
            '3' => two switch
            {
                34 or 37 => length == 15,
                35 => four is >= 3528 and <= 3589 && length >= 16,
                36 or 38 or 39 => length >= 14,
                30 => (four is >= 3000 and <= 3059 or 3095) && length >= 14,
                _ => false,
            },
            '1' => length == 15,
            '0' => four == 604,
            _ => false,
        };
    }
}
