using Hub.Core.Entities;

namespace Hub.Scanner.Tests.Recognizers.Names;

/// <summary>The names-and-places findings through the whole engine: context, threshold and overlaps applied.</summary>
public sealed class NameAndPlaceEngineTests
{
    [Fact]
    public void Scan_PatientRecord_FindsPerson()
    {
        Assert.Equal(["John Smith"], ScannerTestKit.Found("Summarize this patient record: John Smith, SSN 123-45-6789", EntityNames.Person));
    }

    [Theory]
    [InlineData(EntityNames.Person, "Sarah O'Connor|Tom Müller")]
    [InlineData(EntityNames.Location, "Dublin")]
    [InlineData(EntityNames.Nrp, "Swiss")]
    public void Scan_IntroductionWithPlaceAndNationality_FindsEachEntity(string entity, string expected)
    {
        const string text = "Hi, I'm Sarah O'Connor from Dublin; my manager Tom Müller is Swiss";

        Assert.Equal(expected.Split('|'), ScannerTestKit.Found(text, entity));
    }

    [Theory]
    [InlineData("Will you mark the card as paid? May is a good month to review the key settings.")]
    [InlineData("Refactor the UserService class so that it calls the PaymentGateway API in Azure")]
    [InlineData("Apple released a new iPhone on Monday")]
    public void Scan_OrdinaryCapitalizedWords_FindsNoNameOrPlace(string text)
    {
        var found = ScannerTestKit.Findings(text).Where(f => f.Entity is EntityNames.Person or EntityNames.Location or EntityNames.Nrp or EntityNames.StreetAddress);

        Assert.Empty(found);
    }

    [Fact]
    public void Scan_AddressContainingCity_KeepsOnlyTheAddress()
    {
        const string text = "Ship to 1600 Pennsylvania Avenue NW, Washington, DC 20500 please";

        var finding = Assert.Single(ScannerTestKit.Findings(text), f => f.Entity is EntityNames.Location or EntityNames.StreetAddress);

        Assert.Equal((EntityNames.StreetAddress, 8, 57), (finding.Entity, finding.Start, finding.End));
    }
}
