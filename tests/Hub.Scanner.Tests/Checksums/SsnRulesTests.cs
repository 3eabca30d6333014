using Hub.Scanner.Checksums;

namespace Hub.Scanner.Tests.Checksums;

public sealed class SsnRulesTests
{
    [Theory]
    [InlineData("536225246")]
    [InlineData("001010001")]
    [InlineData("899999999")]
    [InlineData("665123456")]
    public void Classify_IssuableNumber_ReturnsValid(string digits) => Assert.Equal(SsnKind.Valid, SsnRules.Classify(digits));

    [Theory]
    [InlineData("000123456")] // area 000
    [InlineData("666123456")] // area 666
    [InlineData("900123456")] // areas 900–999 are never SSNs
    [InlineData("999123456")]
    [InlineData("536005246")] // group 00
    [InlineData("536220000")] // serial 0000
    [InlineData("111111111")] // one repeated digit
    [InlineData("53622524")]
    [InlineData("53622524x")]
    public void Classify_NeverIssued_ReturnsInvalid(string digits) => Assert.Equal(SsnKind.Invalid, SsnRules.Classify(digits));

    [Theory]
    [InlineData("123456789")]
    [InlineData("078051120")] // the Woolworth wallet card
    [InlineData("219099999")] // Social Security Administration advertisement
    public void Classify_FamousSample_ReturnsExample(string digits) => Assert.Equal(SsnKind.Example, SsnRules.Classify(digits));

    [Theory]
    [InlineData("912701234")]
    [InlineData("900501234")]
    [InlineData("999659999")]
    [InlineData("912881234")]
    [InlineData("912901234")]
    [InlineData("912921234")]
    [InlineData("912941234")]
    [InlineData("912991234")]
    public void IsValidItin_IrsGroup_ReturnsTrue(string digits) => Assert.True(SsnRules.IsValidItin(digits));

    [Theory]
    [InlineData("912491234")] // group below 50
    [InlineData("912661234")] // 66–69 unused
    [InlineData("912891234")] // 89 unused
    [InlineData("912931234")] // 93 unused
    [InlineData("812701234")] // area must start with 9
    [InlineData("999999999")]
    public void IsValidItin_OutsideRanges_ReturnsFalse(string digits) => Assert.False(SsnRules.IsValidItin(digits));
}
