namespace Hub.Scanner.Evaluation.Generation.Values;

/// <summary>
/// Hand-picked real-world lists where Bogus invents (its English cities read "East Modestaport") or has
/// nothing (nationalities, religions, parties, romanized names of cultures whose Bogus locale is in another script).
/// </summary>
internal static class WordLists
{
    public static readonly string[] WorldCities =
    [
        "New York", "Los Angeles", "Chicago", "Houston", "Phoenix", "Philadelphia", "San Antonio", "San Diego", "Dallas",
        "Austin", "Seattle", "Denver", "Boston", "Atlanta", "Miami", "Portland", "Nashville", "Detroit", "Minneapolis",
        "Baltimore", "Pittsburgh", "Cleveland", "Sacramento", "Salt Lake City", "New Orleans", "Honolulu", "Anchorage",
        "London", "Manchester", "Birmingham", "Leeds", "Glasgow", "Edinburgh", "Liverpool", "Bristol", "Cardiff", "Belfast",
        "Dublin", "Cork", "Paris", "Lyon", "Marseille", "Toulouse", "Nice", "Bordeaux", "Lille", "Berlin", "Hamburg",
        "Munich", "Cologne", "Frankfurt", "Stuttgart", "Düsseldorf", "Leipzig", "Dresden", "Vienna", "Zurich", "Geneva",
        "Basel", "Madrid", "Barcelona", "Valencia", "Seville", "Bilbao", "Lisbon", "Porto", "Rome", "Milan", "Naples",
        "Turin", "Florence", "Bologna", "Amsterdam", "Rotterdam", "Utrecht", "Brussels", "Antwerp", "Copenhagen", "Stockholm",
        "Oslo", "Helsinki", "Warsaw", "Krakow", "Prague", "Budapest", "Bucharest", "Athens", "Istanbul", "Ankara", "Kyiv",
        "Moscow", "Tel Aviv", "Jerusalem", "Dubai", "Abu Dhabi", "Riyadh", "Doha", "Cairo", "Lagos", "Abuja", "Nairobi",
        "Accra", "Addis Ababa", "Johannesburg", "Cape Town", "Casablanca", "Mumbai", "Delhi", "Bangalore", "Chennai",
        "Hyderabad", "Kolkata", "Karachi", "Lahore", "Dhaka", "Singapore", "Kuala Lumpur", "Jakarta", "Manila", "Bangkok",
        "Hanoi", "Ho Chi Minh City", "Hong Kong", "Shanghai", "Beijing", "Shenzhen", "Taipei", "Seoul", "Busan", "Tokyo",
        "Osaka", "Kyoto", "Sydney", "Melbourne", "Brisbane", "Perth", "Auckland", "Wellington", "Toronto", "Montreal",
        "Vancouver", "Calgary", "Ottawa", "Mexico City", "Guadalajara", "Monterrey", "Bogotá", "Medellín", "Lima", "Santiago",
        "Buenos Aires", "Montevideo", "São Paulo", "Rio de Janeiro", "Belo Horizonte", "Brasília", "Salvador", "Recife",
    ];

    public static readonly (string City, string State, string Zip)[] UsCities =
    [
        ("Springfield", "IL", "627"), ("Austin", "TX", "787"), ("Seattle", "WA", "981"), ("Denver", "CO", "802"),
        ("Boston", "MA", "021"), ("Atlanta", "GA", "303"), ("Columbus", "OH", "432"), ("Portland", "OR", "972"),
        ("Madison", "WI", "537"), ("Phoenix", "AZ", "850"), ("Raleigh", "NC", "276"), ("Tampa", "FL", "336"),
        ("Brooklyn", "NY", "112"), ("San Jose", "CA", "951"), ("Oakland", "CA", "946"), ("Richmond", "VA", "232"),
        ("Omaha", "NE", "681"), ("Boise", "ID", "837"), ("Albany", "NY", "122"), ("Louisville", "KY", "402"),
    ];

    public static readonly string[] UsStreetNames =
    [
        "Main", "Oak", "Maple", "Cedar", "Pine", "Elm", "Washington", "Lincoln", "Park", "Lake", "Hill", "Sunset", "Highland",
        "Jefferson", "Madison", "Franklin", "Chestnut", "Walnut", "Willow", "Church", "Mill", "River", "Spring", "Ridge",
        "Jackson", "Adams", "Forest", "Meadow", "Broad", "Market", "Grant", "Prospect", "Cherry", "Magnolia", "Sycamore",
    ];

    public static readonly string[] UsStreetTypes =
        ["Street", "St", "St.", "Avenue", "Ave", "Ave.", "Road", "Rd", "Boulevard", "Blvd", "Lane", "Ln", "Drive", "Dr", "Court", "Way", "Place"];

    public static readonly string[] UkCities =
        ["London", "Manchester", "Leeds", "Bristol", "Sheffield", "Nottingham", "Leicester", "Oxford", "Cambridge", "York", "Brighton", "Reading"];

    public static readonly string[] UkStreetTypes = ["Road", "Street", "Lane", "Close", "Avenue", "Gardens", "Crescent", "Terrace", "Way", "Grove"];

    public static readonly string[] GermanCities =
        ["Berlin", "Hamburg", "München", "Köln", "Frankfurt am Main", "Stuttgart", "Düsseldorf", "Leipzig", "Dresden", "Hannover", "Nürnberg", "Bremen", "Freiburg"];

    public static readonly string[] ItalianCities = ["Roma", "Milano", "Napoli", "Torino", "Firenze", "Bologna", "Genova", "Palermo", "Verona", "Bari"];

    public static readonly string[] DutchCities = ["Amsterdam", "Rotterdam", "Den Haag", "Utrecht", "Eindhoven", "Groningen", "Leiden", "Haarlem"];

    public static readonly string[] Nationalities =
    [
        "American", "British", "Canadian", "Mexican", "Brazilian", "Argentinian", "Colombian", "German", "French", "Spanish",
        "Italian", "Portuguese", "Dutch", "Belgian", "Swiss", "Austrian", "Polish", "Ukrainian", "Russian", "Greek", "Turkish",
        "Irish", "Scottish", "Swedish", "Norwegian", "Danish", "Finnish", "Nigerian", "Ghanaian", "Kenyan", "Ethiopian",
        "Egyptian", "Moroccan", "South African", "Indian", "Pakistani", "Bangladeshi", "Chinese", "Japanese", "Korean",
        "Vietnamese", "Filipino", "Indonesian", "Thai", "Australian", "Iranian", "Iraqi", "Syrian", "Lebanese", "Israeli",
        "Palestinian", "Saudi", "Cuban", "Haitian", "Jamaican", "Venezuelan", "Peruvian", "Chilean",
    ];

    public static readonly string[] Ethnicities = ["Hispanic", "Latino", "Latina", "Asian American", "African American", "Caucasian", "Arab", "Kurdish", "Roma"];

    public static readonly string[] Religions =
    [
        "Catholic", "Protestant", "Christian", "Muslim", "Jewish", "Hindu", "Buddhist", "Sikh", "Mormon", "Evangelical",
        "Orthodox Christian", "Lutheran", "Baptist", "Methodist", "Anglican", "Sunni", "Shia", "Jain", "Atheist", "Jehovah's Witness",
    ];

    public static readonly string[] PoliticalGroups =
    [
        "Democrat", "Republican", "Democratic Party", "Republican Party", "Labour", "Conservative", "Tory", "Liberal Democrat",
        "Green Party", "Libertarian", "Socialist", "Communist", "SNP", "Christian Democrats", "Social Democrats",
    ];

    /// <summary>Romanized names of cultures whose Bogus locale writes another script (or has none).</summary>
    public static readonly (string First, string Last)[] WorldNames =
    [
        ("Wei", "Zhang"), ("Li", "Na"), ("Xiaoming", "Wang"), ("Mei", "Chen"), ("Jun", "Liu"), ("Hiroshi", "Tanaka"),
        ("Yuki", "Sato"), ("Haruto", "Suzuki"), ("Aiko", "Yamamoto"), ("Min-jun", "Kim"), ("Seo-yeon", "Park"), ("Ji-ho", "Lee"),
        ("Ahmed", "Hassan"), ("Fatima", "Al-Sayed"), ("Mohammed", "Al-Farsi"), ("Omar", "Khalil"), ("Layla", "Haddad"),
        ("Chinedu", "Okafor"), ("Ngozi", "Adeyemi"), ("Oluwaseun", "Balogun"), ("Kwame", "Mensah"), ("Ama", "Owusu"),
        ("Wanjiru", "Kamau"), ("Tendai", "Moyo"), ("Abebe", "Bekele"), ("Dmitri", "Ivanov"), ("Olga", "Petrova"),
        ("Sergei", "Smirnov"), ("Reza", "Tehrani"), ("Parisa", "Ahmadi"), ("Yael", "Cohen"), ("Avi", "Levi"), ("Priya", "Sharma"),
        ("Arjun", "Patel"), ("Nguyen", "Van An"), ("Siddharth", "Iyer"), ("Aisha", "Bello"), ("Tariq", "Mahmood"), ("Ana", "Kovač"),
    ];

    public static readonly string[] Companies =
        ["Acme Corp", "Globex", "Initech", "Northwind Traders", "Contoso", "Umbrella Health", "Stark Logistics", "Wayne Financial", "Hooli", "Vandelay Industries"];
}
