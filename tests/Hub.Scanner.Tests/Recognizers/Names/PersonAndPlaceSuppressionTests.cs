using Hub.Core.Entities;

namespace Hub.Scanner.Tests.Recognizers.Names;

/// <summary>Organisations, streets and codes that look like names or places.</summary>
public sealed class PersonAndPlaceSuppressionTests
{
    [Theory]
    [InlineData("Account Manager | Northwind Traders")]
    [InlineData("Office Manager | Acme Corp")]
    [InlineData("Account Manager | Wayne Financial")]
    [InlineData("She studied at Stanford University")]
    [InlineData("Paid by Smith Holdings Ltd")]
    [InlineData("Dr Koss,\"44 Hermann Lane, London JX4 4GY\"", "Koss")]
    [InlineData("Envio: Avenida Yasmin Macedo, 2746 - Brasília, 94614-322")]
    [InlineData("Indirizzo: Viale Peaquin 25, 38668 Napoli")]
    public void Analyze_OrganisationOrStreet_ReportsNoPerson(string text, string? person = null)
    {
        Assert.Equal(person is null ? [] : [person], NamesTestKit.Proposed(text, EntityNames.Person));
    }

    [Theory]
    [InlineData("We agreed on the price during the call in March.")]
    [InlineData("The renewal is due by May and again in June.")]
    [InlineData("Moving to Leeds in August", "Leeds")]
    public void Analyze_MonthAfterAPlaceCue_IsNoLocation(string text, string? place = null)
    {
        Assert.Equal(place is null ? [] : [place], NamesTestKit.Proposed(text, EntityNames.Location));
    }

    [Theory]
    [InlineData("Contact: Tendai Moyo", "Tendai Moyo")]
    [InlineData("Write a bio for Parisa Ahmadi, our new engineer", "Parisa Ahmadi")]
    [InlineData("Wuckert, Chinedu\nDOB 1990", "Wuckert, Chinedu")]
    [InlineData("Okafor, Chinedu was admitted", "Okafor, Chinedu")]
    [InlineData("Hi Chinedu, Kwame here", "Chinedu")]
    [InlineData("Thanks, Mark", "Mark")]
    [InlineData("Hi Grant, the report is attached.", "Grant")]
    [InlineData("Hallo, ich heiße Jürgen Weißmüller und wohne in München.", "Jürgen Weißmüller")]
    public void Analyze_NameForms_ReportsPerson(string text, string expected)
    {
        Assert.Equal(expected.Split('|'), NamesTestKit.Proposed(text, EntityNames.Person));
    }

    [Theory]
    [InlineData("Thanks, Will do that tomorrow.")]
    [InlineData("Hi, Mark the ticket as done.")]
    public void Analyze_WordAfterGreeting_ReportsNoPerson(string text)
    {
        Assert.Empty(NamesTestKit.Proposed(text, EntityNames.Person));
    }

    [Theory]
    [InlineData("At Initech, Sarah leads the team")]
    [InlineData("Invite Smith, Jones and Brown")]
    public void Analyze_CommaAfterWord_ReportsNoInvertedName(string text)
    {
        Assert.DoesNotContain(NamesTestKit.Proposed(text, EntityNames.Person), found => found.Contains(',', StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Your order PO-44782 has shipped")]
    [InlineData("Order PO 44782 has shipped")]
    [InlineData("Contact: Tendai Moyo")]
    [InlineData("She studied at Boston University")]
    [InlineData("first_name,state\nLorena,OR")]
    public void Analyze_CodeNameOrOrganisation_ReportsNoLocation(string text)
    {
        Assert.Empty(NamesTestKit.Proposed(text, EntityNames.Location));
    }

    [Theory]
    [InlineData("Ship it to the US by Friday", "US")]
    [InlineData("Offices in the UK and Boston", "UK|Boston")]
    [InlineData("Born in the Syrian Arab Republic", "Syrian Arab Republic")]
    public void Analyze_ShortCountryOrOfficialName_ReportsLocation(string text, string expected)
    {
        Assert.Equal(expected.Split('|'), NamesTestKit.Proposed(text, EntityNames.Location));
    }

    [Fact]
    public void Scan_OfficialCountryName_KeepsTheCountryOverTheNationality()
    {
        const string text = "Born in the Syrian Arab Republic";

        var found = ScannerTestKit.Findings(text).Where(f => f.Entity is EntityNames.Location or EntityNames.Nrp).Select(f => (f.Entity, text[f.Start..f.End]));

        Assert.Equal([(EntityNames.Location, "Syrian Arab Republic")], found);
    }
}
