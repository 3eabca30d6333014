using Hub.Scanner.Checksums;

namespace Hub.Scanner.Tests.Checksums;

public sealed class LuhnTests
{
    [Theory]
    [InlineData("79927398713")]
    [InlineData("4111111111111111")]
    [InlineData("4111 1111 1111 1111")]
    [InlineData("5500-0000-0000-0004")]
    [InlineData("378282246310005")]
    [InlineData("6011111111111117")]
    public void IsValid_PublishedNumber_ReturnsTrue(string value) => Assert.True(Luhn.IsValid(value));

    [Theory]
    [InlineData("79927398710")]
    [InlineData("4111111111111112")]
    [InlineData("4111.1111.1111.1111")]
    [InlineData("0")]
    [InlineData("")]
    [InlineData("41111111a1111111")]
    public void IsValid_WrongDigitOrCharacter_ReturnsFalse(string value) => Assert.False(Luhn.IsValid(value));
}
