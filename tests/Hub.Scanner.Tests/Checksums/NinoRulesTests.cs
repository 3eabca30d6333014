using Hub.Scanner.Checksums;

namespace Hub.Scanner.Tests.Checksums;

public sealed class NinoRulesTests
{
    [Theory]
    [InlineData("AB123456A")]
    [InlineData("JG103759A")]
    [InlineData("ZA000000D")]
    [InlineData("ab123456c")]
    public void IsValid_AllocatableNumber_ReturnsTrue(string value) => Assert.True(NinoRules.IsValid(value));

    [Theory]
    [InlineData("QA123456A")] // first letter D, F, I, Q, U or V
    [InlineData("DA123456A")]
    [InlineData("FA123456A")]
    [InlineData("IA123456A")]
    [InlineData("UA123456A")]
    [InlineData("VA123456A")]
    [InlineData("AO123456A")] // second letter O
    [InlineData("AD123456A")]
    [InlineData("BG123456A")] // unallocated prefixes
    [InlineData("GB123456A")]
    [InlineData("NK123456A")]
    [InlineData("KN123456A")]
    [InlineData("TN123456A")]
    [InlineData("NT123456A")]
    [InlineData("ZZ123456A")]
    [InlineData("AB123456E")] // suffix beyond D
    [InlineData("AB12345C")]
    [InlineData("AB1234567")]
    public void IsValid_BreaksHmrcRules_ReturnsFalse(string value) => Assert.False(NinoRules.IsValid(value));
}
