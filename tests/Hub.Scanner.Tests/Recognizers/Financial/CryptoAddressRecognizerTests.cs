using Hub.Core.Entities;
using Hub.Scanner.Recognizers.Financial;

namespace Hub.Scanner.Tests.Recognizers.Financial;

public sealed class CryptoAddressRecognizerTests
{
    private readonly CryptoAddressRecognizer recognizer = new();

    [Theory]
    [InlineData("send to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa now", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")]
    [InlineData("p2sh 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy.", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy")]
    [InlineData("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")]
    [InlineData("(BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4)", "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4")]
    [InlineData("taproot bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297", "bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297")]
    [InlineData("eth 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    public void Analyze_ChecksummedAddress_FindsExactSpan(string text, string expected) =>
        Assert.Equal(CryptoAddressRecognizer.ValidScore, RecognizerProbe.Single(recognizer, text, expected).Score);

    [Theory]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")]
    [InlineData("0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED")]
    public void Analyze_SingleCaseEthereum_ScoresLower(string address) =>
        Assert.Equal(CryptoAddressRecognizer.UncheckedEthereumScore, RecognizerProbe.Single(recognizer, address, address).Score);

    [Theory]
    [InlineData("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb")]           // Base58Check fails: a typo
    [InlineData("3c51KLQN74wqSzprvEGPdiYMgWx")]                  // random Base58 of the right shape (Bogus)
    [InlineData("2A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb")]
    [InlineData("1a1zp1ep5qgefi2dmptftl5slmv7divfnb")]           // one case only
    [InlineData("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5")]   // Bech32 fails
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD")]   // EIP-55 fails
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe")]    // 39 hex digits
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed00")] // 42 hex digits
    [InlineData("x1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")]          // inside a longer word
    [InlineData("d41d8cd98f00b204e9800998ecf8427e")]             // an MD5 hash
    public void Analyze_NearMiss_FindsNothing(string text) => Assert.Empty(ScannerTestKit.Raw(recognizer, text));

    [Fact]
    public void Scan_ChecksumFailureWithContext_NotFound() =>
        Assert.Empty(ScannerTestKit.Found("Send to my bitcoin wallet 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb please", EntityNames.CryptoAddress));

    [Fact]
    public void Scan_WalletInPrompt_FoundAtDefaultThreshold() =>
        Assert.Equal(["1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"], ScannerTestKit.Found("Send 0.1 BTC to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2 today", EntityNames.CryptoAddress));

    public static TheoryData<string> AdversarialInputs =>
        RecognizerProbe.Adversarial("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa ", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4 ", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed ", "1A1zP1eP5");

    [Theory]
    [MemberData(nameof(AdversarialInputs))]
    public void Analyze_Adversarial100KB_Completes(string text) => ScannerTestKit.Raw(recognizer, text);
}
