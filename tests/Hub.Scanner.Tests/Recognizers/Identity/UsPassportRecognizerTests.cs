using Hub.Core.Entities;
using Hub.Scanner.Recognizers.Identity;
using Hub.Scanner.Tests.Recognizers.Financial;

namespace Hub.Scanner.Tests.Recognizers.Identity;

public sealed class UsPassportRecognizerTests
{
    private readonly UsPassportRecognizer recognizer = new();

    [Theory]
    [InlineData("passport 340020013", "340020013", UsPassportRecognizer.DigitsScore)]
    [InlineData("passport A12345678.", "A12345678", UsPassportRecognizer.LetterScore)]
    public void Analyze_PassportLayout_IsWeakCandidate(string text, string expected, double score) =>
        Assert.Equal(score, RecognizerProbe.Single(recognizer, text, expected).Score);

    [Theory]
    [InlineData("a12345678")]   // lower case
    [InlineData("AB1234567")]
    [InlineData("34002001")]    // eight digits
    [InlineData("3400200134")]  // ten
    [InlineData("111111111")]
    [InlineData("A11111111")]
    [InlineData("340-020013")]
    public void Analyze_NearMiss_FindsNothing(string text) => Assert.Empty(ScannerTestKit.Raw(recognizer, text));

    [Theory]
    [InlineData("Passport number: 340020013", "340020013")]
    [InlineData("US passport A12345678 expires in May", "A12345678")]
    public void Scan_PassportWithContext_Found(string text, string expected) =>
        Assert.Equal([expected], ScannerTestKit.Found(text, EntityNames.UsPassport));

    [Fact]
    public void Scan_DigitsWithoutContext_NotFound() => Assert.Empty(ScannerTestKit.Found("Order 340020013 shipped", EntityNames.UsPassport));

    public static TheoryData<string> AdversarialInputs => RecognizerProbe.Adversarial("A12345678 ", "340020013 ");

    [Theory]
    [MemberData(nameof(AdversarialInputs))]
    public void Analyze_Adversarial100KB_Completes(string text) => ScannerTestKit.Raw(recognizer, text);
}
