using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Hub.Admin.Tests.Schema;

public sealed class StartupTests(AdminFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_WithBootstrapSecrets_CreatesDefaultProjectAndWorkingAdminToken()
    {
        using var client = fixture.CreateClient(AdminFixture.BootstrapAdminToken);

        var projects = await client.GetFromJsonAsync<JsonElement>("/admin/v1/projects", Cancel);

        var project = Assert.Single(projects.EnumerateArray());
        Assert.Equal("default", project.GetProperty("name").GetString());
        var key = await new Hub.Core.Keys.ApiKeyRepository(fixture.Infrastructure.DataSource, Hub.Core.Randomness.CryptoRandomSource.Instance, TimeProvider.System)
            .FindAsync(AdminFixture.BootstrapApiKey, Cancel);
        Assert.Equal(project.GetProperty("id").GetGuid(), key!.ProjectId);
    }

    [Fact]
    public async Task Start_SecondInstanceOnSameDatabase_IsHealthyAndChangesNothing()
    {
        await using var second = fixture.CreateFactory();
        using var secondClient = second.CreateClient();

        await AdminFixture.WaitUntilHealthyAsync(secondClient);

        await using var count = fixture.Infrastructure.DataSource.CreateCommand(
            "SELECT (SELECT count(*) FROM schema_migrations) * 1000 + (SELECT count(*) FROM projects WHERE name = 'default')");
        Assert.Equal(Hub.Core.Storage.SchemaMigrator.Migrations().Count * 1000L + 1, await count.ExecuteScalarAsync(Cancel));
    }

    [Fact]
    public async Task Alive_Answers200()
    {
        using var client = fixture.CreateClient(null);

        using var response = await client.GetAsync("/alive", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
