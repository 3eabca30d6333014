using System.Buffers;
using Hub.Core.Entities;
using Hub.Scanner.Recognizers.Secrets;

namespace Hub.Scanner.Recognizers.Dates;

/// <summary>
/// Dates and times, parsed by hand from each word start in one left-to-right pass:
/// 1. a digit starts a numeric date (<see cref="NumericDateParser"/>), a day before a month name
///    (<see cref="TextualDateParser.TryFromDay"/>) or a time (<see cref="TimeOfDayParser"/>);
/// 2. a month name starts <c>March 3, 2024</c>; a weekday extends the date or time after it
///    (<c>Tuesday, 5 May</c>) and alone is weak (0.4);
/// 3. a time right after a date (<c>T</c>, a space, <c>, </c>, <c> at </c>) joins it in one span (at least 0.85).
/// A month name alone, a bare year, a version number (<c>1.2.3</c>) and a date inside a URL are not reported.
/// </summary>
internal sealed class DateTimeRecognizer : IRecognizer
{
    private const double WithTime = 0.85;
    private const double WeekdayAlone = 0.4;

    private static readonly SearchValues<char> AsciiWordStarts = SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
    private static readonly string[] TimeConnectors = [" at ", ", at ", ", ", " @ ", " ", "T", " - ", ":"];

    public string Name => nameof(DateTimeRecognizer);

    public IReadOnlyList<EntityDefinition> Entities { get; } =
    [
        new(EntityNames.DateTime, "Date or time of day (ISO 8601, numeric, textual, times with zones).",
            ["date", "dob", "d.o.b", "birth", "born", "birthday", "expires", "expiry", "deadline", "appointment", "admitted", "discharged", "scheduled"]),
    ];

    public void Analyze(string text, IReadOnlySet<string> enabled, List<RecognizerResult> results)
    {
        if (!enabled.Contains(EntityNames.DateTime))
        {
            return;
        }

        var span = text.AsSpan();
        var position = 0;
        while (position < span.Length)
        {
            var found = span[position..].IndexOfAny(AsciiWordStarts);
            if (found < 0)
            {
                return;
            }

            var start = position + found;
            var asciiEnd = span[start..].IndexOfAnyExcept(AsciiWordStarts);
            var wordEnd = asciiEnd < 0 ? span.Length : start + asciiEnd;
            while (wordEnd < span.Length && char.IsLetterOrDigit(span[wordEnd]))
            {
                wordEnd++;
            }

            position = wordEnd;
            if (start > 0 && (char.IsLetterOrDigit(span[start - 1]) || span[start - 1] == '_'))
            {
                continue;
            }

            if (TryAt(span, start, wordEnd, allowWeekday: true, out var end, out var score) && !TextRuns.IsInsideUrl(span, start))
            {
                results.Add(new RecognizerResult(EntityNames.DateTime, start, end, score));
                position = end;
            }
        }
    }

    private static bool TryAt(ReadOnlySpan<char> text, int start, int wordEnd, bool allowWeekday, out int end, out double score)
    {
        if (char.IsAsciiDigit(text[start]))
        {
            return TryFromDigit(text, start, out end, out score);
        }

        end = start;
        score = 0;
        if (!CalendarWords.TryGet(text[start..wordEnd], out var value) || (!allowWeekday && !CalendarWords.IsMonth(value)))
        {
            return false;
        }

        if (CalendarWords.IsMonth(value))
        {
            return TextualDateParser.TryFromMonth(text, wordEnd, value, out end, out score) && WithOptionalTime(text, ref end, ref score);
        }

        // Step 2: a weekday, then perhaps a date or a time.
        var next = TextRuns.At(text, wordEnd, ',') || TextRuns.At(text, wordEnd, '.') ? wordEnd + 1 : wordEnd;
        if (TextRuns.At(text, next, ' '))
        {
            next++;
            var nextEnd = next;
            while (nextEnd < text.Length && char.IsLetterOrDigit(text[nextEnd]))
            {
                nextEnd++;
            }

            if (nextEnd > next && TryAt(text, next, nextEnd, allowWeekday: false, out end, out score))
            {
                return true;
            }

            if (TextRuns.Starts(text, next, "at ") && TryTime(text, next + 3, out end, out score))
            {
                return true;
            }
        }

        end = wordEnd;
        score = WeekdayAlone;
        return wordEnd - start >= 6 && char.IsUpper(text[start]);
    }

    private static bool TryFromDigit(ReadOnlySpan<char> text, int start, out int end, out double score)
    {
        // Inside a path, an id or a dotted number (/2024/03/15/, v1.2.3, 10.0.0.1) nothing is a date;
        // after a hyphen only a time is (the end of a range, 9:00-17:00).
        var before = start > 0 ? text[start - 1] : ' ';
        if (before is '/' or '.' or ':' or '\\' or '+' or '-')
        {
            end = start;
            score = 0;
            return before == '-' && TryTime(text, start, out end, out score);
        }

        if (NumericDateParser.TryParse(text, start, out end, out score) && IsEndOfNumber(text, end) && !IsVersion(text, start))
        {
            return WithOptionalTime(text, ref end, ref score);
        }

        if (TextualDateParser.TryFromDay(text, start, out end, out score))
        {
            return WithOptionalTime(text, ref end, ref score);
        }

        return TryTime(text, start, out end, out score);
    }

    private static bool TryTime(ReadOnlySpan<char> text, int start, out int end, out double score) =>
        TimeOfDayParser.TryParse(text, start, out end, out score);

    /// <summary>Step 3: joins a time that follows the date.</summary>
    private static bool WithOptionalTime(ReadOnlySpan<char> text, ref int end, ref double score)
    {
        foreach (var connector in TimeConnectors)
        {
            var timeStart = end + connector.Length;
            if (TextRuns.Starts(text, end, connector) && timeStart < text.Length && char.IsAsciiDigit(text[timeStart])
                && TimeOfDayParser.TryParse(text, timeStart, out var timeEnd, out _))
            {
                end = timeEnd;
                score = Math.Max(score, connector == "T" ? 0.9 : WithTime);
                return true;
            }
        }

        return true;
    }

    /// <summary>A date's digits must not run on into a longer number (2024-03-15-001, 10.10.10.10).</summary>
    private static bool IsEndOfNumber(ReadOnlySpan<char> text, int end) =>
        !(TextRuns.IsWordAt(text, end) && text[end] != 'T')
        && !(end + 1 < text.Length && text[end] is '-' or '/' or '.' or ':' && char.IsAsciiDigit(text[end + 1]));

    private static bool IsVersion(ReadOnlySpan<char> text, int start) => TextRuns.IsAfterVersionWord(text, start);
}
