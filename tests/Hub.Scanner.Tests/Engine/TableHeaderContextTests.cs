using Hub.Scanner.Engine;
using Hub.Scanner.Recognizers;

namespace Hub.Scanner.Tests.Engine;

public sealed class TableHeaderContextTests
{
    [Theory]
    [InlineData("driver,dl_number,state\nDillan Toy,M3552950,California", "M3552950", "dl_number")]
    [InlineData("driver,dl_number,state\nA,B1,C\nDillan Toy,M3552950,California", "M3552950", "dl_number")]
    [InlineData("Here is the export:\nname\tnhs_number\nAnn\t943 476 5919", "943 476 5919", "nhs_number")]
    [InlineData("name,note,ssn\n\"Smith, John\",\"a, b\",536228190", "536228190", "ssn")]
    [InlineData("| name | ssn |\n| Ann | 536228190 |", "536228190", " ssn ")]
    public void HeaderCell_ValueInTableBody_ReturnsItsColumnHeader(string text, string value, string expected)
    {
        Assert.Equal(expected, TableHeaderContext.HeaderCell(text, text.IndexOf(value, StringComparison.Ordinal)).ToString());
    }

    [Theory]
    [InlineData("dl_number,state\nM3552950", "M3552950")]
    [InlineData("M3552950,dl_number", "M3552950")]
    [InlineData("my licence\nM3552950 is valid", "M3552950")]
    public void HeaderCell_NotInATableBody_IsEmpty(string text, string value)
    {
        Assert.True(TableHeaderContext.HeaderCell(text, text.IndexOf(value, StringComparison.Ordinal)).IsEmpty);
    }

    [Fact]
    public void Enhance_WeakValueUnderMatchingHeader_IsBoosted()
    {
        const string text = "driver,dl_number,state\nDillan Toy,M3552950,California";
        var start = text.IndexOf("M3552950", StringComparison.Ordinal);

        var enhanced = ContextEnhancer.Enhance(text, new RecognizerResult("US_DRIVER_LICENSE", start, start + 8, 0.3), ["dl", "license"]);

        Assert.Equal(0.65, enhanced.Score, precision: 6);
    }

    [Fact]
    public void HeaderCell_LongTable_WalksABoundedNumberOfRows()
    {
        var rows = string.Concat(Enumerable.Repeat("x,1\n", TableHeaderContext.MaxRowsUp + 10));
        var text = "name,ssn\n" + rows + "Ann,536228190";

        Assert.Equal("x", TableHeaderContext.HeaderCell(text, text.IndexOf("Ann", StringComparison.Ordinal)).ToString());
    }
}
