using Hub.Scanner.Engine;
using Hub.Scanner.Recognizers;

namespace Hub.Scanner.Tests.Engine;

public sealed class ContextEnhancerTests
{
    private static readonly string[] SsnWords = ["ssn", "social security"];

    [Theory]
    [InlineData("My SSN: 123456789 thanks", 0.4)]
    [InlineData("social security number is 123456789", 0.4)]
    [InlineData("123456789 (ssn)", 0.4)]
    [InlineData("ssns on file: 123456789", 0.4)]
    [InlineData("order 123456789 shipped", 0.05)]
    [InlineData("lassn 123456789", 0.05)]
    [InlineData("ssn was mentioned once, long before this sentence, and then 123456789", 0.05)]
    [InlineData("{\"id\": \"123456789\", \"ssn_verified\": true}", 0.05)]
    [InlineData("id 123456789\nssn pending", 0.05)]
    public void Enhance_ContextWordNearby_RaisesScore(string text, double expected)
    {
        var start = text.IndexOf("123456789", StringComparison.Ordinal);
        var candidate = new RecognizerResult("US_SSN", start, start + 9, 0.05);

        var enhanced = ContextEnhancer.Enhance(text, candidate, SsnWords);

        Assert.Equal(expected, enhanced.Score, precision: 6);
    }

    [Fact]
    public void Enhance_StrongCandidate_AddsBoostUpToOne()
    {
        const string text = "ssn 123-45-6789";
        var candidate = new RecognizerResult("US_SSN", 4, 15, 0.85);

        Assert.Equal(1.0, ContextEnhancer.Enhance(text, candidate, SsnWords).Score);
    }

    [Fact]
    public void Enhance_NoContextWords_LeavesScore()
    {
        var candidate = new RecognizerResult("X", 0, 3, 0.3);

        Assert.Equal(0.3, ContextEnhancer.Enhance("abc ssn", candidate, []).Score);
    }
}
