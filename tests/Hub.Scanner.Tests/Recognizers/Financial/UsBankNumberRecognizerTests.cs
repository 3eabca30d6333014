using Hub.Core.Entities;
using Hub.Scanner.Recognizers.Financial;

namespace Hub.Scanner.Tests.Recognizers.Financial;

public sealed class UsBankNumberRecognizerTests
{
    private readonly UsBankNumberRecognizer recognizer = new();

    [Theory]
    [InlineData("acct 12345678", "12345678")]
    [InlineData("account: 12345678901234567.", "12345678901234567")]
    [InlineData("(000123456789)", "000123456789")]
    public void Analyze_EightToSeventeenDigits_IsWeakCandidate(string text, string expected) =>
        Assert.Equal(UsBankNumberRecognizer.BareScore, RecognizerProbe.Single(recognizer, text, expected).Score);

    [Theory]
    [InlineData("1234567")]                  // seven digits
    [InlineData("123456789012345678")]       // eighteen
    [InlineData("11111111")]                 // one repeated digit
    [InlineData("12345678.90")]              // an amount
    [InlineData("2024-12345678")]
    [InlineData("ACCT12345678")]
    public void Analyze_NearMiss_FindsNothing(string text) => Assert.Empty(ScannerTestKit.Raw(recognizer, text));

    [Fact]
    public void Analyze_RoutingNumber_ScoresAsRoutingAndBoostsAccount()
    {
        var results = ScannerTestKit.Raw(recognizer, "routing 021000021 account 4099999992").OrderBy(r => r.Start).ToList();

        Assert.Equal([UsBankNumberRecognizer.RoutingScore, UsBankNumberRecognizer.NearRoutingScore], results.Select(r => r.Score));
    }

    [Fact]
    public void Scan_AccountWithContext_Found() =>
        Assert.Equal(["4099999992"], ScannerTestKit.Found("My checking account number is 4099999992.", EntityNames.UsBankNumber));

    [Fact]
    public void Scan_DigitsWithoutContext_NotFound() =>
        Assert.Empty(ScannerTestKit.Found("The build took 40999999 ticks.", EntityNames.UsBankNumber));

    public static TheoryData<string> AdversarialInputs => RecognizerProbe.Adversarial("021000021 ", "12345678 ");

    [Theory]
    [MemberData(nameof(AdversarialInputs))]
    public void Analyze_Adversarial100KB_Completes(string text) => ScannerTestKit.Raw(recognizer, text);
}
