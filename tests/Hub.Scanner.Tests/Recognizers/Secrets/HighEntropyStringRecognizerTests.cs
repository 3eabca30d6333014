using Hub.Core.Entities;
using Hub.Scanner.Recognizers.Secrets;

namespace Hub.Scanner.Tests.Recognizers.Secrets;

public sealed class HighEntropyStringRecognizerTests
{
    private readonly HighEntropyStringRecognizer recognizer = new();

    [Theory]
    [InlineData("Use the key 22a69d4b53ad50105eba73eea24a0b86 until IT rotates it.", "22a69d4b53ad50105eba73eea24a0b86")]
    [InlineData("my token: Zx81mQpL02nVbR7sTq4W", "Zx81mQpL02nVbR7sTq4W")]
    [InlineData("Key = 9f8e7d6c5b4a3928170f", "9f8e7d6c5b4a3928170f")]
    [InlineData("secret (base64) dGhpcyBpcyBhIHNlY3JldCB2YWx1ZTEyMw==", "dGhpcyBpcyBhIHNlY3JldCB2YWx1ZTEyMw==")]
    public void Analyze_RandomString_ProposesWeakApiKey(string text, string expected)
    {
        var result = RecognizerAssert.Finds(recognizer, text, EntityNames.ApiKey, expected);

        Assert.Equal(0.3, result.Score);
    }

    [Theory]
    [InlineData("internationalization and localization")]
    [InlineData("see src/components/Button2024.tsx")]
    [InlineData("request req_8f7d6a5e4c3b2a1908f7")]
    [InlineData("XXXXXXXXXXXXXXXX1234")]
    [InlineData("1234567890123456789")]
    [InlineData("https://example.com/a1b2c3d4e5f6a7b8c9d0")]
    [InlineData("short a1b2c3d4")]
    [InlineData("\"private_key_id\": \"f2cf9af6b69d775733387dcb831cecb12a1aa1f2\"")]
    [InlineData("REQUEST_ID=8f7d6a5e4c3b2a1908f7e6d5")]
    [InlineData("requestId: 8f7d6a5e4c3b2a1908f7e6d5")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nn0G9W8uw8de9puyHB9d3xvE/pg3mKBxfeN4\n-----END PUBLIC KEY-----")]
    public void Analyze_NotRandom_ProposesNothing(string text)
    {
        RecognizerAssert.FindsNothing(recognizer, text, EntityNames.ApiKey);
    }

    [Theory]
    [InlineData("Use the key 22a69d4b53ad50105eba73eea24a0b86 until IT rotates it.", "22a69d4b53ad50105eba73eea24a0b86")]
    [InlineData("The API token is now Zx81mQpL02nVbR7sTq4W", "Zx81mQpL02nVbR7sTq4W")]
    public void Scan_RandomStringNearContext_ReportsApiKey(string text, string expected)
    {
        Assert.Equal([expected], ScannerTestKit.Found(text, EntityNames.ApiKey));
    }

    [Theory]
    [InlineData("Checksum (MD5) of the download: 51f75143a5f61debc267b0bc8d3b1939")]
    [InlineData("sha256: 29a95249f512c17b8ed411fa644d35db41d94e5efaf89fc43c5fa52f8b2b19b8")]
    [InlineData("commit 3f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39 fixed it")]
    public void Scan_HashWithoutContext_ReportsNothing(string text)
    {
        Assert.Empty(ScannerTestKit.Found(text, EntityNames.ApiKey));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("a1")]
    [InlineData("-")]
    [InlineData("/")]
    [InlineData("Ab3kP9qW2xL7mN4bV8cR1tY6uI0oE5sD2fGh ")]
    [InlineData("-----BEGIN X\n")]
    [InlineData("-----BEGIN X-----END ")]
    public void Analyze_100KbAdversarial_Completes(string unit)
    {
        var results = RecognizerAssert.ScanAdversarial(recognizer, unit);

        Assert.True(results.Count <= 100 * 1024 / unit.Length + 1);
    }
}
