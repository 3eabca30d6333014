using Hub.Scanner.Checksums;

namespace Hub.Scanner.Tests.Checksums;

public sealed class AbaRoutingTests
{
    [Theory]
    [InlineData("021000021")] // JPMorgan Chase, New York
    [InlineData("011000015")] // Federal Reserve Bank of Boston
    [InlineData("122105155")] // Wells Fargo, Arizona
    [InlineData("322271627")] // Chase, California (thrift prefix 32)
    public void IsValid_PublishedRoutingNumber_ReturnsTrue(string value) => Assert.True(AbaRouting.IsValid(value));

    [Theory]
    [InlineData("021000022")] // checksum
    [InlineData("991000021")] // prefix 99 is never assigned
    [InlineData("000000000")] // one repeated digit
    [InlineData("02100002")]  // eight digits
    [InlineData("02100002a")]
    public void IsValid_Invalid_ReturnsFalse(string value) => Assert.False(AbaRouting.IsValid(value));
}
