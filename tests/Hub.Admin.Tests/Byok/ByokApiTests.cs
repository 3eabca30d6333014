using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.Core.Byok;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using static Hub.Admin.Tests.Byok.ByokSamples;

namespace Hub.Admin.Tests.Byok;

public sealed class ByokApiTests(AdminFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PutOrganizationKey_ValidKey_StoredAndAnsweredWithoutTheKey()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);
        var key = OpenAIKey();

        using var response = await client.PutKeyAsync("/admin/v1/byok/openai", ApiKeyBody(key, "team key"));
        var text = await response.Content.ReadAsStringAsync(Cancel);
        var body = JsonDocument.Parse(text).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            ["provider", "label", "last4", "project_id", "created_at", "updated_at", "last_used_at", "verified"],
            body.EnumerateObject().Select(property => property.Name));
        Assert.Equal("openai", body.GetProperty("provider").GetString());
        Assert.Equal("team key", body.GetProperty("label").GetString());
        Assert.Equal(key[^4..], body.GetProperty("last4").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("project_id").ValueKind);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("last_used_at").ValueKind);
        Assert.False(body.GetProperty("verified").GetBoolean());
        Assert.DoesNotContain(key[..^4], text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetOrganizationKey_AfterPut_ShowsItWithoutVerified()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);
        var key = AnthropicKey();
        (await client.PutKeyAsync("/admin/v1/byok/anthropic", ApiKeyBody(key))).Dispose();

        var body = await client.GetFromJsonAsync<JsonElement>("/admin/v1/byok/anthropic", Cancel);

        Assert.Equal("anthropic", body.GetProperty("provider").GetString());
        Assert.Equal(key[^4..], body.GetProperty("last4").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("label").ValueKind);
        Assert.False(body.TryGetProperty("verified", out _));
    }

    [Fact]
    public async Task PutOrganizationKey_ProviderInAnyCase_StoredUnderTheLowerCaseId()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var response = await client.PutKeyAsync("/admin/v1/byok/OpenAI", ApiKeyBody(OpenAIKey()));
        using var get = await client.GetAsync("/admin/v1/byok/openai", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("openai", (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("provider").GetString());
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
    }

    [Fact]
    public async Task PutOrganizationKey_Again_ReplacesItInOneRow()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);
        var first = OpenAIKey();
        var second = OpenAIKey();
        (await client.PutKeyAsync("/admin/v1/byok/openai", ApiKeyBody(first, "old"))).Dispose();

        using var response = await client.PutKeyAsync("/admin/v1/byok/openai", ApiKeyBody(second, "new"));
        var keys = await client.GetFromJsonAsync<JsonElement[]>("/admin/v1/byok", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var only = Assert.Single(keys!);
        Assert.Equal(second[^4..], only.GetProperty("last4").GetString());
        Assert.Equal("new", only.GetProperty("label").GetString());
        Assert.True(only.GetProperty("updated_at").GetDateTimeOffset() >= only.GetProperty("created_at").GetDateTimeOffset());
        Assert.Single(await Repository().ListAsync(tenant.OrganizationId, Cancel));
    }

    [Fact]
    public async Task PutProjectKey_OwnProject_StoredBesideTheOrganizationsAndListedUnderTheProject()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);
        var organizationKey = OpenAIKey();
        var projectKey = OpenAIKey();
        (await client.PutKeyAsync("/admin/v1/byok/openai", ApiKeyBody(organizationKey))).Dispose();

        using var response = await client.PutKeyAsync($"/admin/v1/projects/{tenant.ProjectId}/byok/openai", ApiKeyBody(projectKey, "project"));
        var projectKeys = await client.GetFromJsonAsync<JsonElement[]>($"/admin/v1/projects/{tenant.ProjectId}/byok", Cancel);
        var all = await client.GetFromJsonAsync<JsonElement[]>("/admin/v1/byok", Cancel);
        var organizationOnly = await client.GetFromJsonAsync<JsonElement>("/admin/v1/byok/openai", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(tenant.ProjectId, (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("project_id").GetGuid());
        Assert.Equal(projectKey[^4..], Assert.Single(projectKeys!).GetProperty("last4").GetString());
        Assert.Equal([organizationKey[^4..], projectKey[^4..]], all!.Select(key => key.GetProperty("last4").GetString()));
        Assert.Equal(organizationKey[^4..], organizationOnly.GetProperty("last4").GetString());
    }

    [Fact]
    public async Task DeleteOrganizationKey_Stored_204ThenGone()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);
        (await client.PutKeyAsync("/admin/v1/byok/groq", ApiKeyBody(GroqKey()))).Dispose();

        using var deleted = await client.DeleteAsync("/admin/v1/byok/groq", Cancel);
        using var again = await client.DeleteAsync("/admin/v1/byok/groq", Cancel);
        using var get = await client.GetAsync("/admin/v1/byok/groq", Cancel);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal("application/problem+json", get.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await Repository().ListAsync(tenant.OrganizationId, Cancel));
    }

    [Fact]
    public async Task DeleteProjectKey_Stored_LeavesTheOrganizationsKey()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);
        (await client.PutKeyAsync("/admin/v1/byok/openai", ApiKeyBody(OpenAIKey()))).Dispose();
        (await client.PutKeyAsync($"/admin/v1/projects/{tenant.ProjectId}/byok/openai", ApiKeyBody(OpenAIKey()))).Dispose();

        using var deleted = await client.DeleteAsync($"/admin/v1/projects/{tenant.ProjectId}/byok/openai", Cancel);
        using var again = await client.DeleteAsync($"/admin/v1/projects/{tenant.ProjectId}/byok/openai", Cancel);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Null(Assert.Single(await Repository().ListAsync(tenant.OrganizationId, Cancel)).ProjectId);
    }

    [Theory]
    [InlineData("no-such-provider")]
    [InlineData("Under_Score")]
    public async Task PutOrganizationKey_UnknownProvider_404NamingIt(string provider)
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var response = await client.PutKeyAsync($"/admin/v1/byok/{provider}", ApiKeyBody(OpenAIKey()));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(provider, problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Empty(await Repository().ListAsync(tenant.OrganizationId, Cancel));
    }

    [Fact]
    public async Task PutOrganizationKey_ProviderOnlyConfiguredInAdmin_Stored()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var response = await client.PutKeyAsync($"/admin/v1/byok/{AdminFixture.NoModelListProvider}", ApiKeyBody(AzureKey()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task PutOrganizationKey_Mock_400()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var response = await client.PutKeyAsync("/admin/v1/byok/mock", ApiKeyBody(OpenAIKey()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await Repository().ListAsync(tenant.OrganizationId, Cancel));
    }

    [Theory]
    [InlineData("""{"label":"x"}""", "credentials")]
    [InlineData("""{"credentials":{}}""", "credentials.api_key")]
    public async Task PutOrganizationKey_MissingCredentials_400NamingTheField(string body, string field)
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var response = await client.PutAsync("/admin/v1/byok/openai", Json(body), Cancel);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    [Fact]
    public async Task PutOrganizationKey_LabelOver100Characters_400()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var response = await client.PutKeyAsync("/admin/v1/byok/openai", ApiKeyBody(OpenAIKey(), new string('l', 101)));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("label", out _));
        Assert.Empty(await Repository().ListAsync(tenant.OrganizationId, Cancel));
    }

    [Fact]
    public async Task PutOrganizationKey_Label100Characters_Stored()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var response = await client.PutKeyAsync("/admin/v1/byok/openai", ApiKeyBody(OpenAIKey(), new string('l', 100)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task PutProjectKey_UnknownProject_404AndNothingStored()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var response = await client.PutKeyAsync($"/admin/v1/projects/{Guid.NewGuid()}/byok/openai", ApiKeyBody(OpenAIKey()));
        using var list = await client.GetAsync($"/admin/v1/projects/{Guid.NewGuid()}/byok", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, list.StatusCode);
        Assert.Empty(await Repository().ListAsync(tenant.OrganizationId, Cancel));
    }

    [Fact]
    public async Task Requests_WithoutAdminToken_401()
    {
        using var client = fixture.CreateClient(null);

        using var list = await client.GetAsync("/admin/v1/byok", Cancel);
        using var put = await client.PutKeyAsync("/admin/v1/byok/openai", ApiKeyBody(OpenAIKey()));

        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, put.StatusCode);
    }

    [Theory]
    [InlineData("put")]
    [InlineData("delete")]
    [InlineData("put-project")]
    [InlineData("delete-project")]
    public async Task Change_PublishesTheOrganizationSoGatewaysDropTheirCopy(string change)
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);
        var path = change.EndsWith("project", StringComparison.Ordinal) ? $"/admin/v1/projects/{tenant.ProjectId}/byok/openai" : "/admin/v1/byok/openai";
        if (change.StartsWith("delete", StringComparison.Ordinal))
        {
            (await client.PutKeyAsync(path, ApiKeyBody(OpenAIKey()))).Dispose();
        }

        var expected = tenant.OrganizationId.ToString("D");
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Infrastructure.RedisConnectionString);
        var received = await SubscribeAsync(redis, ByokChanges.Channel, expected);

        using var response = change.StartsWith("put", StringComparison.Ordinal)
            ? await client.PutKeyAsync(path, ApiKeyBody(OpenAIKey()))
            : await client.DeleteAsync(path, Cancel);

        Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
        Assert.Equal(expected, await received.WaitAsync(TimeSpan.FromSeconds(10), Cancel));
    }

    private ByokRepository Repository() => fixture.Factory.Services.GetRequiredService<ByokRepository>();
}
