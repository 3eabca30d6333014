using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.Core.Billing.Alerts;
using Hub.Testing;

namespace Hub.Admin.Tests.Alerts;

[Collection(BudgetAlertsGroup.Name)]
public sealed class BudgetAlertsApiTests(BudgetAlertsFixture fixture)
{
    private const string Webhook = "/admin/v1/webhooks/budget-alerts";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PutWebhook_Url_SecretShownOnceThenOnlyItsLastFour()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);
        var url = fixture.Receiver.Url("api-put");

        using var put = await client.PutAsJsonAsync(Webhook, new { url }, Cancel);
        var created = await put.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var got = await client.GetFromJsonAsync<JsonElement>(Webhook, Cancel);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(url, created.GetProperty("url").GetString());
        var secret = created.GetProperty("secret").GetString()!;
        Assert.Matches("^whsec_[0-9A-Za-z]{40}$", secret);
        Assert.Equal(url, got.GetProperty("url").GetString());
        Assert.Equal(secret[^4..], got.GetProperty("secret_last4").GetString());
        Assert.False(got.TryGetProperty("secret", out _));
        Assert.DoesNotContain(secret, got.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutWebhook_Again_RotatesTheSecretAndReplacesTheUrl()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);

        var first = await PutAsync(client, fixture.Receiver.Url("api-first"));
        var second = await PutAsync(client, fixture.Receiver.Url("api-second"));
        var got = await client.GetFromJsonAsync<JsonElement>(Webhook, Cancel);

        Assert.NotEqual(first.GetProperty("secret").GetString(), second.GetProperty("secret").GetString());
        Assert.Equal(fixture.Receiver.Url("api-second"), got.GetProperty("url").GetString());
        Assert.Equal(second.GetProperty("secret").GetString()![^4..], got.GetProperty("secret_last4").GetString());
    }

    [Fact]
    public async Task DeleteWebhook_Existing_GoneThenNotFound()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);
        await PutAsync(client, fixture.Receiver.Url("api-delete"));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(Webhook, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Webhook, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync(Webhook, Cancel)).StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/hooks/relative")]
    [InlineData("http://example.com/hook")]
    [InlineData("http://10.0.0.1/hook")]
    [InlineData("ftp://example.com/hook")]
    [InlineData("https://user:password@example.com/hook")]
    [InlineData("https://example.com/hook#part")]
    public async Task PutWebhook_UrlNotAllowed_ValidationProblemAndNothingStored(string url)
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var response = await client.PutAsJsonAsync(Webhook, new { url }, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Webhook, Cancel)).StatusCode);
    }

    [Fact]
    public async Task Webhook_OfAnotherOrganization_NeitherVisibleNorDeletable()
    {
        var owner = await fixture.NewTenantAsync();
        var other = await fixture.NewTenantAsync();
        using var ownerClient = fixture.CreateClient(owner.AdminToken);
        using var otherClient = fixture.CreateClient(other.AdminToken);
        await PutAsync(ownerClient, fixture.Receiver.Url("api-owner"));

        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.GetAsync(Webhook, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.DeleteAsync(Webhook, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ownerClient.GetAsync(Webhook, Cancel)).StatusCode);
    }

    [Theory]
    [InlineData("PUT", Webhook)]
    [InlineData("GET", Webhook)]
    [InlineData("DELETE", Webhook)]
    [InlineData("GET", "/admin/v1/budgets/alerts")]
    public async Task Endpoint_WithoutAdminToken_Unauthorized(string method, string path)
    {
        using var client = fixture.CreateClient(null);
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { url = "https://example.com/" }) };

        using var response = await client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("", new[] { "b-late", "a-late", "a-early" })]
    [InlineData("budget_id={a}", new[] { "a-late", "a-early" })]
    [InlineData("from={hour_ago}", new[] { "b-late", "a-late" })]
    [InlineData("to={hour_ago}", new[] { "a-early" })]
    [InlineData("budget_id={b}&to={hour_ago}", new string[0])]
    [InlineData("limit=1", new[] { "b-late" })]
    public async Task ListAlerts_Filter_MatchingAlertsNewestFirstWithDelivery(string filter, string[] expected)
    {
        var tenant = await fixture.NewTenantAsync();
        var budgetA = await fixture.CreateBudgetAsync(tenant.OrganizationId, "organization", tenant.OrganizationId.ToString(), "monthly");
        var budgetB = await fixture.CreateBudgetAsync(tenant.OrganizationId, "project", tenant.ProjectId.ToString(), "total");
        var now = BudgetAlertSamples.Now();
        var alerts = new Dictionary<string, BudgetAlert>
        {
            ["a-early"] = BudgetAlertSamples.For(tenant.OrganizationId, budgetA, "organization", tenant.OrganizationId.ToString(), 50, occurredAt: now.AddHours(-2)),
            ["a-late"] = BudgetAlertSamples.For(tenant.OrganizationId, budgetA, "organization", tenant.OrganizationId.ToString(), 80, occurredAt: now.AddMinutes(-2)),
            ["b-late"] = BudgetAlertSamples.For(tenant.OrganizationId, budgetB, "project", tenant.ProjectId.ToString(), 100, occurredAt: now.AddMinutes(-1))
                with { Period = "total", PeriodStart = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero) },
        };
        foreach (var alert in alerts.Values)
        {
            await fixture.Alerts.RecordAsync(alert, DateTimeOffset.UtcNow, Cancel);
        }

        using var client = fixture.CreateClient(tenant.AdminToken);
        var query = filter
            .Replace("{a}", budgetA.ToString(), StringComparison.Ordinal)
            .Replace("{b}", budgetB.ToString(), StringComparison.Ordinal)
            .Replace("{hour_ago}", Uri.EscapeDataString(now.AddHours(-1).ToString("O")), StringComparison.Ordinal);

        var body = await client.GetFromJsonAsync<JsonElement>($"/admin/v1/budgets/alerts?{query}", Cancel);

        var rows = body.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(expected.Select(name => BudgetAlertEventId.For(alerts[name])), rows.Select(r => r.GetProperty("event_id").GetString()));
        foreach (var row in rows)
        {
            var sent = alerts[expected[rows.IndexOf(row)]];
            Assert.Equal(sent.BudgetId, row.GetProperty("budget_id").GetGuid());
            Assert.Equal(sent.Threshold, row.GetProperty("threshold").GetInt32());
            Assert.Equal(sent.SpentCredits, row.GetProperty("spent_credits").GetInt64());
            Assert.Equal(sent.PeriodStart, row.GetProperty("period_start").GetDateTimeOffset());
            Assert.Equal("none", row.GetProperty("delivery").GetProperty("state").GetString());
        }
    }

    [Fact]
    public async Task ListAlerts_OfAnotherOrganization_NotListedEvenByBudgetId()
    {
        var owner = await fixture.NewTenantAsync();
        var other = await fixture.NewTenantAsync();
        var budgetId = await fixture.CreateBudgetAsync(owner.OrganizationId, "organization", owner.OrganizationId.ToString());
        await fixture.Alerts.RecordAsync(
            BudgetAlertSamples.For(owner.OrganizationId, budgetId, "organization", owner.OrganizationId.ToString()), DateTimeOffset.UtcNow, Cancel);
        using var ownerClient = fixture.CreateClient(owner.AdminToken);
        using var otherClient = fixture.CreateClient(other.AdminToken);

        var owned = await ownerClient.GetFromJsonAsync<JsonElement>($"/admin/v1/budgets/alerts?budget_id={budgetId}", Cancel);
        var seen = await otherClient.GetFromJsonAsync<JsonElement>($"/admin/v1/budgets/alerts?budget_id={budgetId}", Cancel);

        Assert.Equal(1, owned.GetProperty("data").GetArrayLength());
        Assert.Equal(0, seen.GetProperty("data").GetArrayLength());
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    public async Task ListAlerts_LimitOutOfRange_ValidationProblem(string query)
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var response = await client.GetAsync($"/admin/v1/budgets/alerts?{query}", Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<JsonElement> PutAsync(HttpClient client, string url)
    {
        using var response = await client.PutAsJsonAsync(Webhook, new { url }, Cancel);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
    }
}
