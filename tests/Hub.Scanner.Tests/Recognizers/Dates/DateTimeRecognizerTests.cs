using Hub.Core.Entities;
using Hub.Scanner.Recognizers.Dates;
using Hub.Scanner.Tests.Recognizers.Secrets;

namespace Hub.Scanner.Tests.Recognizers.Dates;

public sealed class DateTimeRecognizerTests
{
    private readonly DateTimeRecognizer recognizer = new();

    [Theory]
    [InlineData("Created 2024-03-15T10:30:00Z by", "2024-03-15T10:30:00Z")]
    [InlineData("at 2024-03-15T10:30:00.123+05:30.", "2024-03-15T10:30:00.123+05:30")]
    [InlineData("log 2024-03-15 10:30:00,123 INFO", "2024-03-15 10:30:00,123")]
    [InlineData("due 2024-03-15.", "2024-03-15")]
    [InlineData("on 2024/03/15", "2024/03/15")]
    [InlineData("DOB: 03/15/1985", "03/15/1985")]
    [InlineData("born 15/03/1985", "15/03/1985")]
    [InlineData("am 15.03.2024 um", "15.03.2024")]
    [InlineData("exp 12-31-2025", "12-31-2025")]
    [InlineData("on 3/4/24 we", "3/4/24")]
    [InlineData("on 29.02.2024", "29.02.2024")]
    [InlineData("on March 3, 2024 we", "March 3, 2024")]
    [InlineData("Mar. 3rd 2024", "Mar. 3rd 2024")]
    [InlineData("on 3 Mar 2024.", "3 Mar 2024")]
    [InlineData("the 3rd of March", "3rd of March")]
    [InlineData("Tuesday, 5 May", "Tuesday, 5 May")]
    [InlineData("Tue, 15 Mar 2024 10:30:00 +0000", "Tue, 15 Mar 2024 10:30:00 +0000")]
    [InlineData("access [15/Mar/2024:10:30:00 +0000]", "15/Mar/2024:10:30:00 +0000")]
    [InlineData("15-MAR-24 batch", "15-MAR-24")]
    [InlineData("in March 2024", "March 2024")]
    [InlineData("SEPTEMBER 11, 2001", "SEPTEMBER 11, 2001")]
    [InlineData("am 15. März 2024", "15. März 2024")]
    [InlineData("el 15 de marzo de 2024", "15 de marzo de 2024")]
    [InlineData("le 14 juillet 1789", "14 juillet 1789")]
    [InlineData("2024年3月15日", "2024年3月15日")]
    [InlineData("March 3, 2024 at 10:30 AM EST", "March 3, 2024 at 10:30 AM EST")]
    [InlineData("meet at 10:30.", "10:30")]
    [InlineData("at 10:30 PM", "10:30 PM")]
    [InlineData("at 22:15:07 UTC", "22:15:07 UTC")]
    [InlineData("call at 5pm", "5pm")]
    [InlineData("at 9 a.m. sharp", "9 a.m.")]
    [InlineData("Monday at 10:30", "Monday at 10:30")]
    [InlineData("open 9:00-17:00 daily", "17:00")]
    [InlineData("el 5 de mayo de 2024", "5 de mayo de 2024")]
    [InlineData("le 15 mars 2024", "15 mars 2024")]
    [InlineData("es el 5 de mayo.", "5 de mayo")]
    [InlineData("il 10 settembre 1962 a Bologna", "10 settembre 1962")]
    [InlineData("ficou para 26 de outubro de 2027 em Natal", "26 de outubro de 2027")]
    [InlineData("op 12 juni 2024 in Utrecht", "12 juni 2024")]
    [InlineData("on 3 Sept. 2024.", "3 Sept. 2024")]
    public void Analyze_DateOrTime_ReportsExactSpan(string text, string expected)
    {
        var result = RecognizerAssert.Finds(recognizer, text, EntityNames.DateTime, expected);

        Assert.True(result.Score >= 0.55, $"score {result.Score}");
    }

    [Theory]
    [InlineData("May is a good month")]
    [InlineData("In March we march on")]
    [InlineData("you may 2 times")]
    [InlineData("version 1.2.3 of the app")]
    [InlineData("released in 2024")]
    [InlineData("v10.12.15")]
    [InlineData("2024-02-30")]
    [InlineData("13/13/2024")]
    [InlineData("February 30, 2024")]
    [InlineData("10.0.0.1")]
    [InlineData("ratio 16:9 and score 3:2")]
    [InlineData("25:00 and 10:61")]
    [InlineData("id 2024-03-15-0042")]
    [InlineData("/2024/03/15/post")]
    [InlineData("phone 555-123-4567")]
    [InlineData("mac 00:1A:2B:3C:4D:5E")]
    [InlineData("order 123456789")]
    [InlineData("10 people and 3 items")]
    [InlineData("the sun sat on wed")]
    [InlineData("24/7 support, 50/50 split, 1/0")]
    [InlineData("https://example.com/report?from=2024-03-15&to=2024-03-31")]
    public void Analyze_NotADate_ReportsNothingAboveThreshold(string text)
    {
        RecognizerAssert.FindsNothing(recognizer, text, EntityNames.DateTime, minScore: 0.5);
    }

    [Theory]
    [InlineData("card expires 05/2027", "05/2027")]
    [InlineData("DOB 19850315", "19850315")]
    [InlineData("report 2024-03", "2024-03")]
    [InlineData("shipped 3/15 and", "3/15")]
    public void Analyze_WeakForm_ReportsBelowThreshold(string text, string expected)
    {
        var result = RecognizerAssert.Finds(recognizer, text, EntityNames.DateTime, expected);

        Assert.InRange(result.Score, 0.3, 0.35);
    }

    [Theory]
    [InlineData("DOB 19850315", "19850315")]
    [InlineData("Date of birth: 05/2027", "05/2027")]
    public void Scan_WeakFormWithContext_PassesThreshold(string text, string expected)
    {
        Assert.Equal([expected], ScannerTestKit.Found(text, EntityNames.DateTime));
    }

    [Theory]
    [InlineData("order 19850315 shipped")]
    [InlineData("retrying after timeout (3/5)")]
    [InlineData("Mix 3/4 cup of flour with 1/2 cup of sugar.")]
    public void Scan_WeakFormWithoutContext_IsDropped(string text)
    {
        Assert.Empty(ScannerTestKit.Found(text, EntityNames.DateTime));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("1/")]
    [InlineData("12:")]
    [InlineData("Monday ")]
    [InlineData("May ")]
    [InlineData("-")]
    [InlineData("a")]
    [InlineData("1 May ")]
    public void Analyze_100KbAdversarial_Completes(string unit)
    {
        var results = RecognizerAssert.ScanAdversarial(recognizer, unit);

        Assert.True(results.Count <= 100 * 1024 / unit.Length + 1);
    }

    [Fact]
    public void Scan_DateInUrlQuery_KeepsWholeUrl()
    {
        var text = "see https://example.com/report?from=2024-03-15 now";

        Assert.Equal(["https://example.com/report?from=2024-03-15"], ScannerTestKit.Found(text, EntityNames.Url));
        Assert.Empty(ScannerTestKit.Found(text, EntityNames.DateTime));
    }
}
