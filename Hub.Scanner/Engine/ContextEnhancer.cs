using Hub.Scanner.Recognizers;

namespace Hub.Scanner.Engine;

/// <summary>
/// Raises a candidate's score when one of its entity's context words stands near it: within
/// <see cref="WordsBefore"/> words before or <see cref="WordsAfter"/> words after. Like Presidio's
/// enhancer: +0.35, at least 0.4, at most 1.0. A context word matches at the start of a word, so
/// "ssn" matches "SSN:" and "ssns" but "card" does not match "discard". The window after a candidate
/// ends at a field boundary (newline, comma, semicolon, quote): in JSON and CSV the next words belong
/// to the next field (<c>"nhs": "943 476 5919", "gp_phone": …</c>).
/// </summary>
internal static class ContextEnhancer
{
    public const double Boost = 0.35;
    public const double FloorWithContext = 0.4;
    public const int WordsBefore = 5;
    public const int WordsAfter = 2;

    private static readonly System.Buffers.SearchValues<char> FieldBoundaries = System.Buffers.SearchValues.Create("\n\r,;\"");

    public static RecognizerResult Enhance(string text, RecognizerResult result, IReadOnlyList<string> contextWords)
    {
        if (contextWords.Count == 0 || result.Score >= 1.0)
        {
            return result;
        }

        var windowStart = WalkWords(text, result.Start, WordsBefore, backwards: true);
        var windowEnd = WalkWords(text, result.End, WordsAfter, backwards: false);
        var boundary = text.AsSpan(result.End, windowEnd - result.End).IndexOfAny(FieldBoundaries);
        if (boundary >= 0)
        {
            windowEnd = result.End + boundary;
        }

        var before = text.AsSpan(windowStart, result.Start - windowStart);
        var after = text.AsSpan(result.End, windowEnd - result.End);
        for (var i = 0; i < contextWords.Count; i++)
        {
            if (ContainsAtWordStart(before, contextWords[i]) || ContainsAtWordStart(after, contextWords[i]))
            {
                return Boosted(result);
            }
        }

        // In a table, the column header names the value (dl_number, nhs_number, ssn).
        var header = TableHeaderContext.HeaderCell(text, result.Start);
        for (var i = 0; i < contextWords.Count && !header.IsEmpty; i++)
        {
            if (ContainsAtWordStart(header, contextWords[i]))
            {
                return Boosted(result);
            }
        }

        return result;
    }

    private static RecognizerResult Boosted(RecognizerResult result) =>
        result with { Score = Math.Min(1.0, Math.Max(result.Score + Boost, FloorWithContext)) };

    /// <summary>The index <paramref name="words"/> words away from <paramref name="from"/>.</summary>
    private static int WalkWords(string text, int from, int words, bool backwards)
    {
        var position = from;
        var step = backwards ? -1 : 1;
        for (var seen = 0; seen < words; seen++)
        {
            // Skip separators, then one word.
            while (InRange(text, position, backwards) && !char.IsLetterOrDigit(Peek(text, position, backwards)))
            {
                position += step;
            }

            while (InRange(text, position, backwards) && char.IsLetterOrDigit(Peek(text, position, backwards)))
            {
                position += step;
            }
        }

        return position;
    }

    private static bool InRange(string text, int position, bool backwards) => backwards ? position > 0 : position < text.Length;

    private static char Peek(string text, int position, bool backwards) => backwards ? text[position - 1] : text[position];

    private static bool ContainsAtWordStart(ReadOnlySpan<char> window, string word)
    {
        var offset = 0;
        while (offset < window.Length)
        {
            var found = window[offset..].IndexOf(word, StringComparison.OrdinalIgnoreCase);
            if (found < 0)
            {
                return false;
            }

            var at = offset + found;
            if (at == 0 || !char.IsLetterOrDigit(window[at - 1]))
            {
                return true;
            }

            offset = at + 1;
        }

        return false;
    }
}
