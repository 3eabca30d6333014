namespace Hub.Scanner.Recognizers.Numbers;

/// <summary>
/// The digit pre-scan the number recognizers of Financial/, Identity/ and Phone/ build on. Recognizers
/// jump from digit to digit with vectorised <c>IndexOfAnyInRange</c> and parse forward a bounded distance
/// from each digit group or token, so no pattern runs over prose and no input can make the work quadratic.
/// </summary>
/// <remarks>
/// Vocabulary: a <em>digit group</em> is a maximal run of ASCII digits; a <em>digit token</em> is a maximal run
/// of word characters (letters, digits, underscore, as regex <c>\w</c>) that holds at least one ASCII digit.
/// A number is <em>joined</em> to a neighbour when a separator and another digit follow it ("12-34"), which
/// makes it part of something longer: a date, a decimal, a longer identifier.
/// </remarks>
internal static class NumberScan
{
    public static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_' || (c > '\x7F' && char.IsLetterOrDigit(c));

    /// <summary>The next maximal run of ASCII digits at or after <paramref name="from"/>.</summary>
    public static bool NextDigitGroup(string text, int from, out int start, out int end)
    {
        var found = from < text.Length ? text.AsSpan(from).IndexOfAnyInRange('0', '9') : -1;
        if (found < 0)
        {
            start = end = text.Length;
            return false;
        }

        start = from + found;
        var length = text.AsSpan(start).IndexOfAnyExceptInRange('0', '9');
        end = length < 0 ? text.Length : start + length;
        return true;
    }

    /// <summary>
    /// The next maximal word token holding a digit. <paramref name="from"/> must not be inside a word
    /// (0, or the end of an earlier token or match), so no character is walked twice.
    /// </summary>
    public static bool NextDigitToken(string text, int from, out int start, out int end)
    {
        if (!NextDigitGroup(text, from, out start, out end))
        {
            return false;
        }

        while (start > from && IsWordChar(text[start - 1]))
        {
            start--;
        }

        while (end < text.Length && IsWordChar(text[end]))
        {
            end++;
        }

        return true;
    }

    /// <summary>The length of the digit group starting at <paramref name="start"/> (0 when none does).</summary>
    public static int DigitGroupLength(string text, int start)
    {
        if (start >= text.Length)
        {
            return 0;
        }

        var length = text.AsSpan(start).IndexOfAnyExceptInRange('0', '9');
        return length < 0 ? text.Length - start : length;
    }

    /// <summary>
    /// Whether <c>[start, end)</c> stands alone: no word character touches it, and it is not joined to another
    /// digit by <paramref name="separator"/> (the number's own separator, or '\0' for none) or by '-', '.', '/'.
    /// A space-separated number may sit next to other numbers when <paramref name="allowSpacedNeighbours"/>.
    /// </summary>
    public static bool StandsAlone(string text, int start, int end, char separator, bool allowSpacedNeighbours = false)
    {
        if ((start > 0 && IsWordChar(text[start - 1])) || (end < text.Length && IsWordChar(text[end])))
        {
            return false;
        }

        return !IsJoin(text, start - 1, start - 2, separator, allowSpacedNeighbours)
            && !IsJoin(text, end, end + 1, separator, allowSpacedNeighbours);
    }

    /// <summary>Copies the digits of <paramref name="value"/> into <paramref name="digits"/>; returns how many, or -1 when they do not fit.</summary>
    public static int CopyDigits(ReadOnlySpan<char> value, Span<char> digits)
    {
        var count = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                if (count == digits.Length)
                {
                    return -1;
                }

                digits[count++] = c;
            }
        }

        return count;
    }

    public static bool IsOneRepeatedDigit(ReadOnlySpan<char> digits) => digits.Length > 0 && digits.IndexOfAnyExcept(digits[0]) < 0;

    private static bool IsJoin(string text, int separatorAt, int digitAt, char separator, bool allowSpacedNeighbours)
    {
        if (separatorAt < 0 || digitAt < 0 || separatorAt >= text.Length || digitAt >= text.Length || !char.IsAsciiDigit(text[digitAt]))
        {
            return false;
        }

        var c = text[separatorAt];
        return c is '-' or '.' or '/' || (c == separator && !(c == ' ' && allowSpacedNeighbours));
    }
}
