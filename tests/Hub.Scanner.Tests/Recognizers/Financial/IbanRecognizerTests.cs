using Hub.Core.Entities;
using Hub.Scanner.Recognizers.Financial;

namespace Hub.Scanner.Tests.Recognizers.Financial;

public sealed class IbanRecognizerTests
{
    private readonly IbanRecognizer recognizer = new();

    [Theory]
    [InlineData("IBAN: GB82WEST12345698765432.", "GB82WEST12345698765432")]
    [InlineData("to GB82 WEST 1234 5698 7654 32 today", "GB82 WEST 1234 5698 7654 32")]
    [InlineData("DE89 3704 0044 0532 0130 00", "DE89 3704 0044 0532 0130 00")]
    [InlineData("DE89-3704-0044-0532-0130-00", "DE89-3704-0044-0532-0130-00")]
    [InlineData("DE89370400440532013000 2 days", "DE89370400440532013000")]          // Presidio's longest-valid case
    [InlineData("DE89 3704 0044 0532 0130 00 2 days", "DE89 3704 0044 0532 0130 00")]
    [InlineData("BE68 5390 0754 7034 is mine", "BE68 5390 0754 7034")]               // a group of four after the IBAN
    [InlineData("NO93 8601 1117 947", "NO93 8601 1117 947")]                         // shortest country
    [InlineData("FR14 2004 1010 0505 0001 3M02 606", "FR14 2004 1010 0505 0001 3M02 606")]
    [InlineData("MT84MALT011000012345MTLCAST001S", "MT84MALT011000012345MTLCAST001S")]
    [InlineData("\"iban\":\"NL91ABNA0417164300\"", "NL91ABNA0417164300")]
    public void Analyze_ValidIban_FindsExactSpan(string text, string expected) =>
        Assert.Equal(IbanRecognizer.ValidScore, RecognizerProbe.Single(recognizer, text, expected).Score);

    [Fact]
    public void Analyze_LowerCase_ScoresLower() =>
        Assert.Equal(IbanRecognizer.LowerCaseScore, RecognizerProbe.Single(recognizer, "iban gb82west12345698765432", "gb82west12345698765432").Score);

    [Theory]
    [InlineData("IE31149370059928650069")]  // digits where IE's bank code has letters (as Bogus generates them)
    [InlineData("TR67 2061 3J27 8772 IM43 2302 43")]
    [InlineData("GB33BUKB2020155555555")]   // 21 characters where GB has 22 (Faker's default locale)
    public void Analyze_ChecksumAndLengthWithoutBbanFormat_ScoresAtThreshold(string iban) =>
        Assert.Equal(IbanRecognizer.FormatMismatchScore, RecognizerProbe.Single(recognizer, iban, iban).Score);

    [Fact]
    public void Analyze_ChecksumFarFromCountryLength_IsWeak() =>
        Assert.Equal(IbanRecognizer.ChecksumOnlyScore, RecognizerProbe.Single(recognizer, "GB79WEST1234569876", "GB79WEST1234569876").Score);

    [Theory]
    [InlineData("GB82WEST12345698765431")]         // check digits
    [InlineData("GB82WEST12345698765432X")]        // runs on into a word
    [InlineData("XGB82WEST12345698765432")]
    [InlineData("GB82 WEST 1234 5698 7654 3")]     // too short, and mod-97 fails
    [InlineData("GB82 WEST-1234 5698 7654 32")]    // mixed separators
    [InlineData("GB82 WES T123 4569 8765 432")]    // separators off the groups of four
    [InlineData("US12 3456 7890 1234")]            // no IBAN country
    [InlineData("AB12")]
    public void Analyze_NearMiss_FindsNothing(string text) => Assert.Empty(ScannerTestKit.Raw(recognizer, text));

    [Fact]
    public void Scan_IbanInPrompt_FoundAtDefaultThreshold() =>
        Assert.Equal(["DE89 3704 0044 0532 0130 00"], ScannerTestKit.Found("Please wire it to DE89 3704 0044 0532 0130 00 by Friday.", EntityNames.IbanCode));

    [Fact]
    public void Scan_ChecksumOnlyWithIbanContext_Found() =>
        Assert.Equal(["GB79WEST1234569876"], ScannerTestKit.Found("My IBAN is GB79WEST1234569876", EntityNames.IbanCode));

    public static TheoryData<string> AdversarialInputs => RecognizerProbe.Adversarial("GB82 WEST ", "DE89 3704 ", "GB82WEST12345698765432 ");

    [Theory]
    [MemberData(nameof(AdversarialInputs))]
    public void Analyze_Adversarial100KB_Completes(string text) => ScannerTestKit.Raw(recognizer, text);
}
