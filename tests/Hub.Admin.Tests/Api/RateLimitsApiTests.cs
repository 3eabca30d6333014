using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hub.Core.Keys;
using Hub.Core.Policies;
using Hub.Core.RateLimits;
using Hub.Core.Tenancy;
using StackExchange.Redis;

namespace Hub.Admin.Tests.Api;

public sealed class RateLimitsApiTests(AdminFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PutProjectLimits_OwnProject_StoresThemAndGetShowsThem()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var response = await client.PutAsJsonAsync($"/admin/v1/projects/{tenant.ProjectId}/limits",
            new { requests_per_minute = 60, tokens_per_minute = 40_000 }, Cancel);
        var project = await client.GetFromJsonAsync<JsonElement>($"/admin/v1/projects/{tenant.ProjectId}", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"requests_per_minute":60,"tokens_per_minute":40000}""", await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("""{"requests_per_minute":60,"tokens_per_minute":40000}""", project.GetProperty("limits").GetRawText());
        Assert.Equal(new RateLimitOverrides(60, 40_000), (await Projects().GetAsync(tenant.OrganizationId, tenant.ProjectId, Cancel))!.Limits);
    }

    [Fact]
    public async Task PutProjectLimits_NullsAndAbsentFields_RemoveTheOverrides()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);
        (await client.PutAsJsonAsync($"/admin/v1/projects/{tenant.ProjectId}/limits", new { requests_per_minute = 60, tokens_per_minute = 100 }, Cancel)).Dispose();

        using var response = await client.PutAsync($"/admin/v1/projects/{tenant.ProjectId}/limits", Json("""{"requests_per_minute":null}"""), Cancel);
        var project = await client.GetFromJsonAsync<JsonElement>($"/admin/v1/projects/{tenant.ProjectId}", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"requests_per_minute":null,"tokens_per_minute":null}""", project.GetProperty("limits").GetRawText());
        Assert.Same(RateLimitOverrides.None, (await Projects().GetAsync(tenant.OrganizationId, tenant.ProjectId, Cancel))!.Limits);
    }

    [Fact]
    public async Task PutKeyLimits_OwnProjectKey_StoresThemOnTheKey()
    {
        var tenant = await fixture.NewTenantAsync();
        var key = (await tenant.Keys.FindAsync(tenant.ProjectKey, Cancel))!;
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var response = await client.PutAsJsonAsync($"/admin/v1/keys/{key.Id}/limits", new { requests_per_minute = 3, tokens_per_minute = (int?)null }, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"requests_per_minute":3,"tokens_per_minute":null}""", await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(new RateLimitOverrides(3, null), (await tenant.Keys.FindAsync(tenant.ProjectKey, Cancel))!.Limits);
    }

    [Fact]
    public async Task PutKeyLimits_OwnAccountKey_StoresThemOnTheKey()
    {
        var tenant = await fixture.NewTenantAsync();
        var account = await tenant.Keys.IssueAsync(tenant.OrganizationId, null, ApiKeyKind.Account, "account", null, Cancel);
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var response = await client.PutAsJsonAsync($"/admin/v1/keys/{account.Record.Id}/limits", new { tokens_per_minute = 1000 }, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new RateLimitOverrides(null, 1000), (await tenant.Keys.FindAsync(account.Key, Cancel))!.Limits);
    }

    [Fact]
    public async Task PutProjectLimits_AnotherOrganizationsProject_Answers404AndChangesNothing()
    {
        var mine = await fixture.NewTenantAsync();
        var theirs = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(mine.AdminToken);

        using var response = await client.PutAsJsonAsync($"/admin/v1/projects/{theirs.ProjectId}/limits", new { requests_per_minute = 1 }, Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Same(RateLimitOverrides.None, (await Projects().GetAsync(theirs.OrganizationId, theirs.ProjectId, Cancel))!.Limits);
    }

    [Fact]
    public async Task PutKeyLimits_AnotherOrganizationsKey_Answers404AndChangesNothing()
    {
        var mine = await fixture.NewTenantAsync();
        var theirs = await fixture.NewTenantAsync();
        var theirKey = (await theirs.Keys.FindAsync(theirs.ProjectKey, Cancel))!;
        using var client = fixture.CreateClient(mine.AdminToken);

        using var response = await client.PutAsJsonAsync($"/admin/v1/keys/{theirKey.Id}/limits", new { requests_per_minute = 1 }, Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Same(RateLimitOverrides.None, (await theirs.Keys.FindAsync(theirs.ProjectKey, Cancel))!.Limits);
    }

    [Fact]
    public async Task PutKeyLimits_AnAdminToken_Answers404()
    {
        var tenant = await fixture.NewTenantAsync();
        var adminToken = (await tenant.Keys.FindAsync(tenant.AdminToken, Cancel))!;
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var response = await client.PutAsJsonAsync($"/admin/v1/keys/{adminToken.Id}/limits", new { requests_per_minute = 1 }, Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("projects", """{"requests_per_minute":0}""", "requests_per_minute")]
    [InlineData("projects", """{"tokens_per_minute":-5}""", "tokens_per_minute")]
    [InlineData("keys", """{"requests_per_minute":-1}""", "requests_per_minute")]
    [InlineData("keys", """{"tokens_per_minute":0}""", "tokens_per_minute")]
    public async Task PutLimits_BelowOne_Answers400ValidationProblem(string owner, string body, string field)
    {
        var tenant = await fixture.NewTenantAsync();
        var id = owner == "projects" ? tenant.ProjectId : (await tenant.Keys.FindAsync(tenant.ProjectKey, Cancel))!.Id;
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var response = await client.PutAsync($"/admin/v1/{owner}/{id}/limits", Json(body), Cancel);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(json.RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task PutLimits_NoToken_Answers401()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(adminToken: null);

        using var response = await client.PutAsJsonAsync($"/admin/v1/projects/{tenant.ProjectId}/limits", new { requests_per_minute = 1 }, Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task PutKeyLimits_PublishesTheKeyHashSoGatewaysReadTheKeyAgain()
    {
        var tenant = await fixture.NewTenantAsync();
        var key = (await tenant.Keys.FindAsync(tenant.ProjectKey, Cancel))!;
        var expected = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(tenant.ProjectKey)));
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Infrastructure.RedisConnectionString);
        var received = await SubscribeAsync(redis, KeyRevocations.Channel, expected);
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var response = await client.PutAsJsonAsync($"/admin/v1/keys/{key.Id}/limits", new { requests_per_minute = 5 }, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, await received.WaitAsync(TimeSpan.FromSeconds(10), Cancel));
    }

    [Fact]
    public async Task PutProjectLimits_PublishesTheProjectSoGatewaysReadItsRulesAgain()
    {
        var tenant = await fixture.NewTenantAsync();
        var expected = PolicyChanges.Message(tenant.ProjectId);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Infrastructure.RedisConnectionString);
        var received = await SubscribeAsync(redis, PolicyChanges.Channel, expected);
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var response = await client.PutAsJsonAsync($"/admin/v1/projects/{tenant.ProjectId}/limits", new { requests_per_minute = 5 }, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, await received.WaitAsync(TimeSpan.FromSeconds(10), Cancel));
    }

    private ProjectRepository Projects() => new(fixture.Infrastructure.DataSource);

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>Completes with <paramref name="expected"/> once it is published on <paramref name="channel"/>.</summary>
    private static async Task<Task<string>> SubscribeAsync(ConnectionMultiplexer redis, string channel, string expected)
    {
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(channel), (_, message) =>
        {
            if (message == expected)
            {
                received.TrySetResult(message.ToString());
            }
        });
        return received.Task;
    }
}
