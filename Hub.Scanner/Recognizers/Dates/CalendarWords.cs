using System.Collections.Frozen;

namespace Hub.Scanner.Recognizers.Dates;

/// <summary>Month and weekday names, full and abbreviated, in the languages of Hub's users (see <see cref="Months"/>).</summary>
internal static class CalendarWords
{
    /// <summary>Weekdays are reported as <c>WeekdayBase + 1..7</c>; months as 1..12.</summary>
    public const int WeekdayBase = 100;

    /// <summary>English, German, French, Spanish, Italian, Portuguese and Dutch; a name shared by languages appears once per month.</summary>
    private static readonly string[][] Months =
    [
        ["january", "jan", "januar", "janvier", "enero", "gennaio", "janeiro", "januari"],
        ["february", "feb", "februar", "février", "fevrier", "febrero", "febbraio", "fevereiro", "februari"],
        ["march", "mar", "märz", "maerz", "mars", "marzo", "março", "marco", "maart"],
        ["april", "apr", "avril", "abril", "aprile"],
        ["may", "mai", "mayo", "maggio", "maio", "mei"],
        ["june", "jun", "juni", "juin", "junio", "giugno", "junho"],
        ["july", "jul", "juli", "juillet", "julio", "luglio", "julho"],
        ["august", "aug", "août", "aout", "agosto", "augustus"],
        ["september", "sep", "sept", "septembre", "septiembre", "setiembre", "settembre", "setembro"],
        ["october", "oct", "oktober", "octobre", "octubre", "ottobre", "outubro"],
        ["november", "nov", "novembre", "noviembre", "novembro"],
        ["december", "dec", "dezember", "décembre", "decembre", "diciembre", "dicembre", "dezembro"],
    ];

    private static readonly string[][] Weekdays =
    [
        ["monday", "mon", "montag", "lundi", "lunes"],
        ["tuesday", "tue", "tues", "dienstag", "mardi", "martes"],
        ["wednesday", "wed", "mittwoch", "mercredi", "miércoles", "miercoles"],
        ["thursday", "thu", "thur", "thurs", "donnerstag", "jeudi", "jueves"],
        ["friday", "fri", "freitag", "vendredi", "viernes"],
        ["saturday", "sat", "samstag", "samedi", "sábado", "sabado"],
        ["sunday", "sun", "sonntag", "dimanche", "domingo"],
    ];

    /// <summary>English words that are also ordinary words in lower case ("you may", "march on", "the sun");
    /// compared case-sensitively, so "May" and "MAY" still name the month.</summary>
    private static readonly FrozenSet<string> Ambiguous =
        new[] { "may", "march", "mar", "august", "jan", "sun", "sat", "wed", "mon", "dec", "marco" }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, int> Words = Build().ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Lookup = Words.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> AmbiguousLookup = Ambiguous.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// Which ASCII three-letter beginnings any name has (26³ flags): most words of a prompt ("the", "with")
    /// are rejected by one array read instead of a case-insensitive hash lookup, which halved this
    /// recognizer's time on a 2 KB prompt.
    /// </summary>
    private static readonly bool[] Beginnings = BuildBeginnings();

    /// <summary>The month (1–12) or weekday (101–107) named by <paramref name="word"/>, honouring capitalisation rules.</summary>
    public static bool TryGet(ReadOnlySpan<char> word, out int value)
    {
        value = 0;
        if (word.Length is < 3 or > 10 || (BeginningIndex(word) is var index && index >= 0 && !Beginnings[index]) || !Lookup.TryGetValue(word, out value))
        {
            return false;
        }

        // "may", "march" in lower case are a verb; "May", "MAY" are a month.
        return !AmbiguousLookup.Contains(word);
    }

    public static bool IsMonth(int value) => value is >= 1 and <= 12;

    /// <summary>The flag index of the word's first three letters, or -1 when one is not an ASCII letter.</summary>
    private static int BeginningIndex(ReadOnlySpan<char> word)
    {
        var index = 0;
        for (var i = 0; i < 3; i++)
        {
            var c = (char)(word[i] | 0x20);
            if (c is < 'a' or > 'z')
            {
                return -1;
            }

            index = (index * 26) + (c - 'a');
        }

        return index;
    }

    private static bool[] BuildBeginnings()
    {
        var flags = new bool[26 * 26 * 26];
        foreach (var word in Words.Keys)
        {
            var index = BeginningIndex(word);
            if (index >= 0)
            {
                flags[index] = true;
            }
        }

        return flags;
    }

    private static IEnumerable<KeyValuePair<string, int>> Build()
    {
        for (var i = 0; i < Months.Length; i++)
        {
            foreach (var name in Months[i])
            {
                yield return new(name, i + 1);
            }
        }

        for (var i = 0; i < Weekdays.Length; i++)
        {
            foreach (var name in Weekdays[i])
            {
                yield return new(name, WeekdayBase + i + 1);
            }
        }
    }
}
