using Hub.Core.Entities;
using Hub.Scanner.Recognizers.Internet;
using Hub.Scanner.Tests.Recognizers.Secrets;

namespace Hub.Scanner.Tests.Recognizers.Internet;

public sealed class EmailAddressRecognizerTests
{
    private readonly EmailAddressRecognizer recognizer = new();

    [Theory]
    [InlineData("Contact john.smith@example.com today.", "john.smith@example.com")]
    [InlineData("mail jane+newsletter@mail.example.co.uk, thanks", "jane+newsletter@mail.example.co.uk")]
    [InlineData("{\"email\":\"o'brien_99@sub.domain.io\"}", "o'brien_99@sub.domain.io")]
    [InlineData("<a href=\"mailto:info@presidio.org\">", "info@presidio.org")]
    [InlineData("JOHN.DOE@EXAMPLE.COM", "JOHN.DOE@EXAMPLE.COM")]
    [InlineData("(first-last@my-company.de)", "first-last@my-company.de")]
    [InlineData("josé.garcía@correo.es", "josé.garcía@correo.es")]
    [InlineData("user@xn--bcher-kva.example", "user@xn--bcher-kva.example")]
    public void Analyze_ValidAddress_ReportsExactSpan(string text, string expected)
    {
        var result = RecognizerAssert.Finds(recognizer, text, EntityNames.EmailAddress, expected);

        Assert.True(result.Score >= 0.4);
    }

    [Theory]
    [InlineData("Write to info@presidio.")]
    [InlineData("user@localhost")]
    [InlineData("@decorator.property")]
    [InlineData("npm i lodash@4.17.21")]
    [InlineData("john..doe@example.com")]
    [InlineData("john.@example.com")]
    [InlineData("user@-example.com")]
    [InlineData("a@b.c")]
    [InlineData("https://user:password@example.com/path")]
    [InlineData("git clone git@github.com:dotnet/runtime.git")]
    public void Analyze_Invalid_ReportsNothing(string text)
    {
        RecognizerAssert.FindsNothing(recognizer, text, EntityNames.EmailAddress);
    }

    [Fact]
    public void Analyze_UnknownTld_IsWeak()
    {
        var result = RecognizerAssert.Finds(recognizer, "ops@build.corp", EntityNames.EmailAddress, "ops@build.corp");

        Assert.True(result.Score < 0.5);
    }

    [Theory]
    [InlineData("@.")]
    [InlineData("@")]
    [InlineData("a@")]
    [InlineData("a.")]
    public void Analyze_100KbAdversarial_Completes(string unit)
    {
        var results = RecognizerAssert.ScanAdversarial(recognizer, unit);

        Assert.Empty(results);
    }

    [Fact]
    public void Scan_MailtoLink_FindsEmailNotUrl()
    {
        var text = "Reach us at mailto:support@example.com.";

        Assert.Equal(["support@example.com"], ScannerTestKit.Found(text, EntityNames.EmailAddress));
        Assert.Empty(ScannerTestKit.Found(text, EntityNames.Url));
    }

    [Fact]
    public void Scan_EmailDomain_IsNotAlsoUrl()
    {
        var findings = ScannerTestKit.Findings("Send it to alice@example.org please");

        Assert.Equal(EntityNames.EmailAddress, Assert.Single(findings).Entity);
    }
}
