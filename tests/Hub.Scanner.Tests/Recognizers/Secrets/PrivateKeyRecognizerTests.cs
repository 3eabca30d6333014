using Hub.Core.Entities;
using Hub.Scanner.Recognizers.Secrets;

namespace Hub.Scanner.Tests.Recognizers.Secrets;

public sealed class PrivateKeyRecognizerTests
{
    private const string Body = "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\nVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\nLxoS2tFczGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW/VDL5AaWTg0nLVkjRo";

    private readonly PrivateKeyRecognizer recognizer = new();

    [Theory]
    [InlineData("RSA ")]
    [InlineData("EC ")]
    [InlineData("DSA ")]
    [InlineData("OPENSSH ")]
    [InlineData("ENCRYPTED ")]
    [InlineData("")]
    public void Analyze_CompleteBlock_ReportsWholeBlock(string kind)
    {
        var block = $"-----BEGIN {kind}PRIVATE KEY-----\n{Body}\n-----END {kind}PRIVATE KEY-----";

        var result = RecognizerAssert.Finds(recognizer, $"key:\n{block}\nthanks", EntityNames.PrivateKey, block);

        Assert.Equal(1.0, result.Score);
    }

    [Fact]
    public void Analyze_JsonEscapedBlock_ReportsWholeBlock()
    {
        var block = "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\nBKcwggSjAgEAAoIBAQC7\\n-----END PRIVATE KEY-----";

        RecognizerAssert.Finds(recognizer, "{\"private_key\": \"" + block + "\\n\"}", EntityNames.PrivateKey, block);
    }

    [Fact]
    public void Analyze_UnterminatedBlock_ReportsHeaderAndBodyAtLowerScore()
    {
        var text = "-----BEGIN RSA PRIVATE KEY-----\n" + Body + "\nCan you tell me what is wrong with it?";

        var result = RecognizerAssert.Finds(recognizer, text, EntityNames.PrivateKey, "-----BEGIN RSA PRIVATE KEY-----\n" + Body);

        Assert.Equal(0.75, result.Score);
    }

    [Fact]
    public void Analyze_HeaderAlone_ReportsHeader()
    {
        RecognizerAssert.Finds(recognizer, "it starts with -----BEGIN OPENSSH PRIVATE KEY----- and then", EntityNames.PrivateKey, "-----BEGIN OPENSSH PRIVATE KEY-----");
    }

    [Theory]
    [InlineData("-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A\n-----END PUBLIC KEY-----")]
    [InlineData("-----BEGIN CERTIFICATE-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A\n-----END CERTIFICATE-----")]
    [InlineData("BEGIN RSA PRIVATE KEY")]
    public void Analyze_NotAPrivateKey_ReportsNothing(string text)
    {
        RecognizerAssert.FindsNothing(recognizer, text, EntityNames.PrivateKey);
    }

    [Theory]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\n")]
    [InlineData("-----END RSA PRIVATE KEY-----\n")]
    [InlineData("-")]
    public void Analyze_100KbAdversarial_Completes(string unit)
    {
        var results = RecognizerAssert.ScanAdversarial(recognizer, unit);

        Assert.True(results.Count <= 100 * 1024 / unit.Length + 1);
    }

    [Fact]
    public void Scan_BlockInJsonAssignment_IsPrivateKeyNotApiKey()
    {
        var block = "-----BEGIN EC PRIVATE KEY-----\\nMHcCAQEEIIrYSSNQFaA2Hwf1duRSxKtLYX5CB04fSeQ6tF1aY\\n-----END EC PRIVATE KEY-----";

        var findings = ScannerTestKit.Findings("{\"private_key\": \"" + block + "\\n\"}");

        Assert.Equal(EntityNames.PrivateKey, Assert.Single(findings).Entity);
    }
}
