namespace Hub.Scanner.Recognizers.Names;

/// <summary>What the gazetteers know about one word or phrase; one lookup answers every question.</summary>
[Flags]
internal enum WordClass : uint
{
    None = 0,
    FirstName = 1 << 0,
    Surname = 1 << 1,

    /// <summary>A common English word in lower case ("mark", "reading", "service").</summary>
    Common = 1 << 2,

    /// <summary>Never part of a name or place ("the", "from", "please").</summary>
    Function = 1 << 3,
    City = 1 << 4,

    /// <summary>A capital, a city of a million or a well-known one: found without a cue.</summary>
    MajorCity = 1 << 5,
    Country = 1 << 6,
    Region = 1 << 7,

    /// <summary>A place of three letters or fewer ("UK", "USA"): matches only in capitals.</summary>
    ShortPlace = 1 << 8,
    Demonym = 1 << 9,
    Religion = 1 << 10,
    Political = 1 << 11,
    Honorific = 1 << 12,

    /// <summary>A title that is also an office or a word ("General", "President"): the name after it must be known.</summary>
    WeakHonorific = 1 << 13,

    /// <summary>Ends an English street name ("Street", "Ave").</summary>
    StreetSuffix = 1 << 14,

    /// <summary>Starts a continental street name ("rue", "Calle", "Via").</summary>
    StreetPrefix = 1 << 15,

    /// <summary>A US, Canadian or Australian state code ("IL", "ON", "NSW"): matches only in capitals.</summary>
    StateCode = 1 << 16,

    /// <summary>The first word of a multi-word entry ("New" for "New York"): try the phrase table.</summary>
    PhraseStart = 1 << 17,

    /// <summary>An ethnic group or ancestry ("Hispanic", "Kurdish", "Pacific Islander").</summary>
    Ethnicity = 1 << 18,

    /// <summary>Ends an organisation's name ("Corp", "GmbH", "Traders", "University"): what precedes it is no person or place.</summary>
    Organisation = 1 << 19,

    Place = City | MajorCity | Country | Region,
    Name = FirstName | Surname,
    Nrp = Demonym | Religion | Political | Ethnicity,
}
