namespace Hub.Scanner.Recognizers.Internet;

/// <summary>DNS host names as e-mail and URL recognizers see them (RFC 1035 labels, IDN letters allowed).</summary>
internal static class HostNames
{
    public const int MaxLength = 253;

    public static bool IsHostChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' || (c > 127 && char.IsLetterOrDigit(c));

    /// <summary>The end of the host that starts at <paramref name="start"/>, without trailing dots or hyphens.</summary>
    public static int End(ReadOnlySpan<char> text, int start)
    {
        var end = start;
        var limit = Math.Min(text.Length, start + MaxLength);
        while (end < limit && IsHostChar(text[end]))
        {
            end++;
        }

        while (end > start && text[end - 1] is '.' or '-')
        {
            end--;
        }

        return end;
    }

    /// <summary>
    /// Whether <paramref name="host"/> is at least two well-formed labels (1–63 characters, no hyphen at
    /// either end) whose last is alphabetic (2–24 letters) or punycode; <paramref name="tld"/> is that last label.
    /// </summary>
    public static bool TryGetTld(ReadOnlySpan<char> host, out ReadOnlySpan<char> tld)
    {
        tld = default;
        var labels = 0;
        var remaining = host;
        while (true)
        {
            var dot = remaining.IndexOf('.');
            var label = dot < 0 ? remaining : remaining[..dot];
            if (label.IsEmpty || label.Length > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            labels++;
            if (dot < 0)
            {
                tld = label;
                break;
            }

            remaining = remaining[(dot + 1)..];
        }

        if (labels < 2)
        {
            return false;
        }

        if (tld.StartsWith("xn--", StringComparison.OrdinalIgnoreCase))
        {
            return tld.Length > 4;
        }

        if (tld.Length is < 2 or > 24)
        {
            return false;
        }

        foreach (var c in tld)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        return true;
    }
}
