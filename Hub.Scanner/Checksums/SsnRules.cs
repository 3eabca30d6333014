namespace Hub.Scanner.Checksums;

/// <summary>What the number rules say about nine digits written as a US SSN.</summary>
internal enum SsnKind
{
    /// <summary>Never issued: area 000, 666 or 900–999, group 00, serial 0000, or one repeated digit.</summary>
    Invalid,

    /// <summary>Well-formed but famous as an example (123-45-6789, the Woolworth card 078-05-1120, 219-09-9999):
    /// real only when the text says it is an SSN.</summary>
    Example,

    Valid,
}

/// <summary>
/// SSA and IRS numbering rules. SSNs: area (first three digits) not 000, 666 or 9xx; group (next two) not 00;
/// serial (last four) not 0000 (SSA, "Social Security Number Randomization", 2011). ITINs: area 9xx and group
/// 50–65, 70–88, 90–92 or 94–99 (IRS Publication 1915).
/// </summary>
internal static class SsnRules
{
    public static SsnKind Classify(ReadOnlySpan<char> digits)
    {
        if (!IsNineDigits(digits) || digits.IndexOfAnyExcept(digits[0]) < 0)
        {
            return SsnKind.Invalid;
        }

        var area = Number(digits[..3]);
        var group = Number(digits[3..5]);
        var serial = Number(digits[5..]);
        if (area is 0 or 666 or >= 900 || group == 0 || serial == 0)
        {
            return SsnKind.Invalid;
        }

        return digits is "123456789" or "078051120" or "219099999" ? SsnKind.Example : SsnKind.Valid;
    }

    public static bool IsValidItin(ReadOnlySpan<char> digits)
    {
        if (!IsNineDigits(digits) || digits[0] != '9' || digits.IndexOfAnyExcept(digits[0]) < 0)
        {
            return false;
        }

        var group = Number(digits[3..5]);
        return group is (>= 50 and <= 65) or (>= 70 and <= 88) or (>= 90 and <= 92) or (>= 94 and <= 99);
    }

    private static bool IsNineDigits(ReadOnlySpan<char> digits) => digits.Length == 9 && !digits.ContainsAnyExceptInRange('0', '9');

    private static int Number(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var c in digits)
        {
            value = (value * 10) + (c - '0');
        }

        return value;
    }
}
