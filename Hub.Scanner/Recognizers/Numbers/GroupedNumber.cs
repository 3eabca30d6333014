namespace Hub.Scanner.Recognizers.Numbers;

/// <summary>
/// Matches a fixed digit layout such as 3-2-4 (SSN) or 3-3-4 (NHS) at the start of a digit group: either the
/// groups joined by one separator used throughout, or all the digits run together.
/// </summary>
internal static class GroupedNumber
{
    /// <param name="text">The text.</param>
    /// <param name="start">The first digit of a digit group.</param>
    /// <param name="sizes">The group sizes, e.g. [3, 2, 4].</param>
    /// <param name="separators">Which separators may join the groups.</param>
    /// <param name="end">The end of the match.</param>
    /// <param name="separator">The separator used, or '\0' when the digits run together.</param>
    public static bool TryMatch(string text, int start, ReadOnlySpan<int> sizes, ReadOnlySpan<char> separators, out int end, out char separator)
    {
        var total = 0;
        foreach (var size in sizes)
        {
            total += size;
        }

        separator = '\0';
        end = start;
        var first = NumberScan.DigitGroupLength(text, start);
        if (first == total)
        {
            end = start + total;
            return true;
        }

        if (first != sizes[0])
        {
            return false;
        }

        var position = start + first;
        for (var i = 1; i < sizes.Length; i++)
        {
            if (position >= text.Length || (i == 1 ? !separators.Contains(text[position]) : text[position] != separator))
            {
                return false;
            }

            separator = text[position];
            if (NumberScan.DigitGroupLength(text, position + 1) != sizes[i])
            {
                return false;
            }

            position += 1 + sizes[i];
        }

        end = position;
        return true;
    }
}
