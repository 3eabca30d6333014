using Hub.Core.Entities;
using Hub.Scanner.Recognizers;
using Hub.Scanner.Recognizers.Names;

namespace Hub.Scanner.Tests.Recognizers.Names;

public sealed class NameAndPlaceRecognizerTests
{
    private static readonly NameAndPlaceRecognizer Recognizer = NamesTestKit.Recognizer;

    private const double Threshold = NamesTestKit.Threshold;

    private static List<string> Proposed(string text, string entity) => NamesTestKit.Proposed(text, entity);

    [Theory]
    [InlineData("Summarize this patient record: John Smith, SSN 123-45-6789", "John Smith")]
    [InlineData("Dr. Wei Zhang of Mount Sinai", "Wei Zhang")]
    [InlineData("Mrs. O'Connor will see you now", "O'Connor")]
    [InlineData("Please send the contract to Priya Raghunathan at Acme Corp.", "Priya Raghunathan")]
    [InlineData("Our new hire is José Álvarez-García.", "José Álvarez-García")]
    [InlineData("My manager Tom Müller approved it", "Tom Müller")]
    [InlineData("Signed, Kwame Mensah", "Kwame Mensah")]
    [InlineData("Smith, John was admitted on Tuesday", "Smith, John")]
    [InlineData("Contact: Zhang Wei", "Zhang Wei")]
    [InlineData("Tanaka Hiroshi joined the call", "Tanaka Hiroshi")]
    [InlineData("The memo from J. R. Smith arrived", "J. R. Smith")]
    [InlineData("Dear Xiulan, thanks for the update.", "Xiulan")]
    [InlineData("Dear Grace Hopper, thanks for the COBOL notes.", "Grace Hopper")]
    [InlineData("Signed, Rose Baker", "Rose Baker")]
    [InlineData("a portrait of Ludwig van Beethoven", "Ludwig van Beethoven")]
    [InlineData("my name is Olumide Adeyemi and I need help", "Olumide Adeyemi")]
    [InlineData("Thanks Chad, see you soon", "Chad")]
    [InlineData("PATIENT: JOHN SMITH", "JOHN SMITH")]
    [InlineData("Forward it to Ivan Petrov and Svetlana Ivanova", "Ivan Petrov|Svetlana Ivanova")]
    [InlineData("Angela Merkel and Emmanuel Macron spoke", "Angela Merkel|Emmanuel Macron")]
    public void Analyze_NameInText_ReportsPerson(string text, string expected)
    {
        Assert.Equal(expected.Split('|'), Proposed(text, EntityNames.Person));
    }

    [Theory]
    [InlineData("Will you mark the card as paid? May is a good month to review the key settings.")]
    [InlineData("Refactor the UserService class so that it calls the PaymentGateway API in Azure")]
    [InlineData("Apple released a new iPhone on Monday")]
    [InlineData("Customer Service will contact you on Monday.")]
    [InlineData("Email john.smith@example.com or call JohnSmith() with john_smith")]
    [InlineData("Hi Team, thanks All for the help")]
    [InlineData("Dear Hiring Manager,")]
    [InlineData("Ask Claude to summarize the Gemini output")]
    [InlineData("The meeting with Mark is on Friday")]
    [InlineData("I talked to Sarah yesterday")]
    [InlineData("Dr. Dr. Dr.")]
    public void Analyze_NoNameOrWeakEvidence_ReportsNoPersonAboveThreshold(string text)
    {
        Assert.Empty(Proposed(text, EntityNames.Person));
    }

    [Fact]
    public void Analyze_LoneGivenName_ReportsLowScoreForContextToRaise()
    {
        var lone = Assert.Single(ScannerTestKit.Raw(Recognizer, "I talked to Sarah yesterday"), r => r.Entity == EntityNames.Person);

        Assert.Equal(new RecognizerResult(EntityNames.Person, 12, 17, 0.4), lone);
    }

    [Fact]
    public void Analyze_NamesAndPlaces_ReportsExactOffsets()
    {
        var results = ScannerTestKit.Raw(Recognizer, "Maria Garcia moved from Madrid to Boston")
            .Where(r => r.Score >= Threshold).OrderBy(r => r.Start).Select(r => (r.Entity, r.Start, r.End));

        Assert.Equal([(EntityNames.Person, 0, 12), (EntityNames.Location, 24, 30), (EntityNames.Location, 34, 40)], results);
    }

    [Theory]
    [InlineData("Maria Garcia moved from Madrid to Boston", "Madrid|Boston")]
    [InlineData("She lives in Rio de Janeiro now", "Rio de Janeiro")]
    [InlineData("We have offices in San Francisco and the United Kingdom", "San Francisco|United Kingdom")]
    [InlineData("We visited Springfield, IL last summer", "Springfield")]
    [InlineData("Smallville, KS is small", "Smallville")]
    [InlineData("flying to london tomorrow", "london")]
    [InlineData("I grew up in Reading, then moved to Nice", "Reading|Nice")]
    [InlineData("Revenue in Germany and Japan grew", "Germany|Japan")]
    [InlineData("Tokyo is expensive", "Tokyo")]
    [InlineData("Ship it to the US by Friday", "US")]
    public void Analyze_PlaceInText_ReportsLocation(string text, string expected)
    {
        Assert.Equal(expected.Split('|'), Proposed(text, EntityNames.Location));
    }

    [Theory]
    [InlineData("Nice work on the Mobile app")]
    [InlineData("Reading the docs is useful")]
    [InlineData("Bath towels are on sale")]
    [InlineData("Please call Jordan tomorrow")]
    [InlineData("Deploy to us-east-1 and tell us when done")]
    [InlineData("Refactor the UserService class so that it calls the PaymentGateway API in Azure")]
    [InlineData("import Paris from './cities/Paris.js'")]
    public void Analyze_AmbiguousWordWithoutCue_ReportsNoLocationAboveThreshold(string text)
    {
        Assert.Empty(Proposed(text, EntityNames.Location));
    }

    [Theory]
    [InlineData("Olumide Adeyemi, a Nigerian Republican, works in New York", "Nigerian|Republican")]
    [InlineData("The Catholic and Muslim delegates met with French and German officials", "Catholic|Muslim|French|German")]
    [InlineData("My manager Tom Müller is Swiss", "Swiss")]
    [InlineData("He is a Roman Catholic and votes for the Labour Party", "Roman Catholic|Labour Party")]
    [InlineData("Many Americans and Sikhs attended", "Americans|Sikhs")]
    [InlineData("We sold it to Chinese buyers", "Chinese")]
    public void Analyze_GroupInText_ReportsNrp(string text, string expected)
    {
        Assert.Equal(expected.Split('|'), Proposed(text, EntityNames.Nrp));
    }

    [Theory]
    [InlineData("Translate this paragraph to French and reply in German.")]
    [InlineData("Add a French translation of the German text")]
    [InlineData("the french fries were cold")]
    [InlineData("Polish the text before sending.")]
    public void Analyze_LanguageOrLowerCase_ReportsNoNrp(string text)
    {
        Assert.Empty(Proposed(text, EntityNames.Nrp));
    }

    [Theory]
    [InlineData("Ship to 1600 Pennsylvania Avenue NW, Washington, DC 20500 please", "1600 Pennsylvania Avenue NW, Washington, DC 20500")]
    [InlineData("Send it to 10 Downing Street, London SW1A 2AA today", "10 Downing Street, London SW1A 2AA")]
    [InlineData("Sherlock lived at 221B Baker Street.", "221B Baker Street")]
    [InlineData("Apt 4B, 123 Main St, Springfield, IL 62704", "Apt 4B, 123 Main St, Springfield, IL 62704")]
    [InlineData("Office: 350 5th Avenue, Suite 200, New York, NY 10118", "350 5th Avenue, Suite 200, New York, NY 10118")]
    [InlineData("Unsere Adresse: Hauptstraße 5, 10115 Berlin", "Hauptstraße 5, 10115 Berlin")]
    [InlineData("Wir wohnen in der Berliner Straße 12.", "Berliner Straße 12")]
    [InlineData("Livraison au 12 rue de Rivoli, 75001 Paris", "12 rue de Rivoli, 75001 Paris")]
    [InlineData("Vivo en Calle Mayor 10, 28013 Madrid", "Calle Mayor 10, 28013 Madrid")]
    [InlineData("Abitiamo in Via Roma 1", "Via Roma 1")]
    [InlineData("Mail it to P.O. Box 1234, Springfield, IL 62704", "P.O. Box 1234, Springfield, IL 62704")]
    [InlineData("I live at 42 main street near the park.", "42 main street")]
    [InlineData("Our office is at 100 King St W, Toronto, ON M5V 3L9", "100 King St W, Toronto, ON M5V 3L9")]
    public void Analyze_AddressInText_ReportsWholeAddress(string text, string expected)
    {
        Assert.Equal([expected], Proposed(text, EntityNames.StreetAddress));
    }

    [Theory]
    [InlineData("Step 2 Drive to the office.")]
    [InlineData("I have 3 cats on the road.")]
    [InlineData("It is a 5 minutes walk from here")]
    [InlineData("We sold 300 units in Spring 2024")]
    [InlineData("Version 12 Way better than before")]
    [InlineData("The total is 12.5 Street value")]
    public void Analyze_NumberBeforeWords_ReportsNoAddress(string text)
    {
        Assert.Empty(Proposed(text, EntityNames.StreetAddress));
    }

    [Fact]
    public void Analyze_OnlyLocationEnabled_ReportsOnlyLocation()
    {
        var results = new List<RecognizerResult>();

        Recognizer.Analyze("Maria Garcia moved from Madrid to 10 Downing Street", new HashSet<string> { EntityNames.Location }, results);

        Assert.All(results, r => Assert.Equal(EntityNames.Location, r.Entity));
        Assert.NotEmpty(results);
    }

    [Theory]
    [InlineData("a", 100_000)]
    [InlineData("Aaaa ", 20_000)]
    [InlineData("7", 100_000)]
    [InlineData("New ", 25_000)]
    [InlineData("12 Main ", 12_500)]
    [InlineData("John ", 20_000)]
    [InlineData("Dr. ", 25_000)]
    [InlineData("@.", 50_000)]
    public void Analyze_AdversarialHundredKilobytes_Completes(string unit, int repeat)
    {
        var text = string.Concat(Enumerable.Repeat(unit, repeat));

        var results = ScannerTestKit.Raw(Recognizer, text);

        Assert.All(results, r => Assert.InRange(r.End, r.Start + 1, text.Length));
    }
}
