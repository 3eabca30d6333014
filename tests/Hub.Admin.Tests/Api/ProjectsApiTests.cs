using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Hub.Admin.Tests.Api;

public sealed class ProjectsApiTests(AdminFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_ValidBody_ReturnsProjectInSnakeCase()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var response = await client.PostAsJsonAsync("/admin/v1/projects",
            new { name = "billing", classification = "confidential", allowed_providers = new[] { "openai" }, region = "eu" }, Cancel);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        var project = json.RootElement;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/admin/v1/projects/{project.GetProperty("id").GetGuid()}", response.Headers.Location?.ToString());
        Assert.Equal("billing", project.GetProperty("name").GetString());
        Assert.Equal("confidential", project.GetProperty("classification").GetString());
        Assert.Equal("openai", project.GetProperty("allowed_providers")[0].GetString());
        Assert.Equal(0, project.GetProperty("denied_providers").GetArrayLength());
        Assert.Equal("eu", project.GetProperty("region").GetString());
        Assert.True(project.TryGetProperty("created_at", out _));
    }

    [Theory]
    [InlineData("""{"name":""}""", "name")]
    [InlineData("""{"name":"x","classification":"top-secret"}""", "classification")]
    public async Task Create_InvalidBody_Answers400ValidationProblem(string body, string field)
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var response = await client.PostAsync("/admin/v1/projects", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Cancel);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(json.RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData("{\"name\":")]
    [InlineData("[1,2]")]
    public async Task Create_MalformedJson_Answers400ProblemDetails(string body)
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var response = await client.PostAsync("/admin/v1/projects", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Create_DuplicateName_Answers409()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var first = await client.PostAsJsonAsync("/admin/v1/projects", new { name = "dup" }, Cancel);
        using var second = await client.PostAsJsonAsync("/admin/v1/projects", new { name = "dup" }, Cancel);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
    }

    [Fact]
    public async Task List_ReturnsOnlyTheCallersProjects()
    {
        var mine = await fixture.NewTenantAsync();
        var theirs = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(mine.AdminToken);

        var projects = await client.GetFromJsonAsync<JsonElement>("/admin/v1/projects", Cancel);

        var ids = projects.EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).ToList();
        Assert.Equal([mine.ProjectId], ids);
        Assert.DoesNotContain(theirs.ProjectId, ids);
    }

    [Fact]
    public async Task Get_AnotherOrganizationsProject_Answers404()
    {
        var mine = await fixture.NewTenantAsync();
        var theirs = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(mine.AdminToken);

        using var response = await client.GetAsync($"/admin/v1/projects/{theirs.ProjectId}", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("hub_admin_neverIssued0000000000000000000000000")]
    [InlineData("oah_aProjectKeyIsNotAnAdminToken0000000000000")]
    public async Task List_WithoutValidAdminToken_Answers401ProblemDetails(string? token)
    {
        using var client = fixture.CreateClient(token);

        using var response = await client.GetAsync("/admin/v1/projects", Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task List_ProjectKeyOfARealTenant_Answers401()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);

        using var response = await client.GetAsync("/admin/v1/projects", Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
