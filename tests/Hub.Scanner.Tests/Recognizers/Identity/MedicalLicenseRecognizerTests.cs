using Hub.Core.Entities;
using Hub.Scanner.Recognizers.Identity;
using Hub.Scanner.Tests.Recognizers.Financial;

namespace Hub.Scanner.Tests.Recognizers.Identity;

public sealed class MedicalLicenseRecognizerTests
{
    private readonly MedicalLicenseRecognizer recognizer = new();

    [Theory]
    [InlineData("DEA AB1234563.", "AB1234563")]
    [InlineData("DEA BM6125341", "BM6125341")]
    [InlineData("DEA A91234563", "A91234563")]
    [InlineData("\"dea\":\"FN5623740\"", "FN5623740")]
    public void Analyze_ValidCheckDigit_FindsExactSpan(string text, string expected) =>
        Assert.Equal(MedicalLicenseRecognizer.ValidScore, RecognizerProbe.Single(recognizer, text, expected).Score);

    [Fact]
    public void Analyze_LowerCase_IsWeak() =>
        Assert.Equal(MedicalLicenseRecognizer.LowerCaseScore, RecognizerProbe.Single(recognizer, "ab1234563", "ab1234563").Score);

    [Theory]
    [InlineData("AB1234567")]    // check digit
    [InlineData("ZB1234563")]    // Z is no registrant type
    [InlineData("XAB1234563")]   // no word boundary (Presidio's pattern would match here)
    [InlineData("AB12345631")]
    [InlineData("AB1234563-1")]
    [InlineData("AB123456")]
    public void Analyze_NearMiss_FindsNothing(string text) => Assert.Empty(ScannerTestKit.Raw(recognizer, text));

    [Fact]
    public void Scan_DeaNumberInPrompt_Found() =>
        Assert.Equal(["AB1234563"], ScannerTestKit.Found("Prescriber DEA number AB1234563 signed it.", EntityNames.MedicalLicense));

    public static TheoryData<string> AdversarialInputs => RecognizerProbe.Adversarial("AB1234563 ", "AB1234563");

    [Theory]
    [MemberData(nameof(AdversarialInputs))]
    public void Analyze_Adversarial100KB_Completes(string text) => ScannerTestKit.Raw(recognizer, text);
}
