using Hub.Core.Entities;
using Hub.Scanner.Recognizers.Identity;
using Hub.Scanner.Tests.Recognizers.Financial;

namespace Hub.Scanner.Tests.Recognizers.Identity;

public sealed class UkNinoRecognizerTests
{
    private readonly UkNinoRecognizer recognizer = new();

    [Theory]
    [InlineData("NINO AB123456C.", "AB123456C")]
    [InlineData("NINO AB 12 34 56 C", "AB 12 34 56 C")]
    [InlineData("NINO AB 123456 C", "AB 123456 C")]
    [InlineData("NINO JG103759A", "JG103759A")]
    [InlineData("(ZA000000D)", "ZA000000D")]
    public void Analyze_ValidNumber_FindsExactSpan(string text, string expected) =>
        Assert.Equal(UkNinoRecognizer.ValidScore, RecognizerProbe.Single(recognizer, text, expected).Score);

    [Fact]
    public void Analyze_LowerCase_IsWeak() =>
        Assert.Equal(UkNinoRecognizer.LowerCaseScore, RecognizerProbe.Single(recognizer, "ab123456c", "ab123456c").Score);

    [Theory]
    [InlineData("QQ123456C")]   // Q cannot lead
    [InlineData("AO123456C")]   // O cannot follow
    [InlineData("GB123456A")]   // unallocated prefix
    [InlineData("AB123456E")]   // suffix beyond D
    [InlineData("AB12345C")]    // five digits
    [InlineData("AB1234567C")]
    [InlineData("XAB123456C")]  // inside a word
    [InlineData("AB123456CD")]
    [InlineData("AB 12 3456 C")]
    public void Analyze_NearMiss_FindsNothing(string text) => Assert.Empty(ScannerTestKit.Raw(recognizer, text));

    [Theory]
    [InlineData("My national insurance number is AB 12 34 56 C.", "AB 12 34 56 C")]
    [InlineData("NI: JG103759A", "JG103759A")]
    public void Scan_NinoInPrompt_Found(string text, string expected) =>
        Assert.Equal([expected], ScannerTestKit.Found(text, EntityNames.UkNino));

    public static TheoryData<string> AdversarialInputs => RecognizerProbe.Adversarial("AB 12 34 56 C ", "AB 12 ", "AB123456");

    [Theory]
    [MemberData(nameof(AdversarialInputs))]
    public void Analyze_Adversarial100KB_Completes(string text) => ScannerTestKit.Raw(recognizer, text);
}
