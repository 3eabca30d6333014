using Hub.Scanner.Checksums;

namespace Hub.Scanner.Tests.Checksums;

public sealed class Bech32Tests
{
    [Theory]
    [InlineData("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")]                     // BIP-173 P2WPKH
    [InlineData("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4")]                     // upper case is allowed
    [InlineData("bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3")] // P2WSH, 32-byte program
    [InlineData("bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297")] // BIP-350 Taproot (Bech32m)
    [InlineData("tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7")] // testnet P2WSH
    public void IsValidSegwitAddress_PublishedAddress_ReturnsTrue(string address) => Assert.True(Bech32.IsValidSegwitAddress(address));

    [Theory]
    [InlineData("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5")]                     // checksum
    [InlineData("bc1qW508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")]                     // mixed case
    [InlineData("bc1zw508d6qejxtdg4y5r3zarvaryvqyzf3du")]                          // v2 with a Bech32 checksum (BIP-350 invalid vector)
    [InlineData("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd")] // v1 with a Bech32 checksum (BIP-350 invalid vector)
    [InlineData("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3tb")]                     // b is not in the charset
    [InlineData("bc1gmk9yu")]                                                      // empty data (BIP-350 invalid vector)
    public void IsValidSegwitAddress_Invalid_ReturnsFalse(string address) => Assert.False(Bech32.IsValidSegwitAddress(address));

    [Theory]
    [InlineData("A12UEL5L", "Bech32")]   // BIP-173 valid checksum vector
    [InlineData("a12uel5l", "Bech32")]
    [InlineData("A1LQFN3A", "Bech32m")]  // BIP-350 valid checksum vector
    [InlineData("a1lqfn3a", "Bech32m")]
    [InlineData("A12UEL5M", "None")]
    public void Verify_ChecksumVector_ReturnsEncoding(string value, string expected) => Assert.Equal(Enum.Parse<Bech32Encoding>(expected), Bech32.Verify(value));
}
