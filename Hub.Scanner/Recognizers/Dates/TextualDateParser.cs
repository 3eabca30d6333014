using Hub.Scanner.Recognizers.Secrets;

namespace Hub.Scanner.Recognizers.Dates;

/// <summary>
/// Dates with a month name: <c>March 3, 2024</c>, <c>Mar. 3rd 2024</c>, <c>3 March 2024</c>, <c>3rd of March</c>,
/// <c>15. März 2024</c>, <c>15 de marzo de 2024</c>, <c>15-Mar-2024</c> (0.85 with a year, 0.7 without),
/// <c>March 2024</c> and <c>Mar-2024</c> (0.6). A month name alone is never a date.
/// </summary>
internal static class TextualDateParser
{
    private const double WithYear = 0.85;
    private const double WithoutYear = 0.7;
    private const double MonthAndYear = 0.6;

    /// <summary>From a month word at <c>[wordStart, wordEnd)</c>.</summary>
    public static bool TryFromMonth(ReadOnlySpan<char> text, int wordEnd, int month, out int end, out double score)
    {
        end = wordEnd;
        score = 0;
        var p = TextRuns.At(text, wordEnd, '.') ? wordEnd + 1 : wordEnd;
        if ((TextRuns.At(text, p, '-') || TextRuns.At(text, p, '/')) && TryYear(text, p + 1, 4, out end))
        {
            score = MonthAndYear;
            return true;
        }

        var q = SkipSpaces(text, TextRuns.At(text, p, ',') ? p + 1 : p);
        if (q == p)
        {
            return false;
        }

        if (TryDay(text, q, out var day, out var dayEnd))
        {
            if (!Calendar.IsMonthDay(month, day))
            {
                return false;
            }

            var yearStart = SkipSpaces(text, TextRuns.At(text, dayEnd, ',') ? dayEnd + 1 : dayEnd);
            var hasYear = yearStart > dayEnd && TryYear(text, yearStart, 4, out end);
            end = hasYear ? end : dayEnd;
            score = hasYear ? WithYear : WithoutYear;
            return true;
        }

        if (TryYear(text, q, 4, out end))
        {
            score = MonthAndYear;
            return true;
        }

        return false;
    }

    /// <summary>From a day number at <paramref name="start"/>: <c>3 March</c>, <c>3rd of March 2024</c>, <c>15-Mar-24</c>.</summary>
    public static bool TryFromDay(ReadOnlySpan<char> text, int start, out int end, out double score)
    {
        end = start;
        score = 0;
        if (!TryDay(text, start, out var day, out var p))
        {
            return false;
        }

        var dashed = TextRuns.At(text, p, '-') || TextRuns.At(text, p, '/');
        var separator = dashed ? text[p] : ' ';
        if (dashed)
        {
            p++;
        }
        else
        {
            p = TextRuns.At(text, p, '.') ? p + 1 : p;
            var spaced = SkipSpaces(text, p);
            if (spaced == p)
            {
                return false;
            }

            p = SkipWord(text, spaced, "of");
            p = SkipWord(text, p, "de");
        }

        var monthEnd = p;
        while (monthEnd < text.Length && monthEnd - p < 10 && char.IsLetter(text[monthEnd]))
        {
            monthEnd++;
        }

        if (monthEnd == p || (monthEnd < text.Length && char.IsLetterOrDigit(text[monthEnd]))
            || !CalendarWords.TryGet(text[p..monthEnd], out var month) || !CalendarWords.IsMonth(month) || !Calendar.IsMonthDay(month, day))
        {
            return false;
        }

        end = monthEnd;
        score = WithoutYear;
        if (dashed)
        {
            if (TextRuns.At(text, monthEnd, separator) && (TryYear(text, monthEnd + 1, 4, out var yearEnd) || TryYear(text, monthEnd + 1, 2, out yearEnd)))
            {
                end = yearEnd;
                score = WithYear;
            }

            return true;
        }

        // "3 Mar. 2024": the abbreviation's dot belongs to the date only when a year follows.
        var afterMonth = TextRuns.At(text, end, '.') || TextRuns.At(text, end, ',') ? end + 1 : end;
        var yearStart = SkipWord(text, SkipSpaces(text, afterMonth), "de");
        if (yearStart > afterMonth && TryYear(text, yearStart, 4, out var spacedYearEnd))
        {
            end = spacedYearEnd;
            score = WithYear;
        }

        return true;
    }

    /// <summary>1–31 with an optional ordinal suffix (<c>st</c>, <c>nd</c>, <c>rd</c>, <c>th</c>); not a time or a longer number.</summary>
    private static bool TryDay(ReadOnlySpan<char> text, int start, out int day, out int end)
    {
        var digits = TextRuns.Digits(text, start, 3);
        day = digits is 1 or 2 ? TextRuns.Number(text, start, digits) : 0;
        end = start + digits;
        if (day is < 1 or > 31 || (TextRuns.At(text, end, ':') && TextRuns.Digits(text, end + 1, 1) == 1))
        {
            return false;
        }

        foreach (var suffix in (ReadOnlySpan<string>)["st", "nd", "rd", "th"])
        {
            if (text[end..].StartsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                end += 2;
                break;
            }
        }

        return !TextRuns.IsWordAt(text, end);
    }

    /// <summary>A year of exactly <paramref name="digits"/> digits not followed by another word character.</summary>
    private static bool TryYear(ReadOnlySpan<char> text, int start, int digits, out int end)
    {
        end = start + digits;
        return TextRuns.Digits(text, start, digits + 1) == digits && !TextRuns.IsWordAt(text, end)
            && (digits == 2 || Calendar.IsYear(TextRuns.Number(text, start, digits)));
    }

    private static int SkipSpaces(ReadOnlySpan<char> text, int p)
    {
        var limit = Math.Min(text.Length, p + 2);
        while (p < limit && text[p] is ' ' or '\u00A0')
        {
            p++;
        }

        return p;
    }

    /// <summary>Skips <paramref name="word"/> and one space when they are next.</summary>
    private static int SkipWord(ReadOnlySpan<char> text, int p, string word) =>
        TextRuns.Starts(text, p, word) && TextRuns.At(text, p + word.Length, ' ') ? p + word.Length + 1 : p;
}
