using Hub.Scanner.Recognizers.Numbers;

namespace Hub.Scanner.Recognizers.Phone;

/// <summary>
/// The cheap half of phone detection: reads runs of digit groups joined by separators of at most three
/// characters from " -./()" (no double space), splits a run too long for one number where a space begins a
/// new one, and rejects what has another number's shape (dates, IPv4, SSNs, decimals) before libphonenumber
/// is ever called.
/// </summary>
internal static class PhoneCandidateScanner
{
    public const int MinDigits = 7;
    public const int MaxDigits = 15;

    /// <summary>Reads the run whose first digit group is <c>[start, groupEnd)</c>; returns its end and how many groups
    /// it has, or -1 groups when it has more than <see cref="PhoneCandidate.MaxGroups"/> (a table, not a number).</summary>
    public static int ReadRun(string text, int start, int groupEnd, Span<int> starts, Span<int> ends, out int count)
    {
        count = 0;
        var end = groupEnd;
        while (true)
        {
            if (count >= 0 && count < starts.Length)
            {
                starts[count] = start;
                ends[count++] = end;
            }
            else
            {
                count = -1;
            }

            var next = SeparatorEnd(text, end);
            if (next < 0)
            {
                return end;
            }

            start = next;
            end = start + NumberScan.DigitGroupLength(text, start);
        }
    }

    /// <summary>True when the candidate could be one phone number rather than another kind of number.</summary>
    public static bool HasPhoneShape(PhoneCandidate candidate)
    {
        var digits = candidate.Digits;
        if (digits < (candidate.IsInternational ? MinDigits + 1 : MinDigits) || digits > MaxDigits || !ParenthesesBalance(candidate))
        {
            return false;
        }

        // One-digit groups occur ("+49 180 5 123456", "1-800", "+44 (0)20") but never last and never more than two.
        var count = candidate.Count;
        var single = 0;
        for (var i = 0; i < count; i++)
        {
            var length = candidate.Length(i);
            if ((length == 1 && (++single > 2 || (i == count - 1 && count > 1))) || (length > 10 && count > 1))
            {
                return false;
            }
        }

        if (count == 2 && candidate.Separator(0) is ".")
        {
            return false; // a decimal
        }

        if (count == 4 && candidate.Separator(0) is "." && candidate.Separator(1) is "." && candidate.Separator(2) is "."
            && candidate.Length(0) <= 3 && candidate.Length(1) <= 3 && candidate.Length(2) <= 3 && candidate.Length(3) <= 3)
        {
            return false; // an IPv4 address
        }

        if (count >= 3 && candidate.Separator(0).SequenceEqual(candidate.Separator(1)))
        {
            var separator = candidate.Separator(0);
            var (a, b, c) = (candidate.Length(0), candidate.Length(1), candidate.Length(2));
            if (separator is "-" or "/" or "." && ((a == 4 && b <= 2 && c <= 2) || (a <= 2 && b <= 2 && c is 4 or 2)))
            {
                return false; // a date, possibly followed by a time
            }

            if (count == 3 && a == 3 && b == 2 && c == 4)
            {
                return false; // the SSN layout
            }
        }

        return true;
    }

    /// <summary>The first character of the candidate whose first group starts at <paramref name="digit"/>: a '(' and a '+' before it belong to it.</summary>
    public static int LeadingStart(string text, int digit)
    {
        var start = digit;
        if (start > 0 && text[start - 1] == '(')
        {
            start--;
        }

        if (start > 0 && text[start - 1] == '+')
        {
            start--;
        }

        return start;
    }

    /// <summary>Whether a separator marks a new number in a long run: two or more characters with a space that do not
    /// close a parenthesis, such as " / ", " - " or " (".</summary>
    public static bool IsStrongSplitPoint(string text, int groupEnd, int nextGroupStart) =>
        nextGroupStart - groupEnd > 1 && text[groupEnd] != ')' && text.AsSpan(groupEnd, nextGroupStart - groupEnd).Contains(' ');

    /// <summary>
    /// Whether digits run together (9–11, no trunk 0) follow a national layout that needs no trunk prefix: NANP
    /// NXX-NXX-XXXX (optionally 1 first), Indian mobiles [6-9] and Italian mobiles 3 (ten digits), Brazilian
    /// mobiles AA9XXXXXXXX (eleven), Spanish numbers [6-9] (nine).
    /// </summary>
    public static bool IsNationalLayout(ReadOnlySpan<char> d) => d.Length switch
    {
        9 => d[0] >= '6',
        10 => IsNorthAmericanNumber(d) || d[0] >= '6' || d[0] == '3',
        11 => (d[0] == '1' && IsNorthAmericanNumber(d[1..])) || (d[0] != '0' && d[1] != '0' && d[2] == '9'),
        _ => false,
    };

    /// <summary>
    /// The end of an extension that follows a number at <paramref name="end"/> (" x4558", " ext. 12",
    /// " extension 7"), or <paramref name="end"/> when none does.
    /// </summary>
    public static int ExtensionEnd(string text, int end)
    {
        var i = end < text.Length && text[end] == ' ' ? end + 1 : end;
        var rest = text.AsSpan(i);
        var marker = rest.StartsWith("extension", StringComparison.OrdinalIgnoreCase) ? 9
            : rest.StartsWith("ext", StringComparison.OrdinalIgnoreCase) ? 3
            : rest.StartsWith("x", StringComparison.OrdinalIgnoreCase) ? 1
            : 0;
        if (marker == 0)
        {
            return end;
        }

        i += marker;
        if (i < text.Length && text[i] == '.')
        {
            i++;
        }

        if (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        var digits = NumberScan.DigitGroupLength(text, i);
        return digits is >= 1 and <= 6 && (i + digits == text.Length || !NumberScan.IsWordChar(text[i + digits])) ? i + digits : end;
    }

    /// <summary>The start of the next digit group when a valid separator follows <paramref name="end"/>, else -1.</summary>
    private static int SeparatorEnd(string text, int end)
    {
        var i = end;
        while (i < text.Length && i - end < 3 && text[i] is ' ' or '-' or '.' or '/' or '(' or ')')
        {
            if (text[i] == ' ' && i > end && text[i - 1] == ' ')
            {
                return -1;
            }

            i++;
        }

        return i > end && i < text.Length && char.IsAsciiDigit(text[i]) ? i : -1;
    }

    /// <summary>NXX NXX XXXX: neither the area code nor the exchange starts with 0 or 1.</summary>
    private static bool IsNorthAmericanNumber(ReadOnlySpan<char> tenDigits) => tenDigits[0] >= '2' && tenDigits[3] >= '2';

    private static bool ParenthesesBalance(PhoneCandidate candidate)
    {
        var depth = 0;
        foreach (var c in candidate.Text.AsSpan(candidate.Start, candidate.End - candidate.Start))
        {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth is < 0 or > 1)
            {
                return false;
            }
        }

        return depth == 0;
    }
}
