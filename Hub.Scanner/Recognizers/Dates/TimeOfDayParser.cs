using System.Collections.Frozen;
using Hub.Scanner.Recognizers.Secrets;

namespace Hub.Scanner.Recognizers.Dates;

/// <summary>
/// Times of day: <c>10:30</c>, <c>22:15:07.123</c>, <c>10:30 PM</c>, <c>5pm</c>, <c>14h30</c>, each with an
/// optional zone (<c>Z</c>, <c>+05:30</c>, <c>UTC</c>, <c>PST</c>). Hours 0–23 (1–12 with AM/PM), minutes and
/// seconds 0–59 (60 for a leap second).
/// </summary>
internal static class TimeOfDayParser
{
    private static readonly string[] Meridiems = ["a.m.", "p.m.", "am", "pm", "AM", "PM", "A.M.", "P.M."];

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Zones = new[]
    {
        "UTC", "GMT", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "AKST", "HST", "CET", "CEST", "EET", "EEST", "WET", "BST", "IST", "JST", "KST", "AEST", "AEDT", "MSK",
    }.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>A time starting at <paramref name="start"/> (a digit); <paramref name="end"/> and <paramref name="score"/> when found.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, int start, out int end, out double score)
    {
        end = start;
        score = 0;
        var hourDigits = TextRuns.Digits(text, start, 3);
        if (hourDigits is 0 or > 2)
        {
            return false;
        }

        var hour = TextRuns.Number(text, start, hourDigits);
        var p = start + hourDigits;
        var separator = p < text.Length ? text[p] : '\0';
        if ((separator == ':' || (separator is 'h' or 'H' && hourDigits == 2)) && TextRuns.Digits(text, p + 1, 3) == 2 && TextRuns.Number(text, p + 1, 2) <= 59)
        {
            p += 3;
            score = 0.6;
            if (separator == ':' && TextRuns.At(text, p, ':') && TextRuns.Digits(text, p + 1, 3) == 2 && TextRuns.Number(text, p + 1, 2) <= 60)
            {
                p += 3;
                score = 0.7;
                if (TextRuns.At(text, p, '.') || TextRuns.At(text, p, ','))
                {
                    var fraction = TextRuns.Digits(text, p + 1, 10);
                    p += fraction is > 0 and < 10 ? fraction + 1 : 0;
                }
            }
        }
        else if (hour is < 1 or > 12)
        {
            return false;
        }

        var meridiem = MeridiemEnd(text, p);
        if (meridiem > p)
        {
            if (hour is < 1 or > 12)
            {
                return false;
            }

            p = meridiem;
            score = score == 0 ? 0.6 : 0.75;
        }
        else if (score == 0 || hour > 23)
        {
            return false;
        }

        p = ZoneEnd(text, p);

        // Not the start of a longer number or address: 10:30:00:00, 12:34.5, 10:30am5.
        if (TextRuns.IsWordAt(text, p) || ((TextRuns.At(text, p, ':') || TextRuns.At(text, p, '.')) && TextRuns.IsWordAt(text, p + 1) && char.IsAsciiDigit(text[p + 1])))
        {
            return false;
        }

        end = p;
        return true;
    }

    /// <summary>After <c>10:30</c> or <c>5</c>: an optional space and AM/PM; returns the end, or <paramref name="p"/>.</summary>
    private static int MeridiemEnd(ReadOnlySpan<char> text, int p)
    {
        var q = TextRuns.At(text, p, ' ') ? p + 1 : p;
        foreach (var meridiem in Meridiems)
        {
            if (TextRuns.Starts(text, q, meridiem) && (meridiem.EndsWith('.') || !TextRuns.IsWordAt(text, q + meridiem.Length)))
            {
                return q + meridiem.Length;
            }
        }

        return p;
    }

    /// <summary>After a time: <c>Z</c>, <c>+05:30</c>, <c>-0800</c>, <c> UTC</c>, <c> UTC+2</c>, <c> PST</c>.</summary>
    private static int ZoneEnd(ReadOnlySpan<char> text, int p)
    {
        if (TextRuns.At(text, p, 'Z') && !TextRuns.IsWordAt(text, p + 1))
        {
            return p + 1;
        }

        var q = TextRuns.At(text, p, ' ') ? p + 1 : p;
        if (q < text.Length && text[q] is '+' or '-' or '\u2212')
        {
            return OffsetEnd(text, q, p);
        }

        var zone = q;
        while (zone < text.Length && zone - q < 5 && char.IsAsciiLetterUpper(text[zone]))
        {
            zone++;
        }

        if (zone > q && !TextRuns.IsWordAt(text, zone) && Zones.Contains(text[q..zone]))
        {
            return TextRuns.At(text, zone, '+') || TextRuns.At(text, zone, '-') ? Math.Max(zone, OffsetEnd(text, zone, zone)) : zone;
        }

        return p;
    }

    /// <summary><c>+hh</c>, <c>+hhmm</c>, <c>+hh:mm</c>, <c>+h</c> (after UTC); <paramref name="fallback"/> when none.</summary>
    private static int OffsetEnd(ReadOnlySpan<char> text, int sign, int fallback)
    {
        var digits = TextRuns.Digits(text, sign + 1, 5);
        if (digits is 1 or 2 or 4 && TextRuns.Number(text, sign + 1, Math.Min(digits, 2)) <= 14)
        {
            var end = sign + 1 + digits;
            if (digits == 2 && TextRuns.At(text, end, ':') && TextRuns.Digits(text, end + 1, 3) == 2)
            {
                end += 3;
            }

            return end;
        }

        return fallback;
    }
}
