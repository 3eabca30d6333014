using Hub.Core.Entities;
using Hub.Scanner.Checksums;
using Hub.Scanner.Recognizers.Numbers;

namespace Hub.Scanner.Recognizers.Financial;

/// <summary>
/// IBANs: a country code and two check digits, then the BBAN, run together or in groups of four joined by one
/// separator (space or dash) used throughout. Like Presidio, the longest prefix that is a valid IBAN wins, so
/// "DE89 3704 0044 0532 0130 00 2 days" ends before " 2"; the cut must fall where the text is not mid-word.
/// </summary>
internal sealed class IbanRecognizer : IRecognizer
{
    /// <summary>Country format, length and mod-97 all agree.</summary>
    public const double ValidScore = 1.0;

    /// <summary>Valid once upper-cased (Presidio keeps these at its pattern score).</summary>
    public const double LowerCaseScore = 0.5;

    /// <summary>Mod-97 holds and the length is (nearly) the country's, but the BBAN's letter/digit layout is not:
    /// test-data generators (Bogus's IE, PK, AZ, GE, PS, TR, VG; Faker's GB) ignore the registry.</summary>
    public const double FormatMismatchScore = 0.5;

    /// <summary>Mod-97 holds but the length is off by more than <see cref="LengthSlack"/> from the country's:
    /// a 1-in-97 coincidence, so only "IBAN" nearby makes it one.</summary>
    public const double ChecksumOnlyScore = 0.3;

    /// <summary>How far from its country's length an IBAN with good check digits may be and still score
    /// <see cref="FormatMismatchScore"/>: Faker's default locale writes GB IBANs of 21 characters, and Costa
    /// Rica's grew from 21 to 22 in 2017.</summary>
    public const int LengthSlack = 2;

    public string Name => nameof(IbanRecognizer);

    public IReadOnlyList<EntityDefinition> Entities { get; } =
    [
        new(EntityNames.IbanCode, "International Bank Account Number (ISO 13616), mod-97 and country format checked.",
            ["iban", "bank", "account", "transfer", "transaction", "swift", "bic", "sepa", "wire", "beneficiary"]),
    ];

    public void Analyze(string text, IReadOnlySet<string> enabled, List<RecognizerResult> results)
    {
        if (!enabled.Contains(EntityNames.IbanCode))
        {
            return;
        }

        Span<char> compact = stackalloc char[Iban.MaxLength];
        Span<int> textEnds = stackalloc int[Iban.MaxLength + 1];
        var position = 0;
        while (NumberScan.NextDigitToken(text, position, out var start, out var tokenEnd))
        {
            position = tokenEnd;
            if (tokenEnd - start < 4 || !char.IsAsciiLetter(text[start]) || !char.IsAsciiLetter(text[start + 1])
                || !char.IsAsciiDigit(text[start + 2]) || !char.IsAsciiDigit(text[start + 3]))
            {
                continue;
            }

            var (end, score) = Match(text, start, compact, textEnds);
            if (end > 0)
            {
                results.Add(new RecognizerResult(EntityNames.IbanCode, start, end, score));
                position = Math.Max(position, end);
            }
        }
    }

    private static (int End, double Score) Match(string text, int start, Span<char> compact, Span<int> textEnds)
    {
        // Step 1: read alphanumerics (upper-cased) and separators that fall between groups of four.
        var length = 0;
        var separator = '\0';
        var i = start;
        while (i < text.Length && length < Iban.MaxLength)
        {
            var c = text[i];
            if (char.IsAsciiLetterOrDigit(c))
            {
                compact[length++] = char.ToUpperInvariant(c);
                textEnds[length] = ++i;
            }
            else if (c is ' ' or '-' && length % 4 == 0 && (separator == '\0' || separator == c)
                && i + 1 < text.Length && char.IsAsciiLetterOrDigit(text[i + 1]))
            {
                separator = c;
                i++;
            }
            else
            {
                break;
            }
        }

        // Step 2: the country's length, cut where the text allows it (at the end of the read or before a separator).
        var expected = Iban.CountryLength(compact);
        if (expected == 0)
        {
            return default;
        }

        if (expected <= length && IsCleanCut(text, textEnds[expected], expected == length) && Iban.HasValidCheckDigits(compact[..expected]))
        {
            var end = textEnds[expected];
            return (end, !Iban.MatchesCountryFormat(compact[..expected]) ? FormatMismatchScore
                : text.AsSpan(start, end - start).ContainsAnyInRange('a', 'z') ? LowerCaseScore
                : ValidScore);
        }

        // Step 3: a checksum without the country's length: plausible when the length is close.
        return length >= Iban.MinLength && IsCleanCut(text, textEnds[length], true) && Iban.HasValidCheckDigits(compact[..length])
            ? (textEnds[length], Math.Abs(length - expected) <= LengthSlack ? FormatMismatchScore : ChecksumOnlyScore)
            : default;
    }

    private static bool IsCleanCut(string text, int end, bool atReadEnd) =>
        end >= text.Length || (atReadEnd ? !NumberScan.IsWordChar(text[end]) : text[end] is ' ' or '-');
}
