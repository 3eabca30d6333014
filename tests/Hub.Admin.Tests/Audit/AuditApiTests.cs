using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.Core.Audit;
using Hub.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Admin.Tests.Audit;

public sealed class AuditApiTests(AdminFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private AuditRepository Repository => fixture.Factory.Services.GetRequiredService<AuditRepository>();

    [Fact]
    public async Task Get_ByCorrelationId_ReturnsTheEventWithSnakeCaseFieldsAndItsChainPlace()
    {
        var tenant = await fixture.NewTenantAsync();
        var sent = AuditEventSamples.Completed(tenant.OrganizationId, tenant.ProjectId);
        await Repository.AppendAsync([AuditEventSamples.Blocked(tenant.OrganizationId), sent], Cancel);
        using var client = fixture.CreateClient(tenant.AdminToken);

        var body = await client.GetFromJsonAsync<JsonElement>($"/admin/v1/audit?correlation_id={sent.CorrelationId}", Cancel);

        var row = Assert.Single(body.GetProperty("data").EnumerateArray());
        Assert.Equal(sent.CorrelationId, row.GetProperty("correlation_id").GetString());
        Assert.Equal(tenant.OrganizationId, row.GetProperty("organization_id").GetGuid());
        Assert.Equal(tenant.ProjectId, row.GetProperty("project_id").GetGuid());
        Assert.Equal(sent.KeyId, row.GetProperty("key_id").GetGuid());
        Assert.Equal(sent.OccurredAt, row.GetProperty("occurred_at").GetDateTimeOffset());
        Assert.Equal("gpt-4o-mini-2024-07-18", row.GetProperty("model_served").GetString());
        Assert.Equal("EMAIL_ADDRESS", row.GetProperty("entities")[0].GetProperty("entity").GetString());
        Assert.Equal("REDACT", row.GetProperty("entities")[0].GetProperty("action").GetString());
        Assert.Equal(2, row.GetProperty("entities")[0].GetProperty("count").GetInt32());
        Assert.Equal(1.25, row.GetProperty("scan_ms").GetDouble());
        Assert.Equal(1234, row.GetProperty("cost_micros").GetInt64());
        Assert.Equal(["groq", "together"], row.GetProperty("fallbacks").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(sent.PromptSha256, row.GetProperty("prompt_sha256").GetString());
        Assert.Equal(2, row.GetProperty("seq").GetInt64());
        Assert.Matches("^[0-9a-f]{64}$", row.GetProperty("row_hash").GetString());
        Assert.Matches("^[0-9a-f]{64}$", row.GetProperty("prev_hash").GetString());
    }

    [Theory]
    [InlineData("project_id={project}", new[] { "blocked", "early" })]
    [InlineData("entity=US_SSN", new[] { "blocked" })]
    [InlineData("status=400", new[] { "blocked" })]
    [InlineData("status=blocked", new[] { "blocked" })]
    [InlineData("status=completed", new[] { "elsewhere", "early" })]
    [InlineData("to={hour_ago}", new[] { "early" })]
    [InlineData("from={hour_ago}", new[] { "elsewhere", "blocked" })]
    [InlineData("limit=1", new[] { "elsewhere" })]
    [InlineData("before_seq=2", new[] { "early" })]
    [InlineData("", new[] { "elsewhere", "blocked", "early" })]
    public async Task Get_Filter_ReturnsMatchingEventsNewestFirst(string filter, string[] expected)
    {
        var tenant = await fixture.NewTenantAsync();
        var events = new Dictionary<string, AuditEvent>
        {
            ["early"] = AuditEventSamples.Completed(tenant.OrganizationId, tenant.ProjectId, occurredAt: AuditEventSamples.Now().AddHours(-2)),
            ["blocked"] = AuditEventSamples.Blocked(tenant.OrganizationId, tenant.ProjectId),
            ["elsewhere"] = AuditEventSamples.Completed(tenant.OrganizationId),
        };
        await Repository.AppendAsync([events["early"], events["blocked"], events["elsewhere"]], Cancel);
        using var client = fixture.CreateClient(tenant.AdminToken);
        var query = filter
            .Replace("{project}", tenant.ProjectId.ToString(), StringComparison.Ordinal)
            .Replace("{hour_ago}", Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O")), StringComparison.Ordinal);

        var body = await client.GetFromJsonAsync<JsonElement>($"/admin/v1/audit?{query}", Cancel);

        Assert.Equal(
            expected.Select(name => events[name].CorrelationId),
            body.GetProperty("data").EnumerateArray().Select(row => row.GetProperty("correlation_id").GetString()));
    }

    [Theory]
    [InlineData("status=teapot")]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    [InlineData("project_id=not-a-uuid")]
    public async Task Get_InvalidFilter_Answers400(string filter)
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var response = await client.GetAsync($"/admin/v1/audit?{filter}", Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Get_AnotherOrganizationsEvents_Invisible()
    {
        var mine = await fixture.NewTenantAsync();
        var theirs = await fixture.NewTenantAsync();
        var theirEvent = AuditEventSamples.Completed(theirs.OrganizationId, theirs.ProjectId);
        await Repository.AppendAsync([theirEvent], Cancel);
        using var client = fixture.CreateClient(mine.AdminToken);

        var byId = await client.GetFromJsonAsync<JsonElement>($"/admin/v1/audit?correlation_id={theirEvent.CorrelationId}", Cancel);
        var byProject = await client.GetFromJsonAsync<JsonElement>($"/admin/v1/audit?project_id={theirs.ProjectId}", Cancel);
        var all = await client.GetFromJsonAsync<JsonElement>("/admin/v1/audit", Cancel);

        Assert.Empty(byId.GetProperty("data").EnumerateArray());
        Assert.Empty(byProject.GetProperty("data").EnumerateArray());
        Assert.Empty(all.GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task Get_WithoutAdminToken_Answers401()
    {
        using var client = fixture.CreateClient(null);

        using var response = await client.GetAsync("/admin/v1/audit", Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Verify_UntouchedChain_OkWithoutFirstBroken()
    {
        var tenant = await fixture.NewTenantAsync();
        await Repository.AppendAsync([AuditEventSamples.Completed(tenant.OrganizationId), AuditEventSamples.Blocked(tenant.OrganizationId)], Cancel);
        using var client = fixture.CreateClient(tenant.AdminToken);

        var body = await client.GetFromJsonAsync<JsonElement>("/admin/v1/audit/verify", Cancel);

        Assert.True(body.GetProperty("ok").GetBoolean());
        Assert.Equal(2, body.GetProperty("checked").GetInt64());
        Assert.False(body.TryGetProperty("first_broken", out _));
    }

    [Fact]
    public async Task Verify_RowAlteredWithTriggerDisabled_ReportsFirstBroken()
    {
        var tenant = await fixture.NewTenantAsync();
        AuditEvent[] events = [AuditEventSamples.Completed(tenant.OrganizationId), AuditEventSamples.Blocked(tenant.OrganizationId)];
        await Repository.AppendAsync(events, Cancel);
        await TamperAsync("UPDATE audit_events SET status = 200, outcome = 'completed' WHERE correlation_id = $1", events[1].CorrelationId);
        using var client = fixture.CreateClient(tenant.AdminToken);

        var body = await client.GetFromJsonAsync<JsonElement>("/admin/v1/audit/verify", Cancel);

        Assert.False(body.GetProperty("ok").GetBoolean());
        Assert.Equal(1, body.GetProperty("checked").GetInt64());
        var broken = body.GetProperty("first_broken");
        Assert.Equal(2, broken.GetProperty("seq").GetInt64());
        Assert.Equal(events[1].CorrelationId, broken.GetProperty("correlation_id").GetString());
        Assert.Equal(AuditChainBreak.Altered, broken.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Verify_AnotherOrganizationTampered_MineStillOk()
    {
        var mine = await fixture.NewTenantAsync();
        var theirs = await fixture.NewTenantAsync();
        var theirEvent = AuditEventSamples.Completed(theirs.OrganizationId);
        await Repository.AppendAsync([AuditEventSamples.Completed(mine.OrganizationId), theirEvent], Cancel);
        await TamperAsync("UPDATE audit_events SET status = 500 WHERE correlation_id = $1", theirEvent.CorrelationId);
        using var client = fixture.CreateClient(mine.AdminToken);

        var body = await client.GetFromJsonAsync<JsonElement>("/admin/v1/audit/verify", Cancel);

        Assert.True(body.GetProperty("ok").GetBoolean());
        Assert.Equal(1, body.GetProperty("checked").GetInt64());
    }

    [Fact]
    public async Task Retention_PutThenGet_ReturnsOrganizationsSetting()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var put = await client.PutAsJsonAsync("/admin/v1/audit/retention", new { days = 400 }, Cancel);
        var body = await client.GetFromJsonAsync<JsonElement>("/admin/v1/audit/retention", Cancel);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(400, body.GetProperty("days").GetInt32());
        Assert.False(body.GetProperty("is_default").GetBoolean());
    }

    [Fact]
    public async Task Retention_PutNull_ReturnsToDefault()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);
        using var set = await client.PutAsJsonAsync("/admin/v1/audit/retention", new { days = 10 }, Cancel);

        using var put = await client.PutAsJsonAsync("/admin/v1/audit/retention", new { days = (int?)null }, Cancel);
        var body = await put.Content.ReadFromJsonAsync<JsonElement>(Cancel);

        Assert.Equal(90, body.GetProperty("days").GetInt32());
        Assert.True(body.GetProperty("is_default").GetBoolean());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3651)]
    public async Task Retention_OutOfRange_Answers400(int days)
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var put = await client.PutAsJsonAsync("/admin/v1/audit/retention", new { days }, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
    }

    private Task TamperAsync(string sql, string correlationId) => AuditTampering.RunAsync(fixture.Infrastructure.DataSource, sql, correlationId);
}
