using Hub.Scanner.Checksums;

namespace Hub.Scanner.Tests.Checksums;

public sealed class Eip55Tests
{
    [Theory]
    [InlineData("5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")] // the EIP-55 test vectors
    [InlineData("fB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")]
    [InlineData("dbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB")]
    [InlineData("D1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb")]
    [InlineData("52908400098527886E0F7030069857D2E4169EE7")] // all caps vector: no lower-case letter needed
    [InlineData("de709f2102306220921060314715629080e2fb77")] // all-lower vector
    public void HasValidChecksum_Eip55Vector_ReturnsTrue(string hex) => Assert.True(Eip55.HasValidChecksum(hex));

    [Theory]
    [InlineData("5aaeb6053F3E94C9b9A09f33669435E7Ef1BeAed")] // one letter lowered
    [InlineData("5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe")]  // 39 digits
    [InlineData("5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg")] // not hex
    public void HasValidChecksum_Corrupted_ReturnsFalse(string hex) => Assert.False(Eip55.HasValidChecksum(hex));
}
