using System.Buffers;
using Hub.Scanner.Recognizers.Secrets;

namespace Hub.Scanner.Recognizers.Internet;

/// <summary>Where a URL's scheme starts and its path ends, for <see cref="UrlRecognizer"/>.</summary>
internal static class UrlSyntax
{
    /// <summary>Longer "URLs" are data, not addresses; also bounds the work per URL.</summary>
    public const int MaxUrl = 2048;

    /// <summary>RFC 3986 allows more, but these end a URL in prose, Markdown, HTML and JSON.</summary>
    public static readonly SearchValues<char> PathStops = SearchValues.Create(" \t\r\n\"'<>`{}|\\^");

    private static readonly string[] Schemes = ["https", "http", "ftps", "ftp", "sftp", "wss", "ws"];

    /// <summary><c>docker pull ghcr.io/acme/api@sha256:…</c>, <c>FROM registry.example.com/base:1.2</c>: an image reference, not a URL.</summary>
    public static bool IsContainerImage(ReadOnlySpan<char> text, int start, int end)
    {
        if (TextRuns.At(text, end, '@'))
        {
            return true;
        }

        var before = text[Math.Max(0, start - 8)..start].TrimEnd(' ');
        return before.EndsWith("pull", StringComparison.Ordinal) || before.EndsWith("push", StringComparison.Ordinal)
            || before.EndsWith("FROM", StringComparison.Ordinal) || before.EndsWith("image:", StringComparison.Ordinal);
    }

    /// <summary>The scheme's start before <c>://</c>, or -1 when it is not one we report.</summary>
    public static int SchemeStart(ReadOnlySpan<char> text, int separator)
    {
        foreach (var scheme in Schemes)
        {
            var start = separator - scheme.Length;
            if (start >= 0 && text[start..separator].Equals(scheme, StringComparison.OrdinalIgnoreCase) && !(start > 0 && char.IsAsciiLetterOrDigit(text[start - 1])))
            {
                return start;
            }
        }

        return -1;
    }

    /// <summary>The end of port, path, query and fragment, without trailing punctuation or an unbalanced bracket.</summary>
    public static int PathEnd(ReadOnlySpan<char> text, int hostEnd, int start)
    {
        var window = text.Slice(hostEnd, Math.Min(MaxUrl, text.Length - hostEnd));
        var stop = window.IndexOfAny(PathStops);
        var end = hostEnd + (stop < 0 ? window.Length : stop);
        var url = text[start..end];
        var parentheses = url.Count('(') - url.Count(')');
        var brackets = url.Count('[') - url.Count(']');
        while (end > hostEnd)
        {
            var last = text[end - 1];
            if (last is '.' or ',' or ';' or ':' or '!' or '?' or '*' or '\'' or '"')
            {
                end--;
            }
            else if ((last == ')' && parentheses < 0) || (last == ']' && brackets < 0))
            {
                parentheses += last == ')' ? 1 : 0;
                brackets += last == ']' ? 1 : 0;
                end--;
            }
            else
            {
                break;
            }
        }

        return end;
    }

    public static bool IsLower(ReadOnlySpan<char> tld)
    {
        foreach (var c in tld)
        {
            if (char.IsUpper(c))
            {
                return false;
            }
        }

        return true;
    }
}
