using Hub.Core.Entities;

namespace Hub.Scanner.Tests.Recognizers.Names;

/// <summary>Address families beyond the basic ones in <see cref="NameAndPlaceRecognizerTests"/>: whole countries' formats.</summary>
public sealed class StreetAddressFinderTests
{
    [Theory]
    [InlineData("My new address is 384 Church Street, Perth WA 6000. Thanks", "384 Church Street, Perth WA 6000")]
    [InlineData("Deliver to 55 Walnut Parade, Sydney NSW 2000 tomorrow", "55 Walnut Parade, Sydney NSW 2000")]
    [InlineData("Adres: Roosmarkt 244, 7608 TP Haarlem.", "Roosmarkt 244, 7608 TP Haarlem")]
    [InlineData("Adres: Schoutenmarkt 89, 3653 LL Den Haag", "Schoutenmarkt 89, 3653 LL Den Haag")]
    [InlineData("Lieferadresse: Unter den Linden 77, 10117 Berlin", "Unter den Linden 77, 10117 Berlin")]
    [InlineData("Adresse: Am Brungen 1, 30292 Bremen", "Am Brungen 1, 30292 Bremen")]
    [InlineData("Bitte an Hans-Sachs-Str. 95, 55355 Hannover senden", "Hans-Sachs-Str. 95, 55355 Hannover")]
    [InlineData("Bitte an Düppeler Str. 134, 93816 Dresden senden", "Düppeler Str. 134, 93816 Dresden")]
    [InlineData("Julius-Leber-Str. 101, 23987 Frankfurt am Main", "Julius-Leber-Str. 101, 23987 Frankfurt am Main")]
    [InlineData("Endereço: Rua Augusta, 1500 - São Paulo, 01304-001", "Rua Augusta, 1500 - São Paulo, 01304-001")]
    [InlineData("Envio: Travessa Meire Xavier, 489 - Montes Claros, 02950-139", "Travessa Meire Xavier, 489 - Montes Claros, 02950-139")]
    [InlineData("Livraison: 85 rue Guerin, 70674 Lorient", "85 rue Guerin, 70674 Lorient")]
    [InlineData("Dirección: Calle de Jurado, 34, 45604 Sagunto", "Calle de Jurado, 34, 45604 Sagunto")]
    [InlineData("Ship to 9637 Willow St, Austin, TX 78746-1234 please", "9637 Willow St, Austin, TX 78746-1234")]
    public void Analyze_CountryFormat_ReportsWholeAddress(string text, string expected)
    {
        Assert.Equal([expected], NamesTestKit.Proposed(text, EntityNames.StreetAddress));
    }

    [Theory]
    [InlineData("{\"address\": \"7264 Ridge Avenue, Vancouver, BC A3A 1N5\"}", "7264 Ridge Avenue, Vancouver, BC A3A 1N5")]
    [InlineData("Dr Koss,\"96 Beatty Way, Oxford US0 0LF\"", "96 Beatty Way, Oxford US0 0LF")]
    [InlineData("(12 Main Street)", "12 Main Street")]
    public void Analyze_AddressAfterQuoteOrBracket_ReportsIt(string text, string expected)
    {
        Assert.Equal([expected], NamesTestKit.Proposed(text, EntityNames.StreetAddress));
    }

    [Fact]
    public void Analyze_StreetOnNextLineAfterPhone_DoesNotJoinThePhoneDigits()
    {
        const string text = "Tel: 312 801 9229\nCalle de Jurado, 34, 45604 Sagunto";

        Assert.Equal(["Calle de Jurado, 34, 45604 Sagunto"], NamesTestKit.Proposed(text, EntityNames.StreetAddress));
    }

    [Theory]
    [InlineData("Send it to 10 Downing Street, London SW1A 2AA today", 0.95)]
    [InlineData("Send it to 10 Downing Street, London today", 0.85)]
    [InlineData("Send it to 10 Downing Street today", 0.75)]
    public void Analyze_AddressParts_ScoreGrowsWithEvidence(string text, double expected)
    {
        Assert.Equal(expected, NamesTestKit.Single(text, EntityNames.StreetAddress).Score);
    }

    [Fact]
    public void Analyze_DutchAddress_ReportsExactOffsets()
    {
        var result = NamesTestKit.Single("Adres: Vlietweg 94, 2841 SB Haarlem.", EntityNames.StreetAddress);

        Assert.Equal((7, 35), (result.Start, result.End));
    }

    [Theory]
    [InlineData("Ship 2, 10115 Berlin is the depot")]
    [InlineData("Chapter 12, then page 3")]
    [InlineData("We sold 4000 units, 1200 Returns were logged")]
    [InlineData("Call 555 1234 Please")]
    [InlineData("Order PO-44782 shipped")]
    public void Analyze_NumbersNearCapitalizedWords_ReportsNoAddress(string text)
    {
        Assert.Empty(NamesTestKit.Proposed(text, EntityNames.StreetAddress));
    }

    [Fact]
    public void Scan_AustralianAddress_BeatsTheCityInside()
    {
        const string text = "My new address is 354 Walnut Parade, Perth WA 6000.";

        var found = ScannerTestKit.Findings(text).Where(f => f.Entity is EntityNames.Location or EntityNames.StreetAddress).Select(f => (f.Entity, text[f.Start..f.End]));

        Assert.Equal([(EntityNames.StreetAddress, "354 Walnut Parade, Perth WA 6000")], found);
    }

    [Theory]
    [InlineData("Olá, moro na Rua Vicente Saraiva, 2578 - Itaquaquecetuba, 07173-780. Meu celular é +55 19 95731-6837.", "Rua Vicente Saraiva, 2578 - Itaquaquecetuba, 07173-780")]
    [InlineData("Unsere Adresse: Hauptstraße 5, 10115 Berlin", "Hauptstraße 5, 10115 Berlin")]
    public void Scan_AddressWithLocalContextWord_KeepsTheWholeAddress(string text, string expected)
    {
        Assert.Equal([expected], ScannerTestKit.Found(text, EntityNames.StreetAddress));
    }
}
