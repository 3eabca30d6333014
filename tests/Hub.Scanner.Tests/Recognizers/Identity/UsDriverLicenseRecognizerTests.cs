using Hub.Core.Entities;
using Hub.Scanner.Recognizers.Identity;
using Hub.Scanner.Tests.Recognizers.Financial;

namespace Hub.Scanner.Tests.Recognizers.Identity;

public sealed class UsDriverLicenseRecognizerTests
{
    private readonly UsDriverLicenseRecognizer recognizer = new();

    [Theory]
    [InlineData("D1234567")]       // CA
    [InlineData("A123456789012")]  // FL
    [InlineData("ABC123456")]      // ND
    [InlineData("AB123456C")]      // ID
    [InlineData("AB12345")]        // OH
    [InlineData("12345678AB")]     // MO
    [InlineData("1234567A")]       // ME, VT
    [InlineData("123AB4567")]      // IA
    [InlineData("12ABC12345")]     // NH
    public void Analyze_StateLayout_IsWeakCandidate(string license) =>
        Assert.Equal(UsDriverLicenseRecognizer.AlphanumericScore, RecognizerProbe.Single(recognizer, $"DL {license}.", license).Score);

    [Theory]
    [InlineData("S530-460-80-125-0")]  // FL as printed
    [InlineData("A123-4567-8901")]     // IL
    [InlineData("A123-4567-8901-23")]  // WI
    [InlineData("A1234 12345 12345")]  // NJ
    [InlineData("WDLABC123456")]       // WA
    [InlineData("WDLGVPGBJMTM")]       // WA without a digit
    public void Analyze_PrintedStateLayout_StandsAlone(string license) =>
        Assert.Equal(UsDriverLicenseRecognizer.PrintedLayoutScore, RecognizerProbe.Single(recognizer, $"DL# {license}, exp 2030", license).Score);

    [Theory]
    [InlineData("123 456 789")]        // NY as printed
    [InlineData("12 345 678")]         // PA
    public void Analyze_GroupedDigitState_IsWeakCandidate(string license) =>
        Assert.Equal(UsDriverLicenseRecognizer.GroupedDigitsScore, RecognizerProbe.Single(recognizer, license, license).Score);

    [Theory]
    [InlineData("123456")]
    [InlineData("12345678901234")]
    [InlineData("1234567890123456")]
    public void Analyze_DigitOnlyState_IsWeakerCandidate(string license) =>
        Assert.Equal(UsDriverLicenseRecognizer.DigitsScore, RecognizerProbe.Single(recognizer, license, license).Score);

    [Theory]
    [InlineData("d1234567")]        // lower case
    [InlineData("A12")]             // too short
    [InlineData("ABCD1234")]        // four letters
    [InlineData("A1B2C3D4")]        // too many runs
    [InlineData("12345")]
    [InlineData("123456789012345")] // fifteen digits
    [InlineData("WDLABCDEFGHIJ")]   // thirteen characters
    [InlineData("XWDLABCDEFGHI")]
    [InlineData("D_1234567")]
    [InlineData("D1234567-2")]
    [InlineData("S530-460-80-125")]   // a group short
    [InlineData("S530-460-80-125-0-1")]
    [InlineData("A123-4567 8901")]    // mixed separators
    [InlineData("123 456 789 012")]
    public void Analyze_NearMiss_FindsNothing(string text) => Assert.Empty(ScannerTestKit.Raw(recognizer, text));

    [Theory]
    [InlineData("Driver's license: D1234567", "D1234567")]
    [InlineData("DL# 12345678AB", "12345678AB")]
    [InlineData("DL# S530-460-80-125-0", "S530-460-80-125-0")]
    [InlineData("driver's license 627 305 078 issued in New York", "627 305 078")] // also a valid Spanish phone number
    [InlineData("Gilda,E904-393-83-580-5,Florida", "E904-393-83-580-5")]          // no context needed
    public void Scan_LicenseWithContext_Found(string text, string expected) =>
        Assert.Equal([expected], ScannerTestKit.Found(text, EntityNames.UsDriverLicense));

    [Fact]
    public void Scan_LayoutWithoutContext_NotFound() => Assert.Empty(ScannerTestKit.Found("The D1234567 model shipped", EntityNames.UsDriverLicense));

    public static TheoryData<string> AdversarialInputs => RecognizerProbe.Adversarial("D1234567 ", "A1B2");

    [Theory]
    [MemberData(nameof(AdversarialInputs))]
    public void Analyze_Adversarial100KB_Completes(string text) => ScannerTestKit.Raw(recognizer, text);
}
