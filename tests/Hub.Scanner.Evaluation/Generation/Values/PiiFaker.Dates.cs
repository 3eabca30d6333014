using System.Globalization;

namespace Hub.Scanner.Evaluation.Generation.Values;

/// <summary>DATE_TIME: dates and times in the formats of English text, logs and five other languages.</summary>
internal sealed partial class PiiFaker
{
    private static readonly string[] EnglishDateFormats =
    [
        "yyyy-MM-dd", "MM/dd/yyyy", "M/d/yyyy", "dd/MM/yyyy", "dd.MM.yyyy", "MMMM d, yyyy", "d MMMM yyyy", "MMM d, yyyy",
        "d MMM yyyy", "dd-MMM-yyyy", "yyyy/MM/dd", "MM-dd-yyyy", "dddd, MMMM d, yyyy", "MMMM d", "MMMM yyyy", "d/M/yy",
    ];

    private static readonly string[] DateTimeFormats =
        ["yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm:ssZ", "MMM d, yyyy h:mm tt", "MM/dd/yyyy HH:mm", "d MMMM yyyy 'at' HH:mm", "h:mm tt", "HH:mm 'UTC'"];

    private static readonly Dictionary<string, string[]> MonthNames = new()
    {
        ["de"] = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
        ["fr"] = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
        ["es"] = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
        ["pt"] = ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"],
        ["it"] = ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
    };

    public DateTime Day(int fromYear = 1940, int toYear = 2030) =>
        new DateTime(fromYear, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(Int(0, ((toYear - fromYear) * 365) - 1));

    public DateTime Moment() => Day(2019, 2027).AddSeconds(Int(0, 86_399));

    /// <summary>A date of birth: 1940–2006.</summary>
    public string BirthDate() => Day(1940, 2006).ToString(Pick(EnglishDateFormats[..13]), CultureInfo.InvariantCulture);

    /// <summary>A date or a date and time as English text writes them.</summary>
    public string DateText() => Chance(0.7)
        ? Day(1990, 2030).ToString(Pick(EnglishDateFormats), CultureInfo.InvariantCulture)
        : Moment().ToString(Pick(DateTimeFormats), CultureInfo.InvariantCulture);

    /// <summary>The timestamp at the start of a log line: ISO 8601, Python logging, Apache, syslog.</summary>
    public string LogTimestamp(string style)
    {
        var moment = Moment();
        return style switch
        {
            "iso" => moment.AddMilliseconds(Int(0, 999)).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            "python" => moment.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "," + Int(0, 999).ToString("000", CultureInfo.InvariantCulture),
            "apache" => moment.ToString("dd/MMM/yyyy:HH:mm:ss", CultureInfo.InvariantCulture) + " +0000",
            _ => moment.ToString("MMM d HH:mm:ss", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>A date as <paramref name="language"/> (de, fr, es, pt, it) writes it, in words or digits.</summary>
    public string DateIn(string language)
    {
        var day = Day(1950, 2030);
        var month = MonthNames[language][day.Month - 1];
        return Chance(0.35)
            ? day.ToString(language == "de" ? "dd.MM.yyyy" : "dd/MM/yyyy", CultureInfo.InvariantCulture)
            : language switch
            {
                "de" => $"{day.Day}. {month} {day.Year}",
                "es" or "pt" => $"{day.Day} de {month} de {day.Year}",
                _ => $"{day.Day} {month} {day.Year}",
            };
    }
}
