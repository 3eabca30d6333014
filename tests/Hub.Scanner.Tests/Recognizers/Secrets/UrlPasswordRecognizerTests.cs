using Hub.Core.Entities;
using Hub.Scanner.Recognizers.Secrets;

namespace Hub.Scanner.Tests.Recognizers.Secrets;

public sealed class UrlPasswordRecognizerTests
{
    private readonly UrlPasswordRecognizer recognizer = new();

    [Theory]
    [InlineData("DATABASE_URL=postgres://admin:S3cretPass!@db.internal:5432/app", "S3cretPass!")]
    [InlineData("redis://:p4ssW0rd9@cache:6379", "p4ssW0rd9")]
    [InlineData("amqp://guest:Gu3st%232024@rabbit/vhost", "Gu3st%232024")]
    [InlineData("mongodb+srv://app:x7Yp2Qz9@cluster0.mongodb.net/db", "x7Yp2Qz9")]
    public void Analyze_UserInfoPassword_ReportsPassword(string text, string expected)
    {
        RecognizerAssert.Finds(recognizer, text, EntityNames.ApiKey, expected);
    }

    [Theory]
    [InlineData("https://user@example.com/path")]
    [InlineData("postgres://admin:${DB_PASSWORD}@db/app")]
    [InlineData("postgres://admin:password@db/app")]
    [InlineData("http://example.com:8080/a@b")]
    [InlineData("https://example.com/?q=a:b@c")]
    public void Analyze_NoRealPassword_ReportsNothing(string text)
    {
        RecognizerAssert.FindsNothing(recognizer, text, EntityNames.ApiKey);
    }

    [Theory]
    [InlineData("://")]
    [InlineData("://a:b@")]
    [InlineData("a")]
    public void Analyze_100KbAdversarial_Completes(string unit)
    {
        var results = RecognizerAssert.ScanAdversarial(recognizer, unit);

        Assert.Empty(results);
    }

    [Fact]
    public void Scan_ConnectionString_RedactsPassword()
    {
        Assert.Equal(["S3cretPass!"], ScannerTestKit.Found("DATABASE_URL=postgres://admin:S3cretPass!@db.internal:5432/app", EntityNames.ApiKey));
    }
}
