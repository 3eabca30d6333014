using Hub.Scanner.Checksums;

namespace Hub.Scanner.Tests.Checksums;

public sealed class NhsModulus11Tests
{
    [Theory]
    [InlineData("9434765919")]   // NHS Digital's documentation example
    [InlineData("943 476 5919")]
    [InlineData("401-023-2137")] // Presidio's test set
    [InlineData("0032698674")]   // check digit 11 → 0
    public void IsValid_ValidCheckDigit_ReturnsTrue(string value) => Assert.True(NhsModulus11.IsValid(value));

    [Theory]
    [InlineData("9434765918")]
    [InlineData("1000000010")]   // the check digit would be 10: never issued
    [InlineData("943476591")]
    [InlineData("94347659190")]
    [InlineData("943/476/5919")]
    public void IsValid_Invalid_ReturnsFalse(string value) => Assert.False(NhsModulus11.IsValid(value));
}
