using System.Net;
using Hub.Admin.Alerts;
using Hub.Core.Billing.Alerts;
using Hub.Testing.Fakes;
using Microsoft.Extensions.Options;

namespace Hub.Admin.Tests.Alerts;

/// <summary>A webhook URL cannot make Hub.Admin reach into its own network (SSRF), whatever its name resolves to.</summary>
public sealed class WebhookAddressRulesTests
{
    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    public void PrivateLoopbackLinkLocalAndReserved_Refused(string address) =>
        Assert.False(WebhookAddressRules.MayConnect(IPAddress.Parse(address), allowLoopback: false));

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("172.32.0.1")]
    [InlineData("8.8.8.8")]
    [InlineData("2606:4700::1111")]
    public void PublicAddresses_Allowed(string address) =>
        Assert.True(WebhookAddressRules.MayConnect(IPAddress.Parse(address), allowLoopback: false));

    [Fact]
    public void Loopback_OnlyWhenAllowedForDevelopment()
    {
        Assert.True(WebhookAddressRules.MayConnect(IPAddress.Loopback, allowLoopback: true));
        Assert.False(WebhookAddressRules.MayConnect(IPAddress.Parse("10.0.0.1"), allowLoopback: true));
    }

    [Theory]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://10.0.0.7/hook")]
    [InlineData("https://localhost:9/hook")]
    public async Task Send_ToAnAddressNotAllowed_RefusedWithoutConnecting_Permanently(string url)
    {
        using var sender = new BudgetAlertWebhookSender(TimeProvider.System, Options.Create(new BudgetAlertOptions { AllowLoopbackHttp = false }));
        var alert = BudgetAlertSamples.For(Guid.NewGuid(), Guid.NewGuid(), "organization", "x");
        var webhook = new BudgetAlertWebhook(url, "whsec_test", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);

        var result = await sender.SendAsync(new BudgetAlertAttempt(Guid.NewGuid(), "alert_x", alert, 1, webhook), webhook, TestContext.Current.CancellationToken);

        Assert.False(result.Delivered);
        Assert.True(result.Permanent);
        Assert.StartsWith("address not allowed", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_ToLoopbackWhenAllowed_Delivered()
    {
        await using var receiver = await FakeWebhookReceiver.StartAsync();
        using var sender = new BudgetAlertWebhookSender(TimeProvider.System, Options.Create(new BudgetAlertOptions { AllowLoopbackHttp = true }));
        var alert = BudgetAlertSamples.For(Guid.NewGuid(), Guid.NewGuid(), "organization", "x");
        var webhook = new BudgetAlertWebhook(receiver.Url("ssrf-allowed"), "whsec_test", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);

        var result = await sender.SendAsync(new BudgetAlertAttempt(Guid.NewGuid(), "alert_y", alert, 1, webhook), webhook, TestContext.Current.CancellationToken);

        Assert.True(result.Delivered, result.Error);
    }
}
