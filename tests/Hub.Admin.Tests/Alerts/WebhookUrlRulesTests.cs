using Hub.Admin.Alerts;

namespace Hub.Admin.Tests.Alerts;

public sealed class WebhookUrlRulesTests
{
    [Theory]
    [InlineData("https://hooks.example.com/budget", false, true)]
    [InlineData("https://127.0.0.1:8443/budget", false, true)]
    [InlineData("http://127.0.0.1:8080/budget", false, false)]
    [InlineData("http://127.0.0.1:8080/budget", true, true)]
    [InlineData("http://localhost:8080/budget", true, true)]
    [InlineData("http://[::1]:8080/budget", true, true)]
    [InlineData("http://hooks.example.com/budget", true, false)]
    [InlineData("http://192.168.1.10/budget", true, false)]
    [InlineData("ws://127.0.0.1/budget", true, false)]
    [InlineData("https://user@hooks.example.com/budget", false, false)]
    [InlineData("https://hooks.example.com/budget#x", false, false)]
    [InlineData("hooks.example.com/budget", false, false)]
    [InlineData(" ", false, false)]
    public void Check_Url_AllowedOnlyAsHttpsOrLoopbackHttpWhenEnabled(string url, bool allowLoopbackHttp, bool allowed)
    {
        var (uri, problem) = WebhookUrlRules.Check(url, allowLoopbackHttp);

        Assert.Equal(allowed, uri is not null);
        Assert.Equal(allowed, problem is null);
    }

    [Fact]
    public void Check_TooLong_Refused() =>
        Assert.NotNull(WebhookUrlRules.Check("https://hooks.example.com/" + new string('a', WebhookUrlRules.MaxLength), false).Problem);
}
