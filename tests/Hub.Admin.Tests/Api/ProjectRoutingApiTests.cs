using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.Core.Policies;
using Hub.Core.Tenancy;
using StackExchange.Redis;

namespace Hub.Admin.Tests.Api;

/// <summary><c>prefer_byok</c>: set at creation or through <c>PUT /projects/{id}/routing</c>, shown on the project, announced to gateways.</summary>
public sealed class ProjectRoutingApiTests(AdminFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Create_PreferByok_ShownOnTheProject(bool preferByok)
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var response = await client.PostAsJsonAsync("/admin/v1/projects", new { name = "byok-first", prefer_byok = preferByok }, Cancel);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var read = await client.GetFromJsonAsync<JsonElement>($"/admin/v1/projects/{created.GetProperty("id").GetGuid()}", Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(preferByok, created.GetProperty("prefer_byok").GetBoolean());
        Assert.Equal(preferByok, read.GetProperty("prefer_byok").GetBoolean());
    }

    [Fact]
    public async Task Create_WithoutPreferByok_False()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var response = await client.PostAsJsonAsync("/admin/v1/projects", new { name = "plain" }, Cancel);

        Assert.False((await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("prefer_byok").GetBoolean());
    }

    [Fact]
    public async Task PutRouting_OwnProject_StoredAndReturnsTheProject()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var on = await client.PutAsJsonAsync($"/admin/v1/projects/{tenant.ProjectId}/routing", new { prefer_byok = true }, Cancel);
        var afterOn = (await new ProjectRepository(fixture.Infrastructure.DataSource).GetAsync(tenant.OrganizationId, tenant.ProjectId, Cancel))!.PreferByok;
        using var off = await client.PutAsJsonAsync($"/admin/v1/projects/{tenant.ProjectId}/routing", new { prefer_byok = false }, Cancel);
        var list = await client.GetFromJsonAsync<JsonElement[]>("/admin/v1/projects", Cancel);

        Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        var project = await on.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(tenant.ProjectId, project.GetProperty("id").GetGuid());
        Assert.True(project.GetProperty("prefer_byok").GetBoolean());
        Assert.True(afterOn);
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        Assert.False(Assert.Single(list!).GetProperty("prefer_byok").GetBoolean());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"prefer_byok":null}""")]
    public async Task PutRouting_WithoutAValue_400(string body)
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var response = await client.PutAsync($"/admin/v1/projects/{tenant.ProjectId}/routing", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("errors").TryGetProperty("prefer_byok", out _));
    }

    [Fact]
    public async Task PutRouting_OtherOrganizationsProject_404AndUnchanged()
    {
        var owner = await fixture.NewTenantAsync();
        var intruder = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(intruder.AdminToken);

        using var response = await client.PutAsJsonAsync($"/admin/v1/projects/{owner.ProjectId}/routing", new { prefer_byok = true }, Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False((await new ProjectRepository(fixture.Infrastructure.DataSource).GetAsync(owner.OrganizationId, owner.ProjectId, Cancel))!.PreferByok);
    }

    [Fact]
    public async Task PutRouting_PublishesTheProjectSoGatewaysReadItAgain()
    {
        var tenant = await fixture.NewTenantAsync();
        var expected = PolicyChanges.Message(tenant.ProjectId);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Infrastructure.RedisConnectionString);
        var received = await Byok.ByokSamples.SubscribeAsync(redis, PolicyChanges.Channel, expected);
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var response = await client.PutAsJsonAsync($"/admin/v1/projects/{tenant.ProjectId}/routing", new { prefer_byok = true }, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, await received.WaitAsync(TimeSpan.FromSeconds(10), Cancel));
    }
}
