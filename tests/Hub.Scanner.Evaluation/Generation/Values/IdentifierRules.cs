using System.Numerics;

namespace Hub.Scanner.Evaluation.Generation.Values;

/// <summary>
/// The check rules of the structured types, written independently of Hub.Scanner's validators so the
/// set does not inherit their bugs: generators use them to make valid values, and the gold check uses
/// them to catch a hand-written hard case whose value is not what its label claims.
/// </summary>
internal static class IdentifierRules
{
    /// <summary>The Luhn check digit to append to <paramref name="digits"/>.</summary>
    public static int LuhnCheckDigit(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            sum += i % 2 == 0 ? (digit * 2 > 9 ? (digit * 2) - 9 : digit * 2) : digit;
        }

        return (10 - (sum % 10)) % 10;
    }

    public static bool IsLuhnValid(string digits) =>
        digits.Length > 1 && LuhnCheckDigit(digits[..^1]) == digits[^1] - '0';

    /// <summary>ISO 13616: the two check digits for a country code and BBAN.</summary>
    public static string IbanCheckDigits(string country, string bban) =>
        (98 - Mod97(bban + country + "00")).ToString("00", System.Globalization.CultureInfo.InvariantCulture);

    public static bool IsIbanValid(string compact) =>
        compact.Length is >= 15 and <= 34 && char.IsAsciiLetterUpper(compact[0]) && char.IsAsciiLetterUpper(compact[1])
        && compact.All(char.IsAsciiLetterOrDigit) && Mod97(compact[4..] + compact[..4]) == 1;

    private static int Mod97(string text)
    {
        var remainder = 0;
        foreach (var c in text)
        {
            var value = char.IsAsciiDigit(c) ? c - '0' : char.ToUpperInvariant(c) - 'A' + 10;
            remainder = value >= 10 ? ((remainder * 100) + value) % 97 : ((remainder * 10) + value) % 97;
        }

        return remainder;
    }

    /// <summary>NHS mod-11 check digit for 9 digits, or -1 when the result is 10 (no valid number).</summary>
    public static int NhsCheckDigit(string nineDigits)
    {
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (nineDigits[i] - '0') * (10 - i);
        }

        var check = 11 - (sum % 11);
        return check == 11 ? 0 : check == 10 ? -1 : check;
    }

    public static bool IsNhsValid(string digits) => digits.Length == 10 && NhsCheckDigit(digits[..9]) == digits[9] - '0';

    /// <summary>DEA: (d1+d3+d5) + 2(d2+d4+d6); its last digit is d7.</summary>
    public static int DeaCheckDigit(string sixDigits) =>
        (sixDigits[0] - '0' + sixDigits[2] - '0' + sixDigits[4] - '0'
         + (2 * (sixDigits[1] - '0' + sixDigits[3] - '0' + sixDigits[5] - '0'))) % 10;

    public static bool IsDeaValid(string dea) =>
        dea.Length == 9 && char.IsAsciiLetter(dea[0]) && (char.IsAsciiLetter(dea[1]) || dea[1] == '9')
        && dea[2..].All(char.IsAsciiDigit) && DeaCheckDigit(dea[2..8]) == dea[8] - '0';

    /// <summary>SSA rules: area 001–899 but not 666, group 01–99, serial 0001–9999; not the Woolworth number.</summary>
    public static bool IsSsnValid(string digits) =>
        digits.Length == 9 && digits.All(char.IsAsciiDigit)
        && digits[..3] is not ("000" or "666") && digits[0] != '9'
        && digits[3..5] != "00" && digits[5..] != "0000" && digits != "078051120";

    /// <summary>ITIN: 9XX, group 50–65, 70–88, 90–92 or 94–99.</summary>
    public static bool IsItinValid(string digits)
    {
        if (digits.Length != 9 || digits[0] != '9' || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        var group = int.Parse(digits[3..5], System.Globalization.CultureInfo.InvariantCulture);
        return group is (>= 50 and <= 65) or (>= 70 and <= 88) or (>= 90 and <= 92) or (>= 94 and <= 99);
    }

    /// <summary>UK NINO: two prefix letters (not D F I Q U V; second not O; not BG GB KN NK NT TN ZZ), six digits, suffix A–D.</summary>
    public static bool IsNinoValid(string compact) =>
        compact.Length == 9 && IsNinoPrefix(compact[..2]) && compact[2..8].All(char.IsAsciiDigit) && compact[8] is >= 'A' and <= 'D';

    public static bool IsNinoPrefix(string prefix) =>
        prefix.Length == 2 && char.IsAsciiLetterUpper(prefix[0]) && char.IsAsciiLetterUpper(prefix[1])
        && !"DFIQUV".Contains(prefix[0], StringComparison.Ordinal) && !"DFIOQUV".Contains(prefix[1], StringComparison.Ordinal)
        && prefix is not ("BG" or "GB" or "KN" or "NK" or "NT" or "TN" or "ZZ");

    /// <summary>Big-endian bytes as a number, for Base58.</summary>
    public static BigInteger ToBigInteger(ReadOnlySpan<byte> bytes) => new(bytes, isUnsigned: true, isBigEndian: true);
}
