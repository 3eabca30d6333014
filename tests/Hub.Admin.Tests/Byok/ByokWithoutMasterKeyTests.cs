using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using static Hub.Admin.Tests.Byok.ByokSamples;

namespace Hub.Admin.Tests.Byok;

/// <summary>A second Admin instance on the fixture's database, without <c>Hub:Secrets:MasterKey</c> (allowed outside Production).</summary>
public sealed class AdminWithoutMasterKeyFixture(AdminFixture fixture) : IAsyncLifetime
{
    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Factory = fixture.CreateFactory(web => web.UseSetting("Hub:Secrets:MasterKey", ""));
        using var client = Factory.CreateClient();
        await AdminFixture.WaitUntilHealthyAsync(client);
    }

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}

/// <summary>An Admin instance without a master key cannot seal a key, and says why.</summary>
public sealed class ByokWithoutMasterKeyTests(AdminFixture fixture, AdminWithoutMasterKeyFixture withoutMasterKey) : IClassFixture<AdminWithoutMasterKeyFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Put_NoMasterKey_503NamingTheSettingAndNoProviderCall(bool verify)
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = Client(tenant.AdminToken);
        var key = OpenAIKey();
        fixture.OpenAI.AcceptKey(key);

        using var response = await client.PutKeyAsync("/admin/v1/byok/openai", ApiKeyBody(key, verify: verify));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Hub:Secrets:MasterKey is not configured", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.OpenAI.ModelListCalls, call => call.Headers.Values.Any(value => value.Contains(key, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ListAndDelete_NoMasterKey_StillWork()
    {
        var tenant = await fixture.NewTenantAsync();
        using var stored = fixture.CreateClient(tenant.AdminToken);
        (await stored.PutKeyAsync("/admin/v1/byok/openai", ApiKeyBody(OpenAIKey()))).Dispose();
        using var client = Client(tenant.AdminToken);

        var list = await client.GetFromJsonAsync<JsonElement[]>("/admin/v1/byok", Cancel);
        using var deleted = await client.DeleteAsync("/admin/v1/byok/openai", Cancel);

        Assert.Single(list!);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    private HttpClient Client(string adminToken)
    {
        var client = withoutMasterKey.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        return client;
    }
}
