namespace Hub.Scanner.Checksums;

/// <summary>
/// The NHS number check digit (NHS Data Dictionary, "NHS Number"): weights 10 down to 2 over the first nine
/// digits, check = 11 − (sum mod 11), 11 becomes 0 and 10 means the number is never issued.
/// </summary>
internal static class NhsModulus11
{
    /// <summary>True for ten digits (spaces and dashes skipped) whose last digit is the check digit.</summary>
    public static bool IsValid(ReadOnlySpan<char> value)
    {
        Span<int> digits = stackalloc int[10];
        var count = 0;
        foreach (var c in value)
        {
            if (c is ' ' or '-')
            {
                continue;
            }

            if (!char.IsAsciiDigit(c) || count == 10)
            {
                return false;
            }

            digits[count++] = c - '0';
        }

        if (count != 10)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += digits[i] * (10 - i);
        }

        var check = 11 - (sum % 11);
        if (check == 11)
        {
            check = 0;
        }

        return check != 10 && check == digits[9];
    }
}
