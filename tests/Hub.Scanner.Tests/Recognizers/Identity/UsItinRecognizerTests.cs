using Hub.Core.Entities;
using Hub.Scanner.Recognizers.Identity;
using Hub.Scanner.Tests.Recognizers.Financial;

namespace Hub.Scanner.Tests.Recognizers.Identity;

public sealed class UsItinRecognizerTests
{
    private readonly UsItinRecognizer recognizer = new();

    [Theory]
    [InlineData("itin 912-70-1234", "912-70-1234", UsItinRecognizer.GroupedScore)]
    [InlineData("itin 912 94 1234", "912 94 1234", UsItinRecognizer.GroupedScore)]
    [InlineData("itin 999-50-0001", "999-50-0001", UsItinRecognizer.GroupedScore)]
    [InlineData("itin 912881234", "912881234", UsItinRecognizer.BareScore)]
    public void Analyze_IrsValidNumber_FindsExactSpanAndScore(string text, string expected, double score) =>
        Assert.Equal(score, RecognizerProbe.Single(recognizer, text, expected).Score);

    [Theory]
    [InlineData("912-49-1234")] // group under 50
    [InlineData("912-66-1234")]
    [InlineData("912-89-1234")]
    [InlineData("912-93-1234")]
    [InlineData("812-70-1234")] // not 9xx
    [InlineData("912-70 1234")] // mixed delimiters
    [InlineData("912-70-12345")]
    [InlineData("999-99-9999")]
    public void Analyze_NearMiss_FindsNothing(string text) => Assert.Empty(ScannerTestKit.Raw(recognizer, text));

    [Theory]
    [InlineData("My ITIN is 912-70-1234.", "912-70-1234")]
    [InlineData("taxpayer id 912701234", "912701234")]
    public void Scan_ItinInPrompt_Found(string text, string expected) =>
        Assert.Equal([expected], ScannerTestKit.Found(text, EntityNames.UsItin));

    [Fact]
    public void Scan_BareDigitsWithoutContext_NotFound() => Assert.Empty(ScannerTestKit.Found("Ticket 912701234 closed", EntityNames.UsItin));

    public static TheoryData<string> AdversarialInputs => RecognizerProbe.Adversarial("912-70-1234 ", "912-70-");

    [Theory]
    [MemberData(nameof(AdversarialInputs))]
    public void Analyze_Adversarial100KB_Completes(string text) => ScannerTestKit.Raw(recognizer, text);
}
