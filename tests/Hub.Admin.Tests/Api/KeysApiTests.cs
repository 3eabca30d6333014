using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.Core.Keys;

namespace Hub.Admin.Tests.Api;

public sealed class KeysApiTests(AdminFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateProjectKey_ReturnsKeyOnceAndStoresOnlyItsHash()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var response = await client.PostAsJsonAsync($"/admin/v1/projects/{tenant.ProjectId}/keys", new { label = "ci", expires_in_days = 30 }, Cancel);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var key = body.GetProperty("key").GetString()!;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Matches("^oah_[0-9A-Za-z]{40}$", key);
        Assert.Equal(key[..12], body.GetProperty("prefix").GetString());
        Assert.Equal(tenant.ProjectId, body.GetProperty("project_id").GetGuid());
        var stored = await tenant.Keys.FindAsync(key, Cancel);
        Assert.NotNull(stored);
        Assert.Equal(ApiKeyKind.Project, stored.Kind);
        Assert.InRange(stored.ExpiresAt!.Value - stored.CreatedAt, TimeSpan.FromDays(30), TimeSpan.FromDays(30));
        Assert.Equal(stored.CreatedAt.AddDays(90), body.GetProperty("rotate_by").GetDateTimeOffset());
        Assert.Equal(0L, await CountRowsContainingAsync(key));
    }

    [Fact]
    public async Task CreateAccountKey_ReturnsOsHubKey()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var response = await client.PostAsJsonAsync("/admin/v1/keys", new { label = "account" }, Cancel);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Matches("^os_hub_[0-9A-Za-z]{40}$", body.GetProperty("key").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("project_id").ValueKind);
    }

    [Fact]
    public async Task CreateProjectKey_AnotherOrganizationsProject_Answers404()
    {
        var mine = await fixture.NewTenantAsync();
        var theirs = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(mine.AdminToken);

        using var response = await client.PostAsJsonAsync($"/admin/v1/projects/{theirs.ProjectId}/keys", new { }, Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task CreateProjectKey_ExpiryOutOfRange_Answers400()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var response = await client.PostAsJsonAsync($"/admin/v1/projects/{tenant.ProjectId}/keys", new { expires_in_days = 0 }, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Revoke_OwnKey_MarksItRevoked()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);
        var issued = await client.PostAsJsonAsync($"/admin/v1/projects/{tenant.ProjectId}/keys", new { }, Cancel);
        var key = (await issued.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("key").GetString()!;
        var id = (await tenant.Keys.FindAsync(key, Cancel))!.Id;

        using var response = await client.DeleteAsync($"/admin/v1/keys/{id}", Cancel);
        using var again = await client.DeleteAsync($"/admin/v1/keys/{id}", Cancel);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.NotNull((await tenant.Keys.FindAsync(key, Cancel))!.RevokedAt);
    }

    [Fact]
    public async Task Revoke_AnotherOrganizationsKey_Answers404AndLeavesItAlive()
    {
        var mine = await fixture.NewTenantAsync();
        var theirs = await fixture.NewTenantAsync();
        var theirKey = await theirs.Keys.FindAsync(theirs.ProjectKey, Cancel);
        using var client = fixture.CreateClient(mine.AdminToken);

        using var response = await client.DeleteAsync($"/admin/v1/keys/{theirKey!.Id}", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null((await theirs.Keys.FindAsync(theirs.ProjectKey, Cancel))!.RevokedAt);
    }

    private async Task<long> CountRowsContainingAsync(string secret)
    {
        await using var command = fixture.Infrastructure.DataSource.CreateCommand(
            "SELECT count(*) FROM api_keys WHERE position($1 in coalesce(label, '') || display_prefix || encode(key_hash, 'hex')) > 0");
        command.Parameters.Add(new() { Value = secret });
        return (long)(await command.ExecuteScalarAsync(Cancel))!;
    }
}
