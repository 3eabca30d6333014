using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.Core.Billing;
using Hub.Core.Keys;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Hub.Admin.Tests.Billing;

public sealed class BudgetsApiTests(AdminFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PutProjectBudget_CreatesThenReplaces_AnnouncesTheChange()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);
        var announced = new TaskCompletionSource<string>();
        await fixture.Factory.Services.GetRequiredService<IConnectionMultiplexer>().GetSubscriber()
            .SubscribeAsync(RedisChannel.Literal(BudgetChanges.Channel), (_, message) => announced.TrySetResult(message.ToString()));

        using var first = await client.PutAsJsonAsync($"/admin/v1/projects/{tenant.ProjectId}/budgets/monthly", new { amount_usd = 50 }, Cancel);
        using var second = await client.PutAsJsonAsync($"/admin/v1/projects/{tenant.ProjectId}/budgets/monthly",
            new { amount_usd = 75.5, alert_thresholds = new[] { 90, 25 } }, Cancel);
        var list = await client.GetFromJsonAsync<JsonElement>("/admin/v1/budgets", Cancel);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var budget = Assert.Single(list.EnumerateArray());
        Assert.Equal("project", budget.GetProperty("scope").GetString());
        Assert.Equal(tenant.ProjectId.ToString("D"), budget.GetProperty("scope_id").GetString());
        Assert.Equal("monthly", budget.GetProperty("period").GetString());
        Assert.Equal(75.5m, budget.GetProperty("amount_usd").GetDecimal());
        Assert.Equal(75_500_000, budget.GetProperty("amount_credits").GetInt64());
        Assert.Equal([25, 90], budget.GetProperty("alert_thresholds").EnumerateArray().Select(t => t.GetInt32()));
        Assert.Equal(0, budget.GetProperty("spent_credits").GetInt64());
        Assert.Equal(tenant.OrganizationId.ToString("D"), await announced.Task.WaitAsync(TimeSpan.FromSeconds(10), Cancel));
    }

    [Fact]
    public async Task EveryScope_HasItsEndpoint()
    {
        var tenant = await fixture.NewTenantAsync();
        var key = await tenant.Keys.IssueAsync(tenant.OrganizationId, tenant.ProjectId, ApiKeyKind.Project, "k", null, Cancel);
        using var client = fixture.CreateClient(tenant.AdminToken);

        foreach (var path in new[] { "budgets/organization/daily", $"keys/{key.Record.Id}/budgets/weekly", "users/alice/budgets/total", "users/*/budgets/daily" })
        {
            using var response = await client.PutAsJsonAsync($"/admin/v1/{path}", new { amount_usd = 1 }, Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var list = await client.GetFromJsonAsync<JsonElement>("/admin/v1/budgets", Cancel);
        Assert.Equal(
            ["key/weekly", "organization/daily", "user/*/daily", "user/alice/total"],
            list.EnumerateArray().Select(b => b.GetProperty("scope").GetString() switch
            {
                "user" => $"user/{b.GetProperty("scope_id").GetString()}/{b.GetProperty("period").GetString()}",
                var scope => $"{scope}/{b.GetProperty("period").GetString()}",
            }).Order(StringComparer.Ordinal));
        Assert.Equal(JsonValueKind.Null, list.EnumerateArray().Single(b => b.GetProperty("scope_id").GetString() == "*").GetProperty("spent_credits").ValueKind);
    }

    [Theory]
    [InlineData("monthly", """{"amount_usd":0}""", "amount_usd")]
    [InlineData("monthly", """{}""", "amount_usd")]
    [InlineData("hourly", """{"amount_usd":5}""", "period")]
    [InlineData("daily", """{"amount_usd":5,"alert_thresholds":[0]}""", "alert_thresholds")]
    [InlineData("daily", """{"amount_usd":5,"alert_thresholds":[101]}""", "alert_thresholds")]
    public async Task Put_Invalid_400(string period, string body, string field)
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var response = await client.PutAsync($"/admin/v1/budgets/organization/{period}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Cancel);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(json.RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task AnotherOrganizationsProjectOrKey_404_TheirBudgetsInvisibleAndUndeletable()
    {
        var mine = await fixture.NewTenantAsync();
        var theirs = await fixture.NewTenantAsync();
        var theirKey = await theirs.Keys.IssueAsync(theirs.OrganizationId, theirs.ProjectId, ApiKeyKind.Project, "k", null, Cancel);
        using var client = fixture.CreateClient(mine.AdminToken);
        using var theirClient = fixture.CreateClient(theirs.AdminToken);
        using var theirBudget = await theirClient.PutAsJsonAsync("/admin/v1/budgets/organization/daily", new { amount_usd = 3 }, Cancel);
        var theirId = (await theirBudget.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetGuid();

        using var project = await client.PutAsJsonAsync($"/admin/v1/projects/{theirs.ProjectId}/budgets/daily", new { amount_usd = 1 }, Cancel);
        using var key = await client.PutAsJsonAsync($"/admin/v1/keys/{theirKey.Record.Id}/budgets/daily", new { amount_usd = 1 }, Cancel);
        using var delete = await client.DeleteAsync($"/admin/v1/budgets/{theirId}", Cancel);
        var list = await client.GetFromJsonAsync<JsonElement>("/admin/v1/budgets", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, project.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, key.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal(0, list.GetArrayLength());
        Assert.Single(await theirClient.GetFromJsonAsync<JsonElement>("/admin/v1/budgets", Cancel) is var theirList ? theirList.EnumerateArray() : []);
    }

    [Fact]
    public async Task Delete_RemovesTheBudget()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);
        using var created = await client.PutAsJsonAsync("/admin/v1/budgets/organization/total", new { amount_usd = 3 }, Cancel);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetGuid();

        using var deleted = await client.DeleteAsync($"/admin/v1/budgets/{id}", Cancel);
        var list = await client.GetFromJsonAsync<JsonElement>("/admin/v1/budgets", Cancel);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(0, list.GetArrayLength());
    }
}
