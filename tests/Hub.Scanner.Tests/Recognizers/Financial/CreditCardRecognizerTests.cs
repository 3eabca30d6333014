using Hub.Core.Entities;
using Hub.Scanner.Recognizers.Financial;

namespace Hub.Scanner.Tests.Recognizers.Financial;

public sealed class CreditCardRecognizerTests
{
    private readonly CreditCardRecognizer recognizer = new();

    [Theory]
    [InlineData("card 4111111111111111 exp 12/27", "4111111111111111")]          // Visa 16
    [InlineData("Visa: 4222222222222.", "4222222222222")]                         // Visa 13
    [InlineData("pay with 4111 1111 1111 1111 please", "4111 1111 1111 1111")]
    [InlineData("pay with 4111-1111-1111-1111 please", "4111-1111-1111-1111")]
    [InlineData("mc 5555555555554444", "5555555555554444")]                       // Mastercard 51–55
    [InlineData("mc 2223 0031 2200 3222", "2223 0031 2200 3222")]                 // Mastercard 2-series
    [InlineData("amex 3782 822463 10005", "3782 822463 10005")]                   // Amex 4-6-5
    [InlineData("amex 371449635398431", "371449635398431")]
    [InlineData("discover 6011 1111 1111 1117", "6011 1111 1111 1117")]
    [InlineData("jcb 3530111333300000", "3530111333300000")]
    [InlineData("diners 3056 930902 5904", "3056 930902 5904")]                   // Diners 14, 4-6-4
    [InlineData("unionpay 6212 3456 7890 1234 569", "6212 3456 7890 1234 569")]   // 19 digits
    [InlineData("maestro 6759649826438453", "6759649826438453")]
    [InlineData("solo 6759-3384-7392-4274-77", "6759-3384-7392-4274-77")]      // 18 digits, short last group
    [InlineData("discover 6011-6272-0207-5681-9546", "6011-6272-0207-5681-9546")] // 20 digits, as Bogus emits them
    [InlineData("laser 63043473748179411067", "63043473748179411067")]
    [InlineData("jcb 213112345678904", "213112345678904")]                        // JCB 15, old ranges
    [InlineData("jcb 180012345678905", "180012345678905")]
    [InlineData("maestro 0604123456789015", "0604123456789015")]
    [InlineData("(4111111111111111)", "4111111111111111")]
    [InlineData("\"cc\":\"5105105105105100\"", "5105105105105100")]
    [InlineData("card 4111 111111111111 exp", "4111 111111111111")]             // OCR of a proportional font: later spaces lost
    [InlineData("card 4111 1111 11111111 exp", "4111 1111 11111111")]
    [InlineData("amex 3782 82246310005", "3782 82246310005")]
    public void Analyze_ValidCard_FindsExactSpan(string text, string expected) =>
        Assert.Equal(CreditCardRecognizer.ValidScore, RecognizerProbe.Single(recognizer, text, expected).Score);

    [Theory]
    [InlineData("4111 1111 1111 1111 123", "4111 1111 1111 1111")] // trailing CVV left out
    [InlineData("ref 12 4111 1111 1111 1111", "4111 1111 1111 1111")]
    public void Analyze_CardAmongNumbers_FindsLongestValidWindow(string text, string expected) =>
        RecognizerProbe.Single(recognizer, text, expected);

    [Theory]
    [InlineData("4111111111111112")]        // Luhn
    [InlineData("4111 1111 1111 1112")]
    [InlineData("0000000000000000")]        // one repeated digit passes Luhn
    [InlineData("4111 1111-1111 1111")]     // mixed separators
    [InlineData("4111.1111.1111.1111")]     // dots are not card grouping
    [InlineData("41111111111111113")]       // Luhn-valid, but Visa has no 17-digit cards
    [InlineData("7111111111111114")]        // no issuer starts with 7
    [InlineData("3411 1111 1111 1110")]     // Luhn-valid Amex prefix with 16 digits
    [InlineData("4111111111111111111111")]  // 22 digits
    [InlineData("41111111111111111115")]    // Luhn-valid 20 digits, but only 5x/6x issuers run that long
    [InlineData("4111 11 1111 1111 11")]    // a short group inside (Luhn-valid digits)
    [InlineData("4111 11111111 1111")]      // a run-together group ends a card
    [InlineData("4111 111111111112")]       // Luhn, OCR grouping
    [InlineData("1234 567890123456")]       // no issuer starts with 1 at 16 digits
    [InlineData("ID4111111111111111")]      // inside a word
    [InlineData("4111111111111111.50")]     // a decimal
    [InlineData("4111111111111111_x")]
    public void Analyze_NearMiss_FindsNothing(string text) => Assert.Empty(ScannerTestKit.Raw(recognizer, text));

    [Fact]
    public void Analyze_TwoCards_FindsBoth() =>
        Assert.Equal(["4111111111111111", "5500 0000 0000 0004"], RecognizerProbe.Spans(recognizer, "4111111111111111, 5500 0000 0000 0004"));

    [Fact]
    public void Scan_CardInPrompt_FoundAtDefaultThreshold() =>
        Assert.Equal(["4111 1111 1111 1111"], ScannerTestKit.Found("Charge 4111 1111 1111 1111 for the order", EntityNames.CreditCard));

    public static TheoryData<string> AdversarialInputs => RecognizerProbe.Adversarial("4111 1111 1111 1111 ", "4111-");

    [Theory]
    [MemberData(nameof(AdversarialInputs))]
    public void Analyze_Adversarial100KB_Completes(string text) => ScannerTestKit.Raw(recognizer, text);
}
