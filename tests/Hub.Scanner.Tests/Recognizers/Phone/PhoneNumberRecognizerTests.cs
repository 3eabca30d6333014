using Hub.Core.Entities;
using Hub.Scanner.Recognizers.Phone;
using Hub.Scanner.Tests.Recognizers.Financial;

namespace Hub.Scanner.Tests.Recognizers.Phone;

public sealed class PhoneNumberRecognizerTests
{
    private static readonly PhoneNumberRecognizer Recognizer = new();

    [Theory]
    [InlineData("call +44 20 7946 0958 today", "+44 20 7946 0958")]
    [InlineData("tel +1 650-253-0000", "+1 650-253-0000")]
    [InlineData("+1 (650) 253-0000.", "+1 (650) 253-0000")]
    [InlineData("+49 30 901820", "+49 30 901820")]
    [InlineData("+33 1 42 68 53 00", "+33 1 42 68 53 00")]
    [InlineData("+91 98765 43210", "+91 98765 43210")]
    [InlineData("+61 2 9374 4000", "+61 2 9374 4000")]
    [InlineData("+44 (0)20 7946 0958", "+44 (0)20 7946 0958")]
    [InlineData("+49 180 5 123456", "+49 180 5 123456")]        // a one-digit group, as libphonenumber formats it
    [InlineData("+14155552671", "+14155552671")]
    public void Analyze_ValidInternational_FindsExactSpan(string text, string expected) =>
        Assert.Equal(PhoneCandidateScorer.InternationalScore, RecognizerProbe.Single(Recognizer, text, expected).Score);

    [Theory]
    [InlineData("call (650) 253-0000", "(650) 253-0000")]
    [InlineData("650.253.0000", "650.253.0000")]
    [InlineData("ring 020 7946 0958", "020 7946 0958")]        // GB
    [InlineData("089 910 2675", "089 910 2675")]                // 3-3-4 with a trunk 0 is no North American number
    [InlineData("06 12 34 56 78", "06 12 34 56 78")]            // FR mobile
    [InlineData("(02) 9374 4000", "(02) 9374 4000")]            // AU
    [InlineData("(11) 91234-5678", "(11) 91234-5678")]          // BR mobile
    [InlineData("02 1234 5678", "02 1234 5678")]                // IT landline keeps its 0
    [InlineData("0207 946 0958", "0207 946 0958")]              // London, old style
    [InlineData("55 1234 5678", "55 1234 5678")]                // MX
    [InlineData("044 668 18 00", "044 668 18 00")]              // CH
    [InlineData("03-1234-5678", "03-1234-5678")]                // JP
    [InlineData("98765 43210", "98765 43210")]                  // IN mobile without its trunk 0
    [InlineData("1-650-253-0000", "1-650-253-0000")]
    [InlineData("001-650-253-0000", "001-650-253-0000")]        // dialled from abroad
    public void Analyze_ValidNational_FindsExactSpan(string text, string expected) =>
        Assert.Equal(PhoneCandidateScorer.NationalScore, RecognizerProbe.Single(Recognizer, text, expected).Score);

    [Theory]
    [InlineData("(555) 123-4567", "(555) 123-4567")]
    [InlineData("555-123-4567", "555-123-4567")]
    [InlineData("555.123.4567", "555.123.4567")]
    [InlineData("+1 555-123-4567", "+1 555-123-4567")]
    [InlineData("(282)304-8548", "(282)304-8548")]
    public void Analyze_NorthAmericanPlaceholder_ScoresAsLayout(string text, string expected) =>
        Assert.Equal(PhoneCandidateScorer.LayoutScore, RecognizerProbe.Single(Recognizer, text, expected).Score);

    [Theory]
    [InlineData("030 901820")]        // DE
    [InlineData("912 34 56 78")]      // ES as libphonenumber formats it
    [InlineData("977 544 926")]       // ES as people often write it
    public void Analyze_ShortNational_ScoresJustOverThreshold(string number) =>
        Assert.Equal(PhoneCandidateScorer.ShortNationalScore, RecognizerProbe.Single(Recognizer, number, number).Score);

    [Theory]
    [InlineData("555 123 4567")]      // the NHS layout too
    [InlineData("650 253 0000")]      // in service, but spaced the same way
    [InlineData("312 345 6789")]      // an Italian mobile, spaced the same way
    public void Analyze_SpacedNorthAmericanLayout_IsWeak(string number) =>
        Assert.Equal(PhoneCandidateScorer.SpacedLayoutScore, RecognizerProbe.Single(Recognizer, number, number).Score);

    [Theory]
    [InlineData("(1017) 667004")]     // area code in parentheses, not in service
    [InlineData("(39) 82958-4230")]
    [InlineData("+49-015-9480565")]   // '+', country code, possible length
    [InlineData("+61 0 3462 1604")]
    public void Analyze_WrittenAsPhoneButNotValid_ScoresPhoneLike(string number) =>
        Assert.Equal(PhoneCandidateScorer.PhoneLikeScore, RecognizerProbe.Single(Recognizer, number, number).Score);

    [Theory]
    [InlineData("0207 9460 958")]     // valid London number in a grouping nobody dials: an order number as often
    [InlineData("0207 94609 58")]
    public void Analyze_ValidButGroupedUnlikeItsCountry_IsWeak(string number) =>
        Assert.Equal(PhoneCandidateScorer.RegroupedScore, RecognizerProbe.Single(Recognizer, number, number).Score);

    [Theory]
    [InlineData("0746362867")]        // FR mobile
    [InlineData("02079460958")]       // GB London
    public void Analyze_TrunkZeroRunTogether_ScoresAtThreshold(string number) =>
        Assert.Equal(PhoneCandidateScorer.TrunkContiguousScore, RecognizerProbe.Single(Recognizer, number, number).Score);

    [Theory]
    [InlineData("6502530000")]        // NANP
    [InlineData("16502530000")]
    [InlineData("9876543210")]        // Indian mobile
    [InlineData("11912345678")]       // Brazilian mobile
    public void Analyze_NationalLayoutRunTogether_IsWeak(string number) =>
        Assert.Equal(PhoneCandidateScorer.ContiguousScore, RecognizerProbe.Single(Recognizer, number, number).Score);

    [Fact]
    public void Analyze_NineDigitsRunTogether_IsWeakest() =>
        Assert.Equal(PhoneCandidateScorer.ShortContiguousScore, RecognizerProbe.Single(Recognizer, "916874142", "916874142").Score);

    [Theory]
    [InlineData("1234567890")]        // NANP area code cannot start with 1
    [InlineData("0012345678")]        // two leading zeros: a padded ID
    [InlineData("123456789")]
    public void Analyze_RunTogetherWithoutNationalLayout_FindsNothing(string number) => Assert.Empty(ScannerTestKit.Raw(Recognizer, number));

    [Theory]
    [InlineData("(282) 304-8548 x4558 please", "(282) 304-8548 x4558")]
    [InlineData("650-253-0000 ext. 12", "650-253-0000 ext. 12")]
    [InlineData("650-253-0000x12", "650-253-0000x12")]
    [InlineData("650-253-0000 extension 7.", "650-253-0000 extension 7")]
    public void Analyze_Extension_IsPartOfTheSpan(string text, string expected) => RecognizerProbe.Single(Recognizer, text, expected);

    [Theory]
    [InlineData("555-123-4567 (650) 253-0000", "555-123-4567|(650) 253-0000")]
    [InlineData("555-123-4567 650-253-0000", "555-123-4567|650-253-0000")]
    [InlineData("Tel: 020 7946 0958 / 0746362867 / 06 12 34 56 78", "020 7946 0958|0746362867|06 12 34 56 78")]
    public void Analyze_SeveralNumbersInOneRun_SplitsBetweenNumbers(string text, string expected) =>
        Assert.Equal(expected.Split('|'), RecognizerProbe.Spans(Recognizer, text));

    [Theory]
    [InlineData("536-22-5246")]              // SSN layout
    [InlineData("2024-01-15")]               // dates
    [InlineData("15/01/2024")]
    [InlineData("2024-01-15 10:30")]
    [InlineData("192.168.100.200")]          // IPv4
    [InlineData("4111 1111 1111 1111")]      // a card
    [InlineData("Order #12345678")]          // eight digits run together
    [InlineData("3.14159265")]               // a decimal
    [InlineData("1 2 3 4 5 6 7 8")]
    [InlineData("650 253 000 0")]            // a one-digit group last
    [InlineData("v650-253-0000")]            // inside a word
    [InlineData("650-253-0000xy")]
    [InlineData("12345")]
    [InlineData("(650 253-0000")]            // unbalanced parenthesis
    [InlineData("555-1234")]                 // seven digits, no area code
    public void Analyze_OtherNumberShapes_FindsNothing(string text) => Assert.Empty(ScannerTestKit.Raw(Recognizer, text));

    [Theory]
    [InlineData("Call me at (555) 123-4567 tomorrow", "(555) 123-4567")]
    [InlineData("Our London office: +44 20 7946 0958.", "+44 20 7946 0958")]
    [InlineData("mobile 6502530000", "6502530000")]
    [InlineData("cellulare 312 345 6789", "312 345 6789")]
    [InlineData("mi teléfono es 912 34 56 78", "912 34 56 78")]
    public void Scan_PhoneInPrompt_Found(string text, string expected) =>
        Assert.Equal([expected], ScannerTestKit.Found(text, EntityNames.PhoneNumber));

    [Theory]
    [InlineData("My SSN is 536-22-5246")]
    [InlineData("Card 4111 1111 1111 1111 expires 12/27")]
    [InlineData("Server 10.20.30.40 rebooted on 2024-01-15")]
    [InlineData("Ticket 6502530000 was closed")]
    public void Scan_OtherNumbers_NoPhone(string text) => Assert.Empty(ScannerTestKit.Found(text, EntityNames.PhoneNumber));

    public static TheoryData<string> AdversarialInputs =>
        RecognizerProbe.Adversarial("555-123-4567 ", "555-123-4567, ", "+44 20 7946 0958; ", "12 34 56 78 90 ", "(0");

    [Theory]
    [MemberData(nameof(AdversarialInputs))]
    public void Analyze_Adversarial100KB_Completes(string text) => ScannerTestKit.Raw(Recognizer, text);
}
