using Hub.Core.Entities;
using Hub.Scanner.Recognizers.Internet;
using Hub.Scanner.Tests.Recognizers.Secrets;

namespace Hub.Scanner.Tests.Recognizers.Internet;

public sealed class MacAddressRecognizerTests
{
    private readonly MacAddressRecognizer recognizer = new();

    [Theory]
    [InlineData("MAC 00:1A:2B:3C:4D:5E.", "00:1A:2B:3C:4D:5E", 0.7)]
    [InlineData("eth0 a4-5e-60-e2-3f-1b up", "a4-5e-60-e2-3f-1b", 0.7)]
    [InlineData("switch 001a.2b3c.4d5e port", "001a.2b3c.4d5e", 0.6)]
    [InlineData("id 12-34-56-78-90-12", "12-34-56-78-90-12", 0.5)]
    [InlineData("port 0050.5689.1234 up", "0050.5689.1234", 0.2)]
    public void Analyze_Address_ReportsExactSpan(string text, string expected, double score)
    {
        var result = RecognizerAssert.Finds(recognizer, text, EntityNames.MacAddress, expected);

        Assert.Equal(score, result.Score);
    }

    [Theory]
    [InlineData("00:1A:2B-3C:4D:5E")]
    [InlineData("00:1A:2B:3C:4D")]
    [InlineData("00:1A:2B:3C:4D:5E:6F")]
    [InlineData("00:00:00:00:00:00")]
    [InlineData("FF:FF:FF:FF:FF:FF")]
    [InlineData("ffff.ffff.ffff")]
    [InlineData("00:1G:2B:3C:4D:5E")]
    [InlineData("550e8400-e29b-41d4-a716-446655440000")]
    [InlineData("at 10:30:00")]
    [InlineData("Build 2024.0315.1432 finished")]
    public void Analyze_NotAnAddress_ReportsNothing(string text)
    {
        RecognizerAssert.FindsNothing(recognizer, text, EntityNames.MacAddress);
    }

    [Theory]
    [InlineData("a:")]
    [InlineData("ab-")]
    [InlineData("abcd.")]
    [InlineData("-")]
    public void Analyze_100KbAdversarial_Completes(string unit)
    {
        var results = RecognizerAssert.ScanAdversarial(recognizer, unit);

        Assert.Empty(results);
    }
}
