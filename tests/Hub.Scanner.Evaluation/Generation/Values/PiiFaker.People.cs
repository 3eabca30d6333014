namespace Hub.Scanner.Evaluation.Generation.Values;

/// <summary>A person's given and family names.</summary>
internal sealed record PersonName(string First, string Last)
{
    public string Full => $"{First} {Last}";
}

/// <summary>PERSON (names of many cultures) and NRP (nationalities, ethnic and religious groups, parties).</summary>
internal sealed partial class PiiFaker
{
    /// <summary>Bogus locales that write names in Latin script, weighted towards English.</summary>
    private static readonly string[] NameLocales =
    [
        "en", "en", "en", "en", "en_GB", "en_GB", "en_IND", "en_IND", "de", "de", "fr", "fr", "es", "es_MX", "it", "pt_BR", "nl",
        "pl", "tr", "vi", "sv", "nb_NO", "fi", "id_ID", "ro", "cz", "hr", "sk", "de_CH", "en_ZA", "en_AU", "pt_PT",
    ];

    /// <summary>A name from a random culture: a Bogus locale, or (one in six) the romanized list.</summary>
    public PersonName Person()
    {
        if (Chance(1.0 / 6))
        {
            var (first, last) = Pick(WordLists.WorldNames);
            return new PersonName(first, last);
        }

        return Person(Pick(NameLocales));
    }

    public PersonName Person(string locale)
    {
        var faker = In(locale);
        return new PersonName(faker.Name.FirstName().Trim(), faker.Name.LastName().Trim());
    }

    /// <summary>The full name most of the time; sometimes with a middle initial, or surname-first as forms write it.</summary>
    public string FullName(PersonName person) => Int(0, 9) switch
    {
        0 => $"{person.First} {(char)('A' + Int(0, 25))}. {person.Last}",
        1 => $"{person.Last}, {person.First}",
        _ => person.Full,
    };

    public string Title() => Pick(["Dr.", "Mr.", "Mrs.", "Ms.", "Prof.", "Dr", "Mr", "Mrs"]);

    public string Nationality() => Pick(WordLists.Nationalities);

    public string Religion() => Pick(WordLists.Religions);

    public string PoliticalGroup() => Pick(WordLists.PoliticalGroups);

    public string Ethnicity() => Pick(WordLists.Ethnicities);
}
