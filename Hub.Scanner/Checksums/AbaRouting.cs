namespace Hub.Scanner.Checksums;

/// <summary>
/// The ABA routing transit number check: nine digits, weights 3-7-1 repeated, sum divisible by 10, and a
/// Federal Reserve prefix (00–12 banks, 21–32 thrifts, 61–72 electronic, 80 traveller's cheques).
/// </summary>
internal static class AbaRouting
{
    public static bool IsValid(ReadOnlySpan<char> digits)
    {
        if (digits.Length != 9 || digits.ContainsAnyExceptInRange('0', '9') || digits.IndexOfAnyExcept(digits[0]) < 0)
        {
            return false;
        }

        var prefix = ((digits[0] - '0') * 10) + (digits[1] - '0');
        if (prefix is not (<= 12 or (>= 21 and <= 32) or (>= 61 and <= 72) or 80))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 9; i += 3)
        {
            sum += (3 * (digits[i] - '0')) + (7 * (digits[i + 1] - '0')) + (digits[i + 2] - '0');
        }

        return sum % 10 == 0;
    }
}
