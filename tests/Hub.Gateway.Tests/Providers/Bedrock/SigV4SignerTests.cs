using System.Text;
using Hub.Core.Providers;
using Hub.Testing.Fakes;
using Microsoft.AspNetCore.Http;

namespace Hub.Gateway.Tests.Providers.Bedrock;

/// <summary>
/// The signer against AWS's published Signature Version 4 test suite: the cases of the (now retired)
/// AWS General Reference "Signature Version 4 test suite", as kept by awslabs/aws-c-auth in
/// <c>tests/aws-signing-test-suite/v4/{get-vanilla,post-vanilla,get-unreserved,get-vanilla-with-session-token}/</c>
/// (<c>header-signed-request.txt</c>, <c>context.json</c>): key AKIDEXAMPLE, region us-east-1, service
/// "service", 2015-08-30T12:36:00Z. The signing-key chain is AWS's documented derivation example
/// (IAM User Guide, "Create a signed AWS API request": secret wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY,
/// 20120215, us-east-1, iam). Then the Bedrock case of <c>protocols.md</c> 4.5: a model id with a colon.
/// </summary>
public sealed class SigV4SignerTests
{
    private static readonly AwsCredentials Suite = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null);
    private const string EmptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [Theory]
    [InlineData("GET", "/", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")] // get-vanilla
    [InlineData("POST", "/", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b")] // post-vanilla
    [InlineData("GET", "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f")] // get-unreserved
    public void Authorization_AwsTestSuiteVector_MatchesPublishedSignature(string method, string path, string signature)
    {
        (string, string)[] headers = [("host", "example.amazonaws.com"), ("x-amz-date", "20150830T123600Z")];

        var authorization = SigV4Signer.Authorization(method, SigV4Signer.CanonicalUri(path), "", headers, EmptyHash, Suite, "us-east-1", "service", "20150830T123600Z");

        Assert.Equal(
            $"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature={signature}", authorization);
    }

    [Fact]
    public void Authorization_AwsTestSuiteSessionToken_SignsTheTokenHeader()
    {
        const string Token = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267";
        (string, string)[] headers = [("host", "example.amazonaws.com"), ("x-amz-date", "20150830T123600Z"), ("x-amz-security-token", Token)];

        var authorization = SigV4Signer.Authorization("GET", "/", "", headers, EmptyHash, Suite with { SessionToken = Token }, "us-east-1", "service", "20150830T123600Z");

        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8",
            authorization);
    }

    [Fact]
    public void SigningKey_AwsDocumentedDerivation_MatchesPublishedKey() =>
        Assert.Equal("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d",
            Convert.ToHexStringLower(SigV4Signer.SigningKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1", "iam")));

    [Theory]
    [InlineData("/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse", "/model/anthropic.claude-3-5-sonnet-20240620-v1%253A0/converse")]
    [InlineData("/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A1%3Ainference-profile%2Fus.x-v1%3A0/converse-stream",
        "/model/arn%253Aaws%253Abedrock%253Aus-east-1%253A1%253Ainference-profile%252Fus.x-v1%253A0/converse-stream")]
    [InlineData("/model/amazon.nova-pro-v1/converse", "/model/amazon.nova-pro-v1/converse")]
    public void CanonicalUri_EncodedWirePath_IsEncodedAgain(string wirePath, string canonical) =>
        Assert.Equal(canonical, SigV4Signer.CanonicalUri(wirePath));

    [Fact]
    public void Sign_BedrockModelIdWithColon_CanonicalRequestIsByteExact()
    {
        var time = new FixedTime(new DateTimeOffset(2025, 6, 11, 7, 23, 36, TimeSpan.Zero));
        using var message = BedrockMessage("https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse");
        var body = "{}"u8.ToArray();

        new SigV4Signer(time).Sign(message, body, new AwsCredentials("AKIDEXAMPLE", "secret", null), "us-east-1", "bedrock");

        Assert.Equal("/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse", message.RequestUri!.AbsolutePath);
        Assert.Equal("20250611T072336Z", Assert.Single(message.Headers.GetValues("x-amz-date")));
        (string, string)[] headers = [("content-type", "application/json"), ("host", "bedrock-runtime.us-east-1.amazonaws.com"), ("x-amz-date", "20250611T072336Z")];
        var canonical = SigV4Signer.CanonicalRequest("POST", SigV4Signer.CanonicalUri(message.RequestUri.AbsolutePath), "", headers, "content-type;host;x-amz-date", SigV4Signer.HexSha256(body));
        Assert.Equal(
            "POST\n/model/anthropic.claude-3-5-sonnet-20240620-v1%253A0/converse\n\ncontent-type:application/json\nhost:bedrock-runtime.us-east-1.amazonaws.com\nx-amz-date:20250611T072336Z\n\n"
            + "content-type;host;x-amz-date\n44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
            canonical);
        var expected = SigV4Signer.Authorization("POST", "/model/anthropic.claude-3-5-sonnet-20240620-v1%253A0/converse", "", headers,
            "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", new AwsCredentials("AKIDEXAMPLE", "secret", null), "us-east-1", "bedrock", "20250611T072336Z");
        Assert.Equal(expected, Assert.Single(message.Headers.GetValues("Authorization")));
        Assert.Contains("Credential=AKIDEXAMPLE/20250611/us-east-1/bedrock/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=", expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_SessionToken_AddsAndSignsTheTokenHeaderOnce()
    {
        using var message = BedrockMessage("https://bedrock-runtime.eu-west-1.amazonaws.com/model/m/converse");

        new SigV4Signer(new FixedTime(DateTimeOffset.UnixEpoch)).Sign(message, [], new AwsCredentials("ASIA", "secret", "token-1"), "eu-west-1", "bedrock");

        Assert.Equal("token-1", Assert.Single(message.Headers.GetValues("x-amz-security-token")));
        Assert.Contains("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token,", Assert.Single(message.Headers.GetValues("Authorization")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(4, true)]
    [InlineData(-4, true)]
    [InlineData(6, false)]
    [InlineData(-6, false)]
    public void Sign_FakesIndependentVerifier_AcceptsWithinAwsClockSkewOnly(int minutesLater, bool accepted)
    {
        var signedAt = new DateTimeOffset(2025, 6, 11, 7, 23, 36, TimeSpan.Zero);
        const string Wire = "/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse";
        using var message = BedrockMessage("http://127.0.0.1:5555" + Wire);
        var body = """{"messages":[]}"""u8.ToArray();
        new SigV4Signer(new FixedTime(signedAt)).Sign(message, body,
            new AwsCredentials(FakeBedrockUpstream.AccessKeyId, FakeBedrockUpstream.SecretAccessKey, null), FakeBedrockUpstream.Region, "bedrock");
        var received = new DefaultHttpContext().Request;
        received.Method = "POST";
        received.Headers.ContentType = "application/json";
        received.Headers.Host = "127.0.0.1:5555";
        foreach (var header in message.Headers)
        {
            received.Headers[header.Key] = header.Value.ToArray();
        }

        var refusal = FakeBedrockSignature.Verify(received, Wire, body, new Dictionary<string, (string, string?)> { [FakeBedrockUpstream.AccessKeyId] = (FakeBedrockUpstream.SecretAccessKey, null) },
            FakeBedrockUpstream.Region, signedAt.AddMinutes(minutesLater));

        Assert.Equal(accepted, refusal is null);
        Assert.True(accepted || refusal!.Message.StartsWith("Signature expired: 20250611T072336Z", StringComparison.Ordinal));
    }

    [Fact]
    public void CanonicalUri_FakesIndependentEncoding_Agrees()
    {
        const string Wire = "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A1%3Ainference-profile%2Fus.x-v1%3A0/converse";

        Assert.Equal(FakeBedrockSignature.CanonicalPath(Wire), SigV4Signer.CanonicalUri(Wire));
    }

    private static HttpRequestMessage BedrockMessage(string url)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent([]) };
        message.Content.Headers.ContentType = new("application/json");
        return message;
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
