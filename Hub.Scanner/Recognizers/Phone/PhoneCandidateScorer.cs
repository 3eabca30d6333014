using Hub.Scanner.Recognizers.Numbers;
using PhoneNumbers;

namespace Hub.Scanner.Recognizers.Phone;

/// <summary>
/// Scores a phone-shaped candidate with libphonenumber: valid with '+' (0.8), valid national number grouped as
/// its country writes it (0.7), or written unmistakably as a phone number though not valid (0.45–0.55).
/// </summary>
/// <remarks>
/// libphonenumber's Parse costs about 2 µs and IsValidNumber about 1 µs. Parse runs only for '+' numbers; a
/// national number is built from its digits for each country plan it could belong to (trunk 0 stripped; Italy
/// keeps it), and digits run together, weak whatever libphonenumber says, are judged by their layout alone.
/// Like libphonenumber's EXACT_GROUPING leniency, a national number grouped unlike its country's format needs
/// context, unless its groups after the first never shrink: people regroup phone numbers ("977 544 926" for
/// "977 54 49 26") but end them with their longest group, which "0207 9460 958", an order number, does not.
/// </remarks>
internal sealed class PhoneCandidateScorer
{
    /// <summary>'+', country code, and valid for that country's plan.</summary>
    public const double InternationalScore = 0.8;

    /// <summary>Grouped like a phone number and valid in one of the regions.</summary>
    public const double NationalScore = 0.7;

    /// <summary>The same with nine digits or fewer (Spain, short German numbers): the layout of a New York driver's
    /// licence or an ID, so such a type with its context word wins.</summary>
    public const double ShortNationalScore = 0.55;

    /// <summary>(NXX) NXX-XXXX or NXX-NXX-XXXX that is not in service: placeholders, fiction, test data.</summary>
    public const double LayoutScore = 0.55;

    /// <summary>Not valid, but unmistakably written as a phone number: '+' and a country code with a possible
    /// length, or an area code in parentheses.</summary>
    public const double PhoneLikeScore = 0.5;

    /// <summary>NXX NXX XXXX with spaces only, in service or not: the NHS number layout too, so it needs "phone" nearby.</summary>
    public const double SpacedLayoutScore = 0.45;

    /// <summary>A valid national number whose groups are not its country's ("0207 9460 958"): an order or reference
    /// number as often as a phone, so it needs "phone" nearby.</summary>
    public const double RegroupedScore = 0.45;

    /// <summary>A trunk 0 and nine or ten digits run together (0746362867), valid in a region: IDs rarely start with one zero.</summary>
    public const double TrunkContiguousScore = 0.5;

    /// <summary>Ten or eleven digits run together in a national layout: an ID as often as a phone.</summary>
    public const double ContiguousScore = 0.3;

    /// <summary>Nine digits run together (a Spanish number): as often a passport, an SSN or an account, so "phone"
    /// nearby lifts it only to the threshold, below those types with their own context.</summary>
    public const double ShortContiguousScore = 0.15;

    /// <summary>Country calling codes for a national number written with a trunk 0: GB, DE, FR, IT, NL, AU, BR, IN, CH, IE, JP.</summary>
    private static ReadOnlySpan<int> TrunkZeroPlans => [44, 49, 33, 39, 31, 61, 55, 91, 41, 353, 81];

    /// <summary>Country calling codes for a national number without one: IN and IT mobiles, ES, BR, MX, US.</summary>
    private static ReadOnlySpan<int> OtherPlans => [91, 34, 39, 55, 52, 1];

    private const int Italy = 39;

    private readonly PhoneNumberUtil phoneNumbers = PhoneNumberUtil.GetInstance();

    public PhoneCandidateScorer()
    {
        // libphonenumber loads a region's metadata on first use (milliseconds); do it at start-up, not in a request.
        foreach (var region in (string[])["US", "CA", "GB", "DE", "FR", "IT", "NL", "AU", "BR", "IN", "CH", "IE", "JP", "ES", "MX"])
        {
            var example = phoneNumbers.GetExampleNumber(region);
            phoneNumbers.IsValidNumber(example);
            phoneNumbers.Format(example, PhoneNumberFormat.NATIONAL);
        }
    }

    /// <summary>The candidate's score, or 0 when it is no phone number.</summary>
    public double Score(PhoneCandidate candidate)
    {
        var text = candidate.Text;
        var northAmerican = candidate.IsNorthAmericanLayout(out var spacesOnly);
        var layoutScore = northAmerican ? (spacesOnly ? SpacedLayoutScore : LayoutScore) : candidate.HasParenthesisedAreaCode() ? PhoneLikeScore : 0;
        if (candidate.IsInternational)
        {
            var parsed = TryParse(text[candidate.Start..candidate.End]);
            return parsed is null ? 0
                : phoneNumbers.IsValidNumber(parsed) ? InternationalScore
                : northAmerican && parsed.CountryCode == 1 ? layoutScore
                : phoneNumbers.IsPossibleNumber(parsed) ? PhoneLikeScore
                : 0;
        }

        Span<char> digits = stackalloc char[PhoneCandidateScanner.MaxDigits];
        digits = digits[..NumberScan.CopyDigits(text.AsSpan(candidate.Start, candidate.End - candidate.Start), digits)];
        var trunkZero = digits[0] == '0';
        if (candidate.Count == 1)
        {
            return trunkZero ? (digits.Length is 10 or 11 && digits[1] != '0' && NationalScoreOf(digits, default) > 0 ? TrunkContiguousScore : 0)
                : !PhoneCandidateScanner.IsNationalLayout(digits) ? 0
                : digits.Length == 9 ? ShortContiguousScore : ContiguousScore;
        }

        if (northAmerican)
        {
            return spacesOnly ? SpacedLayoutScore : IsValidNorthAmerican(digits[^10..]) ? NationalScore : LayoutScore;
        }

        return Math.Max(NationalScoreOf(digits, candidate), layoutScore);
    }

    /// <summary>
    /// <see cref="NationalScore"/> when the digits are a valid national number of one of the plans and (for a
    /// grouped <paramref name="candidate"/>) grouped as that country writes it, <see cref="RegroupedScore"/> when
    /// valid but grouped otherwise, else 0.
    /// </summary>
    private double NationalScoreOf(ReadOnlySpan<char> digits, PhoneCandidate candidate)
    {
        var trunkZero = digits[0] == '0';
        var significant = trunkZero ? digits[1..] : digits;
        if (significant.Length < 4 || significant[0] == '0')
        {
            return 0;
        }

        ulong value = 0;
        foreach (var c in significant)
        {
            value = (value * 10) + (ulong)(c - '0');
        }

        var score = 0.0;
        foreach (var plan in trunkZero ? TrunkZeroPlans : OtherPlans)
        {
            var number = new PhoneNumber.Builder().SetCountryCode(plan).SetNationalNumber(value).SetNumberOfLeadingZeros(trunkZero && plan == Italy ? 1 : 0).Build();
            if (phoneNumbers.IsValidNumber(number))
            {
                if (candidate.Count < 2 || HasRisingTail(candidate) || HasNationalGrouping(candidate, phoneNumbers.Format(number, PhoneNumberFormat.NATIONAL)))
                {
                    return digits.Length <= 9 ? ShortNationalScore : NationalScore;
                }

                score = RegroupedScore;
            }
        }

        return score;
    }

    /// <summary>Whether the groups after the first never get shorter (3-3-4, 4-4, 2-2-2-2, 5-3-3 but not 4-4-3).</summary>
    private static bool HasRisingTail(PhoneCandidate candidate)
    {
        for (var group = 2; group < candidate.Count; group++)
        {
            if (candidate.Length(group) < candidate.Length(group - 1))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether every boundary between the candidate's groups (counted in digits from the end) is one in <paramref name="formatted"/>.</summary>
    private static bool HasNationalGrouping(PhoneCandidate candidate, string formatted)
    {
        var fromEnd = 0;
        for (var group = candidate.Count - 1; group > 0; group--)
        {
            fromEnd += candidate.Length(group);
            var seen = 0;
            var boundary = false;
            for (var k = formatted.Length - 1; k > 0 && seen < fromEnd; k--)
            {
                if (char.IsAsciiDigit(formatted[k]) && ++seen == fromEnd)
                {
                    boundary = !char.IsAsciiDigit(formatted[k - 1]);
                }
            }

            if (!boundary)
            {
                return false;
            }
        }

        return true;
    }

    private bool IsValidNorthAmerican(ReadOnlySpan<char> tenDigits)
    {
        ulong national = 0;
        foreach (var c in tenDigits)
        {
            national = (national * 10) + (ulong)(c - '0');
        }

        return phoneNumbers.IsValidNumber(new PhoneNumber.Builder().SetCountryCode(1).SetNationalNumber(national).Build());
    }

    private PhoneNumber? TryParse(string international)
    {
        try
        {
            return phoneNumbers.Parse(international, "ZZ");
        }
        catch (NumberParseException)
        {
            // Expected for a '+' run that is no number (unknown country code, too short): not a phone.
            return null;
        }
    }
}
