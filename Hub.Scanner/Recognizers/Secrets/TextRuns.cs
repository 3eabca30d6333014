using System.Buffers;

namespace Hub.Scanner.Recognizers.Secrets;

/// <summary>Bounded span reads shared by the hand-written scanners of this folder, Internet/ and Dates/.</summary>
internal static class TextRuns
{
    /// <summary>How many characters of <paramref name="set"/> start at <paramref name="from"/>, counting at most <paramref name="limit"/>.</summary>
    public static int Run(ReadOnlySpan<char> text, int from, SearchValues<char> set, int limit)
    {
        if (from >= text.Length)
        {
            return 0;
        }

        var window = text.Slice(from, Math.Min(limit, text.Length - from));
        var stop = window.IndexOfAnyExcept(set);
        return stop < 0 ? window.Length : stop;
    }

    /// <summary>
    /// The next run of at least <paramref name="minLength"/> characters of <paramref name="set"/> at or after
    /// <paramref name="position"/>, which moves past it. Only every <paramref name="minLength"/>-th character is
    /// probed until one is in the set, so prose (short words) is skipped at a fraction of a character's cost.
    /// </summary>
    public static bool NextLongRun(ReadOnlySpan<char> text, ref int position, SearchValues<char> set, int minLength, out int start, out int end)
    {
        while (position + minLength <= text.Length)
        {
            var probe = position + minLength - 1;
            if (!set.Contains(text[probe]))
            {
                position = probe + 1;
                continue;
            }

            // The character before position is never in the set (or position is 0), so the run starts in [position, probe].
            var before = text[position..probe].LastIndexOfAnyExcept(set);
            start = before < 0 ? position : position + before + 1;
            var after = text[probe..].IndexOfAnyExcept(set);
            end = after < 0 ? text.Length : probe + after;
            position = end + 1;
            if (end - start >= minLength)
            {
                return true;
            }
        }

        start = end = 0;
        return false;
    }

    /// <summary>How many ASCII digits start at <paramref name="from"/>, counting at most <paramref name="limit"/>.</summary>
    public static int Digits(ReadOnlySpan<char> text, int from, int limit)
    {
        var count = 0;
        while (from + count < text.Length && count < limit && char.IsAsciiDigit(text[from + count]))
        {
            count++;
        }

        return count;
    }

    public static bool At(ReadOnlySpan<char> text, int index, char expected) => (uint)index < (uint)text.Length && text[index] == expected;

    public static bool Starts(ReadOnlySpan<char> text, int index, string expected) =>
        (uint)index <= (uint)text.Length && text[index..].StartsWith(expected, StringComparison.Ordinal);

    /// <summary>True when the character at <paramref name="index"/> exists and is an ASCII letter, digit or underscore.</summary>
    public static bool IsWordAt(ReadOnlySpan<char> text, int index) =>
        (uint)index < (uint)text.Length && (char.IsAsciiLetterOrDigit(text[index]) || text[index] == '_');

    /// <summary>Parses up to <paramref name="length"/> ASCII digits (the caller checked they are digits).</summary>
    public static int Number(ReadOnlySpan<char> text, int from, int length)
    {
        var value = 0;
        for (var i = from; i < from + length; i++)
        {
            value = (value * 10) + (text[i] - '0');
        }

        return value;
    }

    /// <summary>Whether the word right before <paramref name="start"/> is "version", "ver", "v", "build" or "release" (<c>version 1.2.3.4</c>, <c>v1.2</c>).</summary>
    public static bool IsAfterVersionWord(ReadOnlySpan<char> text, int start)
    {
        var before = text[Math.Max(0, start - 12)..start].TrimEnd(" :=#");
        var word = before.Length;
        while (word > 0 && char.IsAsciiLetter(before[word - 1]))
        {
            word--;
        }

        if (word > 0 && char.IsLetterOrDigit(before[word - 1]))
        {
            return false;
        }

        var last = before[word..];
        return last.Equals("version", StringComparison.OrdinalIgnoreCase) || last.Equals("ver", StringComparison.OrdinalIgnoreCase)
            || last.Equals("v", StringComparison.OrdinalIgnoreCase) || last.Equals("build", StringComparison.OrdinalIgnoreCase)
            || last.Equals("release", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Whether <paramref name="start"/> lies inside a URL: <c>://</c> occurs earlier in the same unbroken run
    /// (at most 256 characters back). A date in <c>?from=2024-03-15</c> then stays part of the URL finding
    /// instead of outscoring it and leaving the rest of the URL unredacted.
    /// </summary>
    public static bool IsInsideUrl(ReadOnlySpan<char> text, int start)
    {
        var window = text[Math.Max(0, start - 256)..start];
        var space = window.LastIndexOfAny(UrlBreaks);
        return window[(space + 1)..].IndexOf("://", StringComparison.Ordinal) >= 0;
    }

    private static readonly SearchValues<char> UrlBreaks = SearchValues.Create(" \t\r\n\"'<>`");
}
