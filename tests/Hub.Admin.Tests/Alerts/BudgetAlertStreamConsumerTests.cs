using System.Net.Http.Json;
using System.Text.Json;
using Hub.Admin.Alerts;
using Hub.Core.Audit;
using Hub.Core.Billing.Alerts;
using Hub.Testing;
using StackExchange.Redis;

namespace Hub.Admin.Tests.Alerts;

[Collection(BudgetAlertsGroup.Name)]
public sealed class BudgetAlertStreamConsumerTests(BudgetAlertsFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Report_NewCrossing_RecordedWithEveryFieldAndNoDeliveryWithoutWebhook()
    {
        var tenant = await fixture.NewTenantAsync();
        var budgetId = await fixture.CreateBudgetAsync(tenant.OrganizationId, "project", tenant.ProjectId.ToString());
        var sent = BudgetAlertSamples.For(tenant.OrganizationId, budgetId, "project", tenant.ProjectId.ToString());

        await fixture.ReportAsync(sent);
        var stored = Assert.Single(await fixture.AlertsWhenAsync(tenant.OrganizationId, a => a.Count > 0, "the alert"));

        Assert.Equal(sent, stored.Alert);
        Assert.Equal($"alert_{budgetId:N}_{sent.PeriodStart:yyyyMMdd}T000000Z_80", stored.EventId);
        Assert.Equal(BudgetAlertDelivery.None, stored.Delivery);
    }

    [Fact]
    public async Task Report_SameCrossingSeveralTimes_RecordedDeliveredAndAuditedOncePerThreshold()
    {
        var tenant = await fixture.NewTenantAsync();
        await SetWebhookAsync(tenant, "repeated");
        var budgetId = await fixture.CreateBudgetAsync(tenant.OrganizationId, "organization", tenant.OrganizationId.ToString());
        var at80 = BudgetAlertSamples.For(tenant.OrganizationId, budgetId, "organization", tenant.OrganizationId.ToString());
        var at100 = at80 with { Threshold = 100, SpentCredits = 10_000_000 };

        // At least once, in any order, and again later (as after a Redis rebuild), with its figures as then.
        RedisValue[] entries =
        [
            await fixture.ReportAsync(at80), await fixture.ReportAsync(at80), await fixture.ReportAsync(at100),
            await fixture.ReportAsync(at80 with { SpentCredits = 9_000_000, OccurredAt = at80.OccurredAt.AddMinutes(5) }),
        ];
        foreach (var entry in entries)
        {
            await fixture.ProcessedAsync(entry);
        }

        var alerts = await fixture.AlertsWhenAsync(
            tenant.OrganizationId, a => a.Count == 2 && a.All(x => x.Delivery.State == BudgetAlertDeliveryStates.Delivered), "both deliveries");
        Assert.Equal([100, 80], alerts.Select(a => a.Alert.Threshold).Order().Reverse());
        Assert.Equal(at80, alerts.Single(a => a.Alert.Threshold == 80).Alert);
        Assert.Equal(2, fixture.Receiver.For("repeated").Count);
        var audited = await AuditedAsync(tenant.OrganizationId, count: 2);
        Assert.Equal(alerts.Select(a => a.EventId).Order(), audited.Select(r => r.Event.CorrelationId).Order());
        Assert.Equal(new AuditVerification(true, 2, null), await fixture.Audit.VerifyAsync(tenant.OrganizationId, Cancel));
    }

    [Fact]
    public async Task Report_ProjectBudget_AuditEventInChainWithOutcomeAndProjectAndChainVerifies()
    {
        var tenant = await fixture.NewTenantAsync();
        var budgetId = await fixture.CreateBudgetAsync(tenant.OrganizationId, "project", tenant.ProjectId.ToString());
        var sent = BudgetAlertSamples.For(tenant.OrganizationId, budgetId, "project", tenant.ProjectId.ToString(), threshold: 50);
        using var client = fixture.CreateClient(tenant.AdminToken);

        await fixture.ReportAsync(sent);
        var eventId = BudgetAlertEventId.For(sent);
        var body = await Eventually.Until(
            () => client.GetFromJsonAsync<JsonElement>($"/admin/v1/audit?status={AuditOutcomes.BudgetAlert}", Cancel),
            b => b.GetProperty("data").GetArrayLength() > 0,
            "the audit event");

        var row = Assert.Single(body.GetProperty("data").EnumerateArray());
        Assert.Equal(eventId, row.GetProperty("correlation_id").GetString());
        Assert.Equal("budget_alert", row.GetProperty("outcome").GetString());
        Assert.Equal(0, row.GetProperty("status").GetInt32());
        Assert.Equal(tenant.ProjectId, row.GetProperty("project_id").GetGuid());
        Assert.Equal(Guid.Empty, row.GetProperty("key_id").GetGuid());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("end_user").ValueKind);
        Assert.Equal(JsonValueKind.Null, row.GetProperty("cost_micros").ValueKind);
        Assert.Equal(sent.OccurredAt, row.GetProperty("occurred_at").GetDateTimeOffset());
        var verify = await client.GetFromJsonAsync<JsonElement>("/admin/v1/audit/verify", Cancel);
        Assert.True(verify.GetProperty("ok").GetBoolean());
        Assert.Equal(1, verify.GetProperty("checked").GetInt64());
    }

    [Fact]
    public async Task Report_PerUserBudget_OnceForEachEndUserWithHashedEventIdAndEndUserInAudit()
    {
        var tenant = await fixture.NewTenantAsync();
        var budgetId = await fixture.CreateBudgetAsync(tenant.OrganizationId, "user", BudgetAlertRules.EveryUser, "daily");
        var user42 = BudgetAlertSamples.For(tenant.OrganizationId, budgetId, "user", "*", subject: "user-42") with { Period = "daily" };
        var user43 = user42 with { Subject = "user-43" };

        await fixture.ReportAsync(user42);
        await fixture.ReportAsync(user43);
        await fixture.ReportAsync(user42);
        var alerts = await fixture.AlertsWhenAsync(tenant.OrganizationId, a => a.Count == 2, "one alert per end user");

        Assert.Equal(["user-42", "user-43"], alerts.Select(a => a.Alert.Subject).Order());
        // SHA-256("user-42") starts 6d894aa3ee802549 (computed apart from the code under test).
        var eventId = alerts.Single(a => a.Alert.Subject == "user-42").EventId;
        Assert.EndsWith("_80_6d894aa3ee802549", eventId, StringComparison.Ordinal);
        Assert.DoesNotContain("user-42", eventId, StringComparison.Ordinal);
        var audited = await AuditedAsync(tenant.OrganizationId, count: 2);
        Assert.Equal("user-42", audited.Single(r => r.Event.CorrelationId == eventId).Event.EndUser);
    }

    [Fact]
    public async Task Report_ReadByConsumerThatDiedBeforeRecording_TakenOverAndRecorded()
    {
        var tenant = await fixture.NewTenantAsync();
        var budgetId = await fixture.CreateBudgetAsync(tenant.OrganizationId, "organization", tenant.OrganizationId.ToString());
        var sent = BudgetAlertSamples.For(tenant.OrganizationId, budgetId, "organization", tenant.OrganizationId.ToString());

        var id = await AddAndReadAsDeadConsumerAsync(sent);
        await fixture.ProcessedAsync(id);

        Assert.Equal(sent, Assert.Single(await fixture.Alerts.QueryAsync(tenant.OrganizationId, new BudgetAlertQuery(), Cancel)).Alert);
        Assert.Contains(fixture.Logs.Lines, line => line.Contains("[BudgetAlertEntriesClaimed]", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("alert", "{\"organization_id\": \"canary_MALFORMED_51c2\", ")]
    [InlineData("payload", "canary_NOFIELD_51c2")]
    [InlineData("alert", "subject-differs")]
    [InlineData("alert", "other-organizations-budget")]
    [InlineData("alert", "nul-in-subject")]
    public async Task Report_Unusable_DeadLetteredWithoutContentInLogsAndNextAlertRecorded(string field, string value)
    {
        var tenant = await fixture.NewTenantAsync();
        var keyId = Guid.NewGuid().ToString();
        var budgetId = await fixture.CreateBudgetAsync(tenant.OrganizationId, "key", keyId);
        var next = BudgetAlertSamples.For(tenant.OrganizationId, budgetId, "key", keyId);
        var other = await fixture.NewTenantAsync();
        var otherBudget = await fixture.CreateBudgetAsync(other.OrganizationId, "organization", other.OrganizationId.ToString());
        value = value switch
        {
            "subject-differs" => BudgetAlertFeed.Serialize(next with { Subject = "canary_SUBJECT_51c2" }),
            "other-organizations-budget" => BudgetAlertFeed.Serialize(next with { BudgetId = otherBudget, ScopeId = "canary_OTHER_51c2", Subject = "canary_OTHER_51c2" }),
            "nul-in-subject" => BudgetAlertFeed.Serialize(next with { ScopeId = "canary_NUL_51c2\0", Subject = "canary_NUL_51c2\0" }),
            _ => value,
        };

        var badId = await fixture.Database.StreamAddAsync(BudgetAlertFeed.Key, field, value);
        await fixture.ReportAsync(next);
        await fixture.AlertsWhenAsync(tenant.OrganizationId, a => a.Count == 1, "the next alert");

        var dead = await Eventually.Until(
            () => fixture.Database.StreamRangeAsync(BudgetAlertStreamConsumer.DeadLetterKey),
            entries => entries.Any(e => e["source_id"] == badId),
            "the dead letter");
        var letter = dead.Single(e => e["source_id"] == badId);
        Assert.Equal(value, letter[field].ToString());
        Assert.False(letter["reason"].IsNullOrEmpty);
        await fixture.ProcessedAsync(badId);
        Assert.Empty(await fixture.Alerts.QueryAsync(other.OrganizationId, new BudgetAlertQuery(), Cancel));
        Assert.Contains(fixture.Logs.Lines, line => line.Contains(badId.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.Logs.Lines, line => line.Contains("canary", StringComparison.OrdinalIgnoreCase));
    }

    private async Task SetWebhookAsync(TestTenant tenant, string hook)
    {
        using var client = fixture.CreateClient(tenant.AdminToken);
        using var response = await client.PutAsJsonAsync("/admin/v1/webhooks/budget-alerts", new { url = fixture.Receiver.Url(hook) }, Cancel);
        response.EnsureSuccessStatusCode();
    }

    private async Task<IReadOnlyList<AuditRecord>> AuditedAsync(Guid organizationId, int count) =>
        await Eventually.Until(
            () => fixture.Audit.QueryAsync(organizationId, new AuditQuery(Outcome: AuditOutcomes.BudgetAlert), Cancel),
            rows => rows.Count >= count,
            $"{count} audit events");

    /// <summary>XADD and XREADGROUP in one MULTI: the entry is pending under a consumer that never acknowledges, as if it had died.</summary>
    private async Task<RedisValue> AddAndReadAsDeadConsumerAsync(BudgetAlert alert)
    {
        try
        {
            await fixture.Database.StreamCreateConsumerGroupAsync(BudgetAlertFeed.Key, BudgetAlertFeed.ConsumerGroup, "0-0", createStream: true);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // The consumer created it already.
        }

        var transaction = fixture.Database.CreateTransaction();
        var add = transaction.StreamAddAsync(BudgetAlertFeed.Key, BudgetAlertFeed.AlertField, BudgetAlertFeed.Serialize(alert));
        var read = transaction.StreamReadGroupAsync(BudgetAlertFeed.Key, BudgetAlertFeed.ConsumerGroup, "dead-consumer", ">", 1000);
        Assert.True(await transaction.ExecuteAsync());
        var id = await add;
        Assert.Contains(await read, e => e.Id == id);
        return id;
    }
}
