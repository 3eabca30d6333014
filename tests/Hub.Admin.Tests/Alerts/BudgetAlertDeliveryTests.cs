using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hub.AppHost.LocalServers;
using Hub.Core.Billing.Alerts;
using Hub.Testing;

using Hub.Testing.Fakes;

namespace Hub.Admin.Tests.Alerts;

[Collection(BudgetAlertsGroup.Name)]
public sealed class BudgetAlertDeliveryTests(BudgetAlertsFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Delivery_Received_SignatureOverTimestampAndBodyVerifiesWithTheSecretShown()
    {
        var (tenant, secret, sent) = await ReportWithWebhookAsync("signed");

        var received = Assert.Single(await ReceivedAsync("signed", count: 1));

        var timestamp = received.Headers["x-hub-timestamp"];
        Assert.Matches("^[0-9]{10}$", timestamp);
        Assert.Equal(ExpectedSignature(secret, timestamp, received.Body), received.Headers["x-hub-signature"]);
        Assert.Equal(BudgetAlertEventId.For(sent), received.Headers["x-hub-event-id"]);
        Assert.Equal("budget.alert", received.Headers["x-hub-event"]);
        Assert.StartsWith("application/json", received.Headers["content-type"], StringComparison.Ordinal);
        using var body = JsonDocument.Parse(received.Body);
        var root = body.RootElement;
        Assert.Equal(BudgetAlertEventId.For(sent), root.GetProperty("id").GetString());
        Assert.Equal("budget.alert", root.GetProperty("type").GetString());
        Assert.Equal(tenant.OrganizationId, root.GetProperty("organization_id").GetGuid());
        Assert.Equal(sent.BudgetId, root.GetProperty("budget_id").GetGuid());
        Assert.Equal("project", root.GetProperty("scope").GetString());
        Assert.Equal(tenant.ProjectId.ToString(), root.GetProperty("scope_id").GetString());
        Assert.Equal(tenant.ProjectId.ToString(), root.GetProperty("subject").GetString());
        Assert.Equal("monthly", root.GetProperty("period").GetString());
        Assert.Equal(sent.PeriodStart, root.GetProperty("period_start").GetDateTimeOffset());
        Assert.Equal(80, root.GetProperty("threshold").GetInt32());
        Assert.Equal(8_000_000, root.GetProperty("spent_credits").GetInt64());
        Assert.Equal(10_000_000, root.GetProperty("amount_credits").GetInt64());
        Assert.Equal(sent.OccurredAt, root.GetProperty("occurred_at").GetDateTimeOffset());
        Assert.Equal(13, root.EnumerateObject().Count());
    }

    [Fact]
    public async Task Delivery_SecretRotatedBeforeSending_SignedWithTheNewSecretOnly()
    {
        var tenant = await fixture.NewTenantAsync();
        var first = await PutWebhookAsync(tenant, "rotated");
        var second = await PutWebhookAsync(tenant, "rotated");
        await ReportAsync(tenant);

        var received = Assert.Single(await ReceivedAsync("rotated", count: 1));

        var timestamp = received.Headers["x-hub-timestamp"];
        Assert.NotEqual(first, second);
        Assert.Equal(ExpectedSignature(second, timestamp, received.Body), received.Headers["x-hub-signature"]);
        Assert.NotEqual(ExpectedSignature(first, timestamp, received.Body), received.Headers["x-hub-signature"]);
    }

    [Fact]
    public async Task Delivery_ReceiverAnswers500Twice_RetriedThenDeliveredWithTheSameEventId()
    {
        fixture.Receiver.Answer("flaky", 500, 503);
        var (tenant, secret, sent) = await ReportWithWebhookAsync("flaky");

        var delivery = await DeliveryWhenAsync(tenant, BudgetAlertDeliveryStates.Delivered);

        Assert.Equal((3, 200, (string?)null), (delivery.Attempts, delivery.LastStatus, delivery.LastError));
        Assert.NotNull(delivery.DeliveredAt);
        var received = fixture.Receiver.For("flaky");
        Assert.Equal(3, received.Count);
        Assert.All(received, r => Assert.Equal(BudgetAlertEventId.For(sent), r.Headers["x-hub-event-id"]));
        Assert.All(received, r => Assert.Equal(ExpectedSignature(secret, r.Headers["x-hub-timestamp"], r.Body), r.Headers["x-hub-signature"]));
    }

    [Fact]
    public async Task Delivery_ReceiverAlwaysFails_GivenUpAfterMaxAttempts()
    {
        fixture.Receiver.Answer("down", 500, 500, 500, 500, 500);
        var (tenant, _, _) = await ReportWithWebhookAsync("down");

        var delivery = await DeliveryWhenAsync(tenant, BudgetAlertDeliveryStates.Failed);

        Assert.Equal((BudgetAlertsFixture.MaxAttempts, 500, "http 500"), (delivery.Attempts, delivery.LastStatus, delivery.LastError));
        Assert.Null(delivery.NextAttemptAt);
        Assert.Equal(BudgetAlertsFixture.MaxAttempts, fixture.Receiver.For("down").Count);
        Assert.Contains(fixture.Logs.Lines, line => line.Contains("[BudgetAlertGaveUp]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Delivery_ReceiverUnreachable_RetriedAsNetworkErrorThenGivenUp()
    {
        var tenant = await fixture.NewTenantAsync();
        await PutWebhookUrlAsync(tenant, $"http://127.0.0.1:{FreePort.Next()}/hooks/nobody");
        await ReportAsync(tenant);

        var delivery = await DeliveryWhenAsync(tenant, BudgetAlertDeliveryStates.Failed);

        Assert.Equal(BudgetAlertsFixture.MaxAttempts, delivery.Attempts);
        Assert.Null(delivery.LastStatus);
        Assert.StartsWith("network error", delivery.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delivery_ReceiverRedirects_NotFollowedAndCountedAsFailure()
    {
        fixture.Receiver.Answer("redirecting", 302, 307, 308);
        var (tenant, _, _) = await ReportWithWebhookAsync("redirecting");

        var delivery = await DeliveryWhenAsync(tenant, BudgetAlertDeliveryStates.Failed);

        Assert.Equal(308, delivery.LastStatus);
        Assert.Equal(BudgetAlertsFixture.MaxAttempts, fixture.Receiver.For("redirecting").Count);
        Assert.Empty(fixture.Receiver.For("redirecting-moved"));
    }

    [Fact]
    public async Task Delivery_ReceiverHangs_OtherAlertsStillRecordedAndDelivered()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.Receiver.Hold("hanging", release.Task);
        var (slow, _, _) = await ReportWithWebhookAsync("hanging");
        await ReceivedAsync("hanging", count: 1);

        var (fast, _, _) = await ReportWithWebhookAsync("prompt");
        await DeliveryWhenAsync(fast, BudgetAlertDeliveryStates.Delivered);

        var held = Assert.Single(await fixture.Alerts.QueryAsync(slow.OrganizationId, new BudgetAlertQuery(), Cancel));
        Assert.Equal(BudgetAlertDeliveryStates.Pending, held.Delivery.State);
        release.SetResult();
        await DeliveryWhenAsync(slow, BudgetAlertDeliveryStates.Delivered);
    }

    [Fact]
    public async Task Delivery_LeftMidAttemptByAnInstanceThatDied_DeliveredWhenItsLeaseEnds()
    {
        var tenant = await fixture.NewTenantAsync();
        var budgetId = await fixture.CreateBudgetAsync(tenant.OrganizationId, "organization", tenant.OrganizationId.ToString());
        var recorded = await fixture.Alerts.RecordAsync(
            BudgetAlertSamples.For(tenant.OrganizationId, budgetId, "organization", tenant.OrganizationId.ToString()), DateTimeOffset.UtcNow, Cancel);
        await PutWebhookAsync(tenant, "resumed");

        // Taken for a first attempt whose lease has just run out, and whose outcome was never recorded.
        await ExecuteAsync(
            "INSERT INTO budget_alert_deliveries (alert_id, state, attempts, next_attempt_at, last_attempt_at, created_at) " +
            "VALUES ($1, 'pending', 1, now() - interval '1 second', now() - interval '1 minute', now() - interval '1 minute')",
            recorded.AlertId!.Value);

        var delivery = await DeliveryWhenAsync(tenant, BudgetAlertDeliveryStates.Delivered);
        Assert.Equal(2, delivery.Attempts);
        Assert.Single(fixture.Receiver.For("resumed"));
    }

    [Fact]
    public async Task Delivery_WebhookDeletedWhilePending_CancelledAndNotSent()
    {
        var tenant = await fixture.NewTenantAsync();
        var budgetId = await fixture.CreateBudgetAsync(tenant.OrganizationId, "organization", tenant.OrganizationId.ToString());
        var recorded = await fixture.Alerts.RecordAsync(
            BudgetAlertSamples.For(tenant.OrganizationId, budgetId, "organization", tenant.OrganizationId.ToString()), DateTimeOffset.UtcNow, Cancel);
        await PutWebhookAsync(tenant, "deleted");
        await ExecuteAsync(
            "INSERT INTO budget_alert_deliveries (alert_id, state, attempts, next_attempt_at, created_at) VALUES ($1, 'pending', 1, now() + interval '1 hour', now())",
            recorded.AlertId!.Value);
        using var client = fixture.CreateClient(tenant.AdminToken);

        (await client.DeleteAsync("/admin/v1/webhooks/budget-alerts", Cancel)).EnsureSuccessStatusCode();

        var delivery = Assert.Single(await fixture.Alerts.QueryAsync(tenant.OrganizationId, new BudgetAlertQuery(), Cancel)).Delivery;
        Assert.Equal((BudgetAlertDeliveryStates.Cancelled, "webhook deleted", (DateTimeOffset?)null), (delivery.State, delivery.LastError, delivery.NextAttemptAt));
        Assert.Empty(fixture.Receiver.For("deleted"));
    }

    /// <summary>Recomputed here, apart from the code under test, as a receiver would.</summary>
    private static string ExpectedSignature(string secret, string timestamp, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(timestamp + ".").Concat(body).ToArray()));

    private async Task<(TestTenant Tenant, string Secret, BudgetAlert Sent)> ReportWithWebhookAsync(string hook)
    {
        var tenant = await fixture.NewTenantAsync();
        var secret = await PutWebhookAsync(tenant, hook);
        return (tenant, secret, await ReportAsync(tenant));
    }

    private async Task<BudgetAlert> ReportAsync(TestTenant tenant)
    {
        var budgetId = await fixture.CreateBudgetAsync(tenant.OrganizationId, "project", tenant.ProjectId.ToString());
        var sent = BudgetAlertSamples.For(tenant.OrganizationId, budgetId, "project", tenant.ProjectId.ToString());
        await fixture.ReportAsync(sent);
        return sent;
    }

    private Task<string> PutWebhookAsync(TestTenant tenant, string hook) => PutWebhookUrlAsync(tenant, fixture.Receiver.Url(hook));

    private async Task<string> PutWebhookUrlAsync(TestTenant tenant, string url)
    {
        using var client = fixture.CreateClient(tenant.AdminToken);
        using var response = await client.PutAsJsonAsync("/admin/v1/webhooks/budget-alerts", new { url }, Cancel);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("secret").GetString()!;
    }

    private Task<IReadOnlyList<ReceivedWebhook>> ReceivedAsync(string hook, int count) =>
        Eventually.Until(() => Task.FromResult(fixture.Receiver.For(hook)), r => r.Count >= count, $"{count} request(s) at hook {hook}");

    private async Task<BudgetAlertDelivery> DeliveryWhenAsync(TestTenant tenant, string state)
    {
        var alerts = await fixture.AlertsWhenAsync(
            tenant.OrganizationId, a => a.Count == 1 && a[0].Delivery.State == state, $"the delivery to be {state}");
        return alerts[0].Delivery;
    }

    private async Task ExecuteAsync(string sql, Guid alertId)
    {
        await using var command = fixture.Infrastructure.DataSource.CreateCommand(sql);
        command.Parameters.Add(new() { Value = alertId });
        await command.ExecuteNonQueryAsync(Cancel);
    }
}
