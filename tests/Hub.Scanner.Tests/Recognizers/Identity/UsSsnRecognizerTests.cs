using Hub.Core.Entities;
using Hub.Scanner.Recognizers.Identity;
using Hub.Scanner.Tests.Recognizers.Financial;

namespace Hub.Scanner.Tests.Recognizers.Identity;

public sealed class UsSsnRecognizerTests
{
    private readonly UsSsnRecognizer recognizer = new();

    [Theory]
    [InlineData("ssn 536-22-5246.", "536-22-5246", UsSsnRecognizer.DashedScore)]
    [InlineData("ssn 536 22 5246", "536 22 5246", UsSsnRecognizer.SpacedScore)]
    [InlineData("ssn 536.22.5246", "536.22.5246", UsSsnRecognizer.SpacedScore)]
    [InlineData("ssn 536225246", "536225246", UsSsnRecognizer.BareScore)]
    [InlineData("(665-01-0001)", "665-01-0001", UsSsnRecognizer.DashedScore)]
    [InlineData("123-45-6789", "123-45-6789", UsSsnRecognizer.ExampleScore)]
    [InlineData("078-05-1120", "078-05-1120", UsSsnRecognizer.ExampleScore)]
    [InlineData("\"ssn\":\"536225246\"", "536225246", UsSsnRecognizer.BareScore)]
    public void Analyze_SsaValidNumber_FindsExactSpanAndScore(string text, string expected, double score) =>
        Assert.Equal(score, RecognizerProbe.Single(recognizer, text, expected).Score);

    [Theory]
    [InlineData("000-22-5246")]  // area 000
    [InlineData("666-22-5246")]  // area 666
    [InlineData("900-22-5246")]  // area 9xx
    [InlineData("987-65-4321")]
    [InlineData("536-00-5246")]  // group 00
    [InlineData("536-22-0000")]  // serial 0000
    [InlineData("111-11-1111")]  // one repeated digit
    [InlineData("536-22 5246")]  // mixed delimiters
    [InlineData("536-225-246")]  // wrong grouping
    [InlineData("536/22/5246")]
    [InlineData("1536-22-5246")]
    [InlineData("536-22-52461")]
    [InlineData("536-22-5246-7")] // part of a longer dashed number
    [InlineData("A536-22-5246")]
    [InlineData("5362252461")]
    public void Analyze_NearMiss_FindsNothing(string text) => Assert.Empty(ScannerTestKit.Raw(recognizer, text));

    [Theory]
    [InlineData("Summarize this patient record: John Smith, SSN 123-45-6789", "123-45-6789")]
    [InlineData("SSN: 536225246", "536225246")]
    [InlineData("her social security number is 536 22 5246", "536 22 5246")]
    [InlineData("Employee 536-22-5246 joined", "536-22-5246")]
    public void Scan_SsnWithContextOrDashes_Found(string text, string expected) =>
        Assert.Equal([expected], ScannerTestKit.Found(text, EntityNames.UsSsn));

    [Theory]
    [InlineData("Ticket 536225246 was closed")]
    [InlineData("Order 123456789 shipped")]
    [InlineData("See 123-45-6789 in the docs")]
    public void Scan_BareOrSampleNumberWithoutContext_NotFound(string text) =>
        Assert.Empty(ScannerTestKit.Found(text, EntityNames.UsSsn));

    public static TheoryData<string> AdversarialInputs => RecognizerProbe.Adversarial("536-22-5246 ", "536-22-", "536225246 ");

    [Theory]
    [MemberData(nameof(AdversarialInputs))]
    public void Analyze_Adversarial100KB_Completes(string text) => ScannerTestKit.Raw(recognizer, text);
}
