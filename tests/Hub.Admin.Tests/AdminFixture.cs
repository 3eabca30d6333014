using System.Net.Http.Headers;
using Hub.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

[assembly: AssemblyFixture(typeof(Hub.Admin.Tests.AdminFixture))]

namespace Hub.Admin.Tests;

/// <summary>Real Postgres and Redis, and Hub.Admin in-process (its API is not latency-sensitive, so the test server is enough).</summary>
public sealed class AdminFixture : IAsyncLifetime
{
    public const string BootstrapApiKey = "oah_bootstrapKeyForTests0000000000000000000000";
    public const string BootstrapAdminToken = "hub_admin_bootstrapTokenForTests00000000000000";

    public LocalInfrastructure Infrastructure { get; } = new();

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Infrastructure.InitializeAsync();
        Factory = CreateFactory();
        using var client = Factory.CreateClient();
        await WaitUntilHealthyAsync(client);
    }

    /// <summary>Another Admin instance on the same database, as when two replicas start together.</summary>
    public WebApplicationFactory<Program> CreateFactory() => new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
    {
        web.UseSetting("ConnectionStrings:hubdb", Infrastructure.DatabaseConnectionString);
        web.UseSetting("ConnectionStrings:cache", Infrastructure.RedisConnectionString);
        web.UseSetting("Bootstrap:ApiKey", BootstrapApiKey);
        web.UseSetting("Bootstrap:AdminToken", BootstrapAdminToken);
    });

    public static async Task WaitUntilHealthyAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await client.GetAsync("/health", TestContext.Current.CancellationToken)).StatusCode != System.Net.HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, "Admin did not become healthy within 60 s.");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    public HttpClient CreateClient(string? adminToken)
    {
        var client = Factory.CreateClient();
        if (adminToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        }

        return client;
    }

    public Task<TestTenant> NewTenantAsync() => TestTenant.CreateAsync(Infrastructure.DataSource, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Infrastructure.DisposeAsync();
    }
}
