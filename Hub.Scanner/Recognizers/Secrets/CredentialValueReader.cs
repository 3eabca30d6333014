using System.Buffers;

namespace Hub.Scanner.Recognizers.Secrets;

/// <summary>Reads the value side of <c>name = value</c>: quotes (also JSON-escaped), separators, auth schemes.</summary>
internal static class CredentialValueReader
{
    /// <summary>Longer values are documents, not credentials; also bounds the work per keyword.</summary>
    public const int MaxValue = 300;

    private static readonly SearchValues<char> ValueStops = SearchValues.Create(" \t\r\n\"'`,;)}]<>&|");
    private static readonly string[] AuthSchemes = ["bearer ", "basic ", "token ", "digest "];

    /// <summary>A quoted value ends at its closing quote on the same line; a bare one at a delimiter.</summary>
    public static bool TryReadValue(ReadOnlySpan<char> text, int p, out int start, out int end)
    {
        start = end = p;
        var escaped = TextRuns.Starts(text, p, "\\\"") || TextRuns.Starts(text, p, "\\'");
        var quoteAt = escaped ? p + 1 : p;
        if (quoteAt < text.Length && text[quoteAt] is '"' or '\'' or '`')
        {
            start = quoteAt + 1;
            var window = text.Slice(start, Math.Min(MaxValue, text.Length - start));
            var close = window.IndexOfAny(text[quoteAt], '\n');
            if (close <= 0 || window[close] == '\n')
            {
                return false;
            }

            end = start + close - (escaped && window[close - 1] == '\\' ? 1 : 0);
            return end > start;
        }

        var run = text.Slice(p, Math.Min(MaxValue, text.Length - p)).IndexOfAny(ValueStops);
        if (run < 0 && text.Length - p >= MaxValue)
        {
            return false;
        }

        end = run < 0 ? text.Length : p + run;
        while (end > start && text[end - 1] is '.' or ':' or '\\')
        {
            end--;
        }

        return end > start;
    }

    public static int SkipQuote(ReadOnlySpan<char> text, int p)
    {
        if (p < text.Length && text[p] == '\\')
        {
            p++;
        }

        return p < text.Length && text[p] is '"' or '\'' or '`' ? p + 1 : p;
    }

    public static int SkipAuthScheme(ReadOnlySpan<char> text, int p)
    {
        foreach (var scheme in AuthSchemes)
        {
            if (text[p..].StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                return SkipSpaces(text, p + scheme.Length);
            }
        }

        return p;
    }

    public static int SkipSpaces(ReadOnlySpan<char> text, int p)
    {
        var limit = Math.Min(text.Length, p + 4);
        while (p < limit && text[p] is ' ' or '\t')
        {
            p++;
        }

        return p;
    }

    /// <summary>
    /// "password for the wifi is …", "API key for staging: …": a few words, then <c>is</c>, <c>was</c> or a
    /// colon, within 48 characters of one line; <paramref name="valueStart"/> is after it.
    /// </summary>
    public static bool TrySkipProse(ReadOnlySpan<char> text, int p, out int valueStart)
    {
        var limit = Math.Min(text.Length, p + 48);
        for (var i = p; i < limit; i++)
        {
            var c = text[i];
            if (c == ':' && i > p)
            {
                valueStart = SkipSpaces(text, i + 1);
                return valueStart > i + 1;
            }

            if (c == ' ' && (TextRuns.Starts(text, i, " is ") || TextRuns.Starts(text, i, " was ")))
            {
                valueStart = i + (text[i + 1] == 'i' ? 4 : 5);
                return true;
            }

            if (!char.IsLetter(c) && c is not ' ' and not '-' and not '\'')
            {
                break;
            }
        }

        valueStart = p;
        return false;
    }
}
