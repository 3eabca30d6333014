using Hub.Core.Entities;
using Hub.Scanner.Recognizers.Internet;
using Hub.Scanner.Tests.Recognizers.Secrets;

namespace Hub.Scanner.Tests.Recognizers.Internet;

public sealed class UrlRecognizerTests
{
    private readonly UrlRecognizer recognizer = new();

    [Theory]
    [InlineData("See https://www.example.com/path?q=1&x=2#frag.", "https://www.example.com/path?q=1&x=2#frag")]
    [InlineData("(see http://example.org/a_(b))", "http://example.org/a_(b)")]
    [InlineData("[docs](https://learn.microsoft.com/en-us/dotnet/)", "https://learn.microsoft.com/en-us/dotnet/")]
    [InlineData("ftp://files.example.net/pub/file.tar.gz, then", "ftp://files.example.net/pub/file.tar.gz")]
    [InlineData("\"url\": \"https://api.openai.com/v1/chat/completions\"", "https://api.openai.com/v1/chat/completions")]
    [InlineData("http://localhost:8080/health!", "http://localhost:8080/health")]
    [InlineData("HTTPS://EXAMPLE.COM", "HTTPS://EXAMPLE.COM")]
    [InlineData("wss://stream.example.io/socket", "wss://stream.example.io/socket")]
    [InlineData("http://[2001:db8::1]:8080/x", "http://[2001:db8::1]:8080/x")]
    [InlineData("Visit www.example.com today", "www.example.com")]
    [InlineData("go to example.co.uk/path/page.html?x=1;", "example.co.uk/path/page.html?x=1")]
    [InlineData("docs at github.com/dotnet/runtime.", "github.com/dotnet/runtime")]
    [InlineData("I love google.com!", "google.com")]
    [InlineData("shop at allegro.pl/oferta", "allegro.pl/oferta")]
    [InlineData("www.python.py is odd", "www.python.py")]
    [InlineData("https://user:pw@example.com/x", "https://user:pw@example.com/x")]
    public void Analyze_Url_ReportsExactSpan(string text, string expected)
    {
        var result = RecognizerAssert.Finds(recognizer, text, EntityNames.Url, expected);

        Assert.InRange(result.Score, 0.5, 0.7);
    }

    [Theory]
    [InlineData("Edit config.json and Program.cs")]
    [InlineData("Run setup.py then open README.md")]
    [InlineData("main.rs, script.sh, archive.zip and lib.so")]
    [InlineData("Console.WriteLine(obj.ToString());")]
    [InlineData("this.store.dispatch(); req.host; user.name")]
    [InlineData("The end.Then we left. e.g. i.e. U.S.A.")]
    [InlineData("version 1.2.3 at 10.0.0.1")]
    [InlineData("mailto:someone@example.com")]
    [InlineData("custom://example.com/x")]
    [InlineData("df.info() and logger.info(msg)")]
    [InlineData("/etc/nginx/sites.com")]
    [InlineData("load model.pt and weights.la")]
    [InlineData("docker pull ghcr.io/acme/api@sha256:9b2a6c8f0e1d")]
    [InlineData("FROM registry.example.com/base/dotnet:10.0")]
    public void Analyze_NotUrl_ReportsNothing(string text)
    {
        RecognizerAssert.FindsNothing(recognizer, text, EntityNames.Url);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("a.")]
    [InlineData("http://")]
    [InlineData("://a")]
    [InlineData("www.")]
    [InlineData("-")]
    public void Analyze_100KbAdversarial_Completes(string unit)
    {
        var results = RecognizerAssert.ScanAdversarial(recognizer, unit);

        Assert.True(results.Count < 1000, $"{results.Count} findings");
    }

    [Fact]
    public void Analyze_LongUnbalancedBrackets_Completes()
    {
        var text = string.Concat(Enumerable.Repeat("http://a.com/" + new string(')', 3000) + " ", 30));

        Assert.Equal(30, ScannerTestKit.Raw(recognizer, text).Count);
    }

    [Fact]
    public void Scan_UrlWithContext_PassesThreshold()
    {
        Assert.Equal(["example.com"], ScannerTestKit.Found("Our website is example.com", EntityNames.Url));
    }
}
