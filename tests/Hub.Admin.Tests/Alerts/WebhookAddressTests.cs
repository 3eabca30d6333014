using Hub.Admin.Alerts;
using Hub.Core.Billing.Alerts;
using Hub.Testing.Fakes;
using Microsoft.Extensions.Options;

namespace Hub.Admin.Tests.Alerts;

/// <summary>
/// A webhook URL cannot make Hub.Admin reach into its own network (SSRF): the sender connects through
/// <see cref="Hub.Core.Net.PublicAddressRules"/>, whose ranges are tested in Hub.Core.Tests.
/// </summary>
public sealed class WebhookAddressTests
{
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
