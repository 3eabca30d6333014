using Hub.Core.Entities;
using Hub.Scanner.Recognizers.Secrets;

namespace Hub.Scanner.Tests.Recognizers.Secrets;

public sealed class AwsSecretKeyRecognizerTests
{
    private const string AwsSecret = "Xk3dP9/qW2xL7mN4bV8cR1tY6uI0oE5s" + "D2fGh+Z1";

    private readonly AwsSecretKeyRecognizer recognizer = new();

    [Theory]
    [InlineData("My AWS secret is " + AwsSecret + " ok")]
    [InlineData("AKIA" + "Z7Q3XJ4K2M5N8P6R " + AwsSecret)]
    [InlineData("aws creds:\n  " + AwsSecret + "\n")]
    public void Analyze_FortyCharactersNearContext_ReportsAwsSecretKey(string text)
    {
        RecognizerAssert.Finds(recognizer, text, EntityNames.AwsSecretKey, AwsSecret);
    }

    [Theory]
    [InlineData("commit " + AwsSecret)]
    [InlineData("aws sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709")]
    [InlineData("aws " + AwsSecret + "A")]
    [InlineData("aws " + AwsSecret + "==")]
    [InlineData("aws abcdefghijklmnopqrstuvwxyzabcdefghijklmn")]
    public void Analyze_NoContextOrWrongShape_ReportsNothing(string text)
    {
        RecognizerAssert.FindsNothing(recognizer, text, EntityNames.AwsSecretKey);
    }

    [Fact]
    public void Analyze_DocumentedExampleSecret_IsStillReported() =>
        RecognizerAssert.Finds(recognizer, "The AWS docs use wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "EXAMPLEKEY as an example",
            EntityNames.AwsSecretKey, "wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "EXAMPLEKEY");

    [Theory]
    [InlineData("aws ")]
    [InlineData("A")]
    [InlineData("aws " + AwsSecret + " ")]
    public void Analyze_100KbAdversarial_Completes(string unit)
    {
        var results = RecognizerAssert.ScanAdversarial(recognizer, unit);

        Assert.True(results.Count <= 100 * 1024 / unit.Length + 1);
    }

    [Fact]
    public void Scan_SecretAfterKeyId_FindsBoth()
    {
        var text = "Use AKIA" + "Z7Q3XJ4K2M5N8P6R with " + AwsSecret;

        Assert.Equal(["AKIA" + "Z7Q3XJ4K2M5N8P6R"], ScannerTestKit.Found(text, EntityNames.AwsAccessKey));
        Assert.Equal([AwsSecret], ScannerTestKit.Found(text, EntityNames.AwsSecretKey));
    }
}
