using Hub.Scanner.Recognizers.Secrets;

namespace Hub.Scanner.Recognizers.Dates;

/// <summary>
/// All-digit dates, each checked against the calendar (no 02/30, no month 13):
/// <c>2024-03-15</c> (0.85; with <c>/</c> or <c>.</c> 0.75), <c>03/15/2024</c> and <c>15.03.2024</c> (0.7, either
/// order), <c>3/15/24</c> (0.55), <c>2024年3月15日</c> (0.85), and weak forms that need a context word:
/// <c>05/2027</c>, <c>2024-03</c>, <c>19850315</c> (0.3), <c>3/15</c> (0.35).
/// </summary>
internal static class NumericDateParser
{
    public static bool TryParse(ReadOnlySpan<char> text, int start, out int end, out double score)
    {
        end = start;
        score = 0;
        var first = TextRuns.Digits(text, start, 9);
        var afterFirst = start + first;
        var separator = afterFirst < text.Length ? text[afterFirst] : '\0';
        if (first == 8)
        {
            return TryCompact(text, start, out end, out score);
        }

        if (first == 4 && separator == '年')
        {
            return TryCjk(text, start, out end, out score);
        }

        if (separator is not ('-' or '/' or '.'))
        {
            return false;
        }

        var secondStart = afterFirst + 1;
        var second = TextRuns.Digits(text, secondStart, 5);
        var afterSecond = secondStart + second;
        var hasThird = TextRuns.At(text, afterSecond, separator) && TextRuns.Digits(text, afterSecond + 1, 5) > 0;
        var third = hasThird ? TextRuns.Digits(text, afterSecond + 1, 5) : 0;
        var a = TextRuns.Number(text, start, Math.Min(first, 4));
        var b = TextRuns.Number(text, secondStart, Math.Min(second, 4));
        var c = hasThird ? TextRuns.Number(text, afterSecond + 1, Math.Min(third, 4)) : 0;
        if (first == 4 && second is 1 or 2 && hasThird && third is 1 or 2)
        {
            end = afterSecond + 1 + third;
            score = separator == '-' ? 0.85 : 0.75;
            return Calendar.IsDate(a, b, c);
        }

        if (first is 1 or 2 && second is 1 or 2 && hasThird && third is 2 or 4)
        {
            end = afterSecond + 1 + third;
            var year = third == 4 ? c : 2000 + c;
            var shortDotted = third == 2 && separator == '.' && (first != 2 || second != 2);
            score = third == 4 ? 0.7 : 0.55;
            return !shortDotted && (third == 2 || c >= 1000) && (Calendar.IsDate(year, a, b) || Calendar.IsDate(year, b, a));
        }

        if (!hasThird && separator != '.' && !TextRuns.At(text, afterSecond, separator))
        {
            // 05/2027 (card expiry, month of birth) and 2024-03: plausible, weak without context.
            end = afterSecond;
            score = 0.3;
            if (first is 1 or 2 && second is 1 or 2 && separator == '/')
            {
                // 3/15: a date to a reader, but also a fraction (1/2) or a score; weakest of all.
                score = 0.35;
                return Calendar.IsMonthDay(a, b);
            }

            return (first is 1 or 2 && second == 4 && separator == '/' && a is >= 1 and <= 12 && Calendar.IsYear(b))
                || (first == 4 && second == 2 && separator == '-' && Calendar.IsYear(a) && b is >= 1 and <= 12);
        }

        return false;
    }

    /// <summary><c>yyyymmdd</c>, optionally with a basic-format time <c>Thhmmss</c> and <c>Z</c>.</summary>
    private static bool TryCompact(ReadOnlySpan<char> text, int start, out int end, out double score)
    {
        end = start + 8;
        score = 0.3;
        var year = TextRuns.Number(text, start, 4);
        if (year is < 1900 or > 2099 || !Calendar.IsDate(year, TextRuns.Number(text, start + 4, 2), TextRuns.Number(text, start + 6, 2)))
        {
            return false;
        }

        if (TextRuns.At(text, end, 'T') && TextRuns.Digits(text, end + 1, 7) is 4 or 6)
        {
            end += 1 + TextRuns.Digits(text, end + 1, 7);
            end += TextRuns.At(text, end, 'Z') ? 1 : 0;
            score = 0.8;
        }

        return true;
    }

    /// <summary><c>2024年3月15日</c> (Chinese and Japanese).</summary>
    private static bool TryCjk(ReadOnlySpan<char> text, int start, out int end, out double score)
    {
        end = start;
        score = 0.85;
        var p = start + 5;
        var month = TextRuns.Digits(text, p, 3);
        if (month is 0 or > 2 || !TextRuns.At(text, p + month, '月'))
        {
            return false;
        }

        var q = p + month + 1;
        var day = TextRuns.Digits(text, q, 3);
        if (day is 0 or > 2)
        {
            end = q;
            score = 0.6;
            return Calendar.IsDate(TextRuns.Number(text, start, 4), TextRuns.Number(text, p, month), 1);
        }

        end = q + day + (TextRuns.At(text, q + day, '日') ? 1 : 0);
        return Calendar.IsDate(TextRuns.Number(text, start, 4), TextRuns.Number(text, p, month), TextRuns.Number(text, q, day));
    }
}

/// <summary>Calendar checks shared by the date parsers.</summary>
internal static class Calendar
{
    public static bool IsYear(int year) => year is >= 1000 and <= 2999;

    public static bool IsDate(int year, int month, int day) =>
        IsYear(year) && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    /// <summary>Month and day without a year: 29 February is allowed.</summary>
    public static bool IsMonthDay(int month, int day) => IsDate(2024, month, day);
}
