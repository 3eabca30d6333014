namespace Hub.Scanner.Evaluation.Generation.Values;

/// <summary>LOCATION (real cities, countries, states) and STREET_ADDRESS (the postal conventions of ten countries).</summary>
internal sealed partial class PiiFaker
{
    /// <summary>Bogus locales whose city lists are real places.</summary>
    private static readonly string[] RealCityLocales = ["fr", "es", "es_MX", "pt_BR", "pt_PT", "pl", "cz", "ro", "tr"];

    public string City() => Chance(0.8) ? Pick(WordLists.WorldCities) : In(Pick(RealCityLocales)).Address.City();

    public string Country() => En.Address.Country();

    public string UsState() => En.Address.State();

    /// <summary>A one-line postal address of a random country (or <paramref name="country"/>: US GB DE FR ES IT BR NL CA AU).</summary>
    public string StreetAddress(string? country = null) => (country ?? Pick(["US", "US", "US", "GB", "GB", "DE", "FR", "ES", "IT", "BR", "NL", "CA", "AU"])) switch
    {
        "US" => UsAddress(),
        "GB" => $"{Int(1, 240)} {En.Name.LastName()} {Pick(WordLists.UkStreetTypes)}, {Pick(WordLists.UkCities)} {In("en_GB").Address.ZipCode()}",
        "DE" => $"{In("de").Address.StreetName()} {Int(1, 180)}, {Digits(5)} {Pick(WordLists.GermanCities)}",
        "FR" => $"{Int(1, 120)} {Pick(["rue", "avenue", "boulevard", "place"])} {In("fr").Name.LastName()}, {Int(10, 95)}{Digits(3)} {In("fr").Address.City()}",
        "ES" => $"{Pick(["Calle", "Avenida", "Paseo", "Plaza"])} de {In("es").Name.LastName()}, {Int(1, 150)}, {Int(10, 52)}{Digits(3)} {In("es").Address.City()}",
        "IT" => $"{Pick(["Via", "Viale", "Corso", "Piazza"])} {In("it").Name.LastName()} {Int(1, 200)}, {Digits(5)} {Pick(WordLists.ItalianCities)}",
        "BR" => $"{Pick(["Rua", "Avenida", "Travessa"])} {In("pt_BR").Name.FirstName()} {In("pt_BR").Name.LastName()}, {Int(1, 3000)} - {In("pt_BR").Address.City()}, {Digits(5)}-{Digits(3)}",
        "NL" => $"{In("nl").Address.StreetName()} {Int(1, 300)}, {Int(1000, 9999)} {Chars(2, "ABCDEFGHJKLMNPRSTVWXZ")} {Pick(WordLists.DutchCities)}",
        "CA" => $"{Int(10, 9999)} {Pick(WordLists.UsStreetNames)} {Pick(["Street", "Avenue", "Road", "Crescent"])}, {Pick(["Toronto, ON", "Ottawa, ON", "Vancouver, BC", "Calgary, AB", "Halifax, NS"])} {In("fr_CA").Address.ZipCode()}",
        _ => $"{Int(1, 400)} {Pick(WordLists.UsStreetNames)} {Pick(["Street", "Road", "Parade", "Avenue"])}, {Pick(["Sydney NSW 2000", "Melbourne VIC 3000", "Brisbane QLD 4000", "Perth WA 6000"])}",
    };

    /// <summary>The street part alone, as in "lives at 42 Oak Street".</summary>
    public string StreetLine() => $"{Int(1, 9999)} {Pick(WordLists.UsStreetNames)} {Pick(WordLists.UsStreetTypes)}";

    private string UsAddress()
    {
        var (city, state, zip) = Pick(WordLists.UsCities);
        var unit = Chance(0.25) ? $", {Pick(["Apt ", "Apt. ", "Suite ", "Unit ", "#"])}{Int(1, 40)}{(Chance(0.3) ? "B" : "")}" : "";
        return $"{StreetLine()}{unit}, {city}, {state} {zip}{Digits(2)}";
    }
}
