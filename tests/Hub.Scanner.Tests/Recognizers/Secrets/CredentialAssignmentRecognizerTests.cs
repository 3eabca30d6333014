using Hub.Core.Entities;
using Hub.Scanner.Recognizers.Secrets;

namespace Hub.Scanner.Tests.Recognizers.Secrets;

public sealed class CredentialAssignmentRecognizerTests
{
    private const string AwsSecret = "Xk3dP9/qW2xL7mN4bV8cR1tY6uI0oE5s" + "D2fGh+Z1";

    private readonly CredentialAssignmentRecognizer recognizer = new();

    [Theory]
    [InlineData("api_key=9f8e7d6c5b4a39281706f5e4", "9f8e7d6c5b4a39281706f5e4")]
    [InlineData("apikey: \"Zx81mQpL02nVbR7s\"", "Zx81mQpL02nVbR7s")]
    [InlineData("{\"client_secret\": \"aB3dE5gH7jK9mN1pQ3sT\"}", "aB3dE5gH7jK9mN1pQ3sT")]
    [InlineData("export MY_SERVICE_TOKEN='tok_8H2kLm9QxZ4v'", "tok_8H2kLm9QxZ4v")]
    [InlineData("Authorization: Bearer 8d7f6a5e4c3b2a1908f7e6d5c4b3a291", "8d7f6a5e4c3b2a1908f7e6d5c4b3a291")]
    [InlineData("curl -H \"Authorization: Basic dXNlcjpwYXNzd29yZDEyMw==\" x", "dXNlcjpwYXNzd29yZDEyMw==")]
    [InlineData("-H 'Bearer abcDEF123456ghiJKL789'", "abcDEF123456ghiJKL789")]
    [InlineData("password=Tr0ub4dor&3", "Tr0ub4dor")]
    [InlineData("db_password: \"Tr0ub4dor&3\"", "Tr0ub4dor&3")]
    [InlineData("DB_PASS=s3cr3tP4ss!", "s3cr3tP4ss!")]
    [InlineData("my password is hunter2!", "hunter2!")]
    [InlineData("The password for the wifi is \"CoffeeShop2024!\" ok", "CoffeeShop2024!")]
    [InlineData("API key for staging: 4f3c2b1a0e9d8c7b6a5f", "4f3c2b1a0e9d8c7b6a5f")]
    [InlineData("mycli --api-key 4f3c2b1a0e9d8c7b6a5f", "4f3c2b1a0e9d8c7b6a5f")]
    [InlineData("var apiKey = \"Q29uZmlnVmFsdWUxMjM0NTY3\";", "Q29uZmlnVmFsdWUxMjM0NTY3")]
    [InlineData("$config['secret_key'] => 'fk29Dk3mZp0Q8wLx'", "fk29Dk3mZp0Q8wLx")]
    [InlineData("{\\\"api_key\\\": \\\"Zx81mQpL02nVbR7s\\\"}", "Zx81mQpL02nVbR7s")]
    [InlineData("accessToken := \"ya29A0AfH6SMBx3kP9q\"", "ya29A0AfH6SMBx3kP9q")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=Zx81mQpL02nVbR7sTq4W+abc/9==;EndpointSuffix=core.windows.net", "Zx81mQpL02nVbR7sTq4W+abc/9==")]
    [InlineData("Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=Q29uZmlnVmFsdWUxMjM0NTY3=", "Q29uZmlnVmFsdWUxMjM0NTY3=")]
    public void Analyze_Assignment_ReportsValue(string text, string expected)
    {
        var result = RecognizerAssert.Finds(recognizer, text, EntityNames.ApiKey, expected);

        Assert.InRange(result.Score, 0.7, 0.8);
    }

    [Theory]
    [InlineData("api_key=example")]
    [InlineData("api_key=placeholder")]
    [InlineData("token=true")]
    [InlineData("password: null")]
    [InlineData("api_key=YOUR_API_KEY_HERE")]
    [InlineData("api_key = \"<your-api-key>\"")]
    [InlineData("api_key = os.environ[\"OPENAI_API_KEY\"]")]
    [InlineData("api_key = os.getenv(\"KEY\")")]
    [InlineData("token: ${GITHUB_TOKEN}")]
    [InlineData("apiKey: process.env.OPENAI_API_KEY")]
    [InlineData("secret=********")]
    [InlineData("password=xxxxxxxxxxxx")]
    [InlineData("max_tokens: 4096, \"prompt_tokens\": 1234567890123")]
    [InlineData("token_url=https://auth.example.com/oauth/token")]
    [InlineData("The tokenizer=BpeTokenizer2024")]
    [InlineData("monkey=Banana12345678")]
    [InlineData("passport=AB1234567890")]
    [InlineData("the token is valid for 24 hours")]
    [InlineData("the token for this request is invalid")]
    [InlineData("Your password must be at least 8 characters: Abc12345 is an example")]
    [InlineData("secret_name=prod-db-credentials-v2")]
    [InlineData("password=changeme123")]
    [InlineData("private_key_id: 1a2b3c4d5e6f7a8b9c0d")]
    public void Analyze_NotASecret_ReportsNothing(string text)
    {
        RecognizerAssert.FindsNothing(recognizer, text, EntityNames.ApiKey);
    }

    [Theory]
    [InlineData("aws_secret_access_key = " + AwsSecret)]
    [InlineData("AWS_SECRET_ACCESS_KEY=\"" + AwsSecret + "\"")]
    [InlineData("secret: " + AwsSecret)]
    public void Analyze_AwsSecretAssignment_ReportsAwsSecretKey(string text)
    {
        RecognizerAssert.Finds(recognizer, text, EntityNames.AwsSecretKey, AwsSecret);
        RecognizerAssert.FindsNothing(recognizer, text, EntityNames.ApiKey);
    }

    [Fact]
    public void Analyze_KnownTokenValue_LeavesItToTheTokenRecognizer()
    {
        RecognizerAssert.FindsNothing(recognizer, "OPENAI_API_KEY=sk-" + "proj-aZ3kP9qW2xL7mN4bV8cR1tY6uI0oE5sD2fGh", EntityNames.ApiKey);
    }

    [Theory]
    [InlineData("token=")]
    [InlineData("password: ")]
    [InlineData("api_key=\"")]
    [InlineData("secret")]
    [InlineData("a")]
    public void Analyze_100KbAdversarial_Completes(string unit)
    {
        var results = RecognizerAssert.ScanAdversarial(recognizer, unit);

        Assert.True(results.Count < 10, $"{results.Count} findings");
    }

    [Theory]
    [InlineData("config: api_key=9f8e7d6c5b4a39281706f5e4", "9f8e7d6c5b4a39281706f5e4")]
    [InlineData("Authorization: Bearer 8d7f6a5e4c3b2a1908f7e6d5c4b3a291", "8d7f6a5e4c3b2a1908f7e6d5c4b3a291")]
    public void Scan_Assignment_ReportedAboveThreshold(string text, string expected)
    {
        Assert.Equal([expected], ScannerTestKit.Found(text, EntityNames.ApiKey));
    }

    [Fact]
    public void Scan_AwsSecretAssignment_IsAwsSecretNotApiKey()
    {
        var text = "aws_secret_access_key = " + AwsSecret;

        Assert.Equal([AwsSecret], ScannerTestKit.Found(text, EntityNames.AwsSecretKey));
        Assert.Empty(ScannerTestKit.Found(text, EntityNames.ApiKey));
    }
}
