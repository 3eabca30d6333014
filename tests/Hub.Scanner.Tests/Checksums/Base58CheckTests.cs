using Hub.Scanner.Checksums;

namespace Hub.Scanner.Tests.Checksums;

public sealed class Base58CheckTests
{
    [Theory]
    [InlineData("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")] // the genesis block's address
    [InlineData("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2")] // P2PKH example from the Bitcoin wiki
    [InlineData("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy")] // P2SH example from BIP-16 docs
    [InlineData("1111111111111111111114oLvT2")]        // version 0, hash160 of zeros: leading zero bytes
    public void IsValid_BitcoinAddress_ReturnsTrue(string address) => Assert.True(Base58Check.IsValid(address, 25));

    [Theory]
    [InlineData("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb")] // last character changed
    [InlineData("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfN")]  // one character short
    [InlineData("1A1zP1eP5QGefi2DMPTfTL5SLmv7Div0Na")] // 0 is not Base58
    [InlineData("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivlNa")] // nor is l
    [InlineData("")]
    public void IsValid_Corrupted_ReturnsFalse(string address) => Assert.False(Base58Check.IsValid(address, 25));

    [Fact]
    public void IsValid_WrongDecodedLength_ReturnsFalse() => Assert.False(Base58Check.IsValid("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", 24));
}
