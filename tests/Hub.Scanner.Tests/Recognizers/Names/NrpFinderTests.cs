using Hub.Core.Entities;

namespace Hub.Scanner.Tests.Recognizers.Names;

public sealed class NrpFinderTests
{
    [Theory]
    [InlineData("The survey counted Hispanic and Kurdish respondents", "Hispanic|Kurdish")]
    [InlineData("She is Latina and he is Caucasian", "Latina|Caucasian")]
    [InlineData("The clinic mostly serves Roma families", "Roma")]
    [InlineData("A 52-year-old Arab man", "Arab")]
    [InlineData("He identifies as African American", "African American")]
    [InlineData("Respondents who are Pacific Islanders or Native Americans", "Pacific Islanders|Native Americans")]
    [InlineData("Pt is Jehovah's Witness; no transfusions", "Jehovah's Witness")]
    [InlineData("She is an Orthodox Christian", "Orthodox Christian")]
    [InlineData("I'm a Conservative volunteer", "Conservative")]
    [InlineData("{\"nationality\": \"Polish\"}", "Polish")]
    public void Analyze_GroupInText_ReportsNrp(string text, string expected)
    {
        Assert.Equal(expected.Split('|'), NamesTestKit.Proposed(text, EntityNames.Nrp));
    }

    [Theory]
    [InlineData("Write a bio for Parisa Ahmadi, our new engineer")]
    [InlineData("Ahmadi, Parisa was admitted")]
    [InlineData("We are moving to Roma next year")]
    [InlineData("Please translate 'good morning' into Japanese, Korean and Thai.")]
    [InlineData("Conservative estimates are fine.")]
    public void Analyze_SurnamePlaceOrLanguage_ReportsNoNrp(string text)
    {
        Assert.Empty(NamesTestKit.Proposed(text, EntityNames.Nrp));
    }

    [Fact]
    public void Analyze_EthnicPhrase_ReportsExactOffsets()
    {
        var result = NamesTestKit.Single("Patient is Asian American.", EntityNames.Nrp);

        Assert.Equal((11, 25), (result.Start, result.End));
    }
}
