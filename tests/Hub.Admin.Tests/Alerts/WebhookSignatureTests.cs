using System.Text;
using Hub.Admin.Alerts;

namespace Hub.Admin.Tests.Alerts;

public sealed class WebhookSignatureTests
{
    private const string Secret = "whsec_0123456789abcdefghijklmnopqrstuvwxyzABCD";

    [Fact]
    public void Sign_KnownVector_MatchesOpenSsl()
    {
        // printf '%s' '1700000000.{"id":"alert_x"}' | openssl dgst -sha256 -hmac "$Secret"
        var signature = WebhookSignature.Sign(Secret, 1_700_000_000, Encoding.UTF8.GetBytes("{\"id\":\"alert_x\"}"));

        Assert.Equal("sha256=6f1b0de1b715d56820f206539f6438458a8130110d5eba073a707b316f9b1dcb", signature);
    }

    [Theory]
    [InlineData(1_700_000_001, "{\"id\":\"alert_x\"}")]
    [InlineData(1_700_000_000, "{\"id\":\"alert_y\"}")]
    [InlineData(1_700_000_000, "{\"id\": \"alert_x\"}")]
    public void Sign_TimestampOrAnyBodyByteChanged_DifferentSignature(long timestamp, string body)
    {
        var original = WebhookSignature.Sign(Secret, 1_700_000_000, Encoding.UTF8.GetBytes("{\"id\":\"alert_x\"}"));

        Assert.NotEqual(original, WebhookSignature.Sign(Secret, timestamp, Encoding.UTF8.GetBytes(body)));
    }
}
