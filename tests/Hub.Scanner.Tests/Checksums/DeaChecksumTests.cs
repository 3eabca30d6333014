using Hub.Scanner.Checksums;

namespace Hub.Scanner.Tests.Checksums;

public sealed class DeaChecksumTests
{
    [Theory]
    [InlineData("AB1234563")] // 1+3+5 + 2×(2+4+6) = 33 → 3
    [InlineData("BM6125341")]
    [InlineData("A91234563")] // business registrant: 9 instead of an initial
    [InlineData("ab1234563")]
    public void IsValid_ValidCheckDigit_ReturnsTrue(string value) => Assert.True(DeaChecksum.IsValid(value));

    [Theory]
    [InlineData("AB1234567")] // check digit
    [InlineData("ZB1234563")] // Z is no registrant type
    [InlineData("IB1234563")]
    [InlineData("A11234563")] // second character neither letter nor 9
    [InlineData("AB123456")]
    [InlineData("AB12345631")]
    public void IsValid_Invalid_ReturnsFalse(string value) => Assert.False(DeaChecksum.IsValid(value));
}
