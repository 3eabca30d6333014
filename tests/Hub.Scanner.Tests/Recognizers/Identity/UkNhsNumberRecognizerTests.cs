using Hub.Core.Entities;
using Hub.Scanner.Recognizers.Identity;
using Hub.Scanner.Tests.Recognizers.Financial;

namespace Hub.Scanner.Tests.Recognizers.Identity;

public sealed class UkNhsNumberRecognizerTests
{
    private readonly UkNhsNumberRecognizer recognizer = new();

    [Theory]
    [InlineData("nhs 943 476 5919.", "943 476 5919", UkNhsNumberRecognizer.GroupedScore)]
    [InlineData("nhs 401-023-2137", "401-023-2137", UkNhsNumberRecognizer.GroupedScore)]
    [InlineData("nhs 9434765919", "9434765919", UkNhsNumberRecognizer.BareScore)]
    [InlineData("(221 395 1837)", "221 395 1837", UkNhsNumberRecognizer.GroupedScore)]
    public void Analyze_ValidCheckDigit_FindsExactSpanAndScore(string text, string expected, double score) =>
        Assert.Equal(score, RecognizerProbe.Single(recognizer, text, expected).Score);

    [Theory]
    [InlineData("943 476 5918")]   // check digit
    [InlineData("943 476-5919")]   // mixed separators
    [InlineData("9434 76 5919")]   // wrong grouping
    [InlineData("0000000000")]     // passes mod-11, never issued
    [InlineData("94347659190")]
    [InlineData("943 476 5919 1")] // part of a longer spaced number
    [InlineData("N9434765919")]
    public void Analyze_NearMiss_FindsNothing(string text) => Assert.Empty(ScannerTestKit.Raw(recognizer, text));

    [Theory]
    [InlineData("Patient NHS number 943 476 5919 attended.", "943 476 5919")]
    [InlineData("NHS no: 9434765919", "9434765919")]
    public void Scan_NhsNumberInPrompt_Found(string text, string expected) =>
        Assert.Equal([expected], ScannerTestKit.Found(text, EntityNames.UkNhsNumber));

    [Fact]
    public void Scan_ContiguousWithoutContext_NotFound() => Assert.Empty(ScannerTestKit.Found("Build 9434765919 passed", EntityNames.UkNhsNumber));

    public static TheoryData<string> AdversarialInputs => RecognizerProbe.Adversarial("943 476 5919 ", "943 ");

    [Theory]
    [MemberData(nameof(AdversarialInputs))]
    public void Analyze_Adversarial100KB_Completes(string text) => ScannerTestKit.Raw(recognizer, text);
}
