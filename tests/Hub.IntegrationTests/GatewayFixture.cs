using Hub.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

[assembly: AssemblyFixture(typeof(Hub.IntegrationTests.GatewayFixture))]

namespace Hub.IntegrationTests;

/// <summary>
/// Real Postgres and Redis, the wire-exact fake upstream (provider <c>fake</c>), the mock provider,
/// and the gateway on a real Kestrel port, for clients that need a URL: the OpenAI SDKs.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private WebApplicationFactory<Program>? factory;

    public LocalInfrastructure Infrastructure { get; } = new();

    public FakeOpenAIUpstream Upstream { get; private set; } = null!;

    /// <summary>The OpenAI base URL clients are given, ending in <c>/v1</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Infrastructure.InitializeAsync();
        Upstream = await FakeOpenAIUpstream.StartAsync();
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:hubdb", Infrastructure.DatabaseConnectionString);
            web.UseSetting("ConnectionStrings:cache", Infrastructure.RedisConnectionString);
            web.UseSetting("Providers:fake:BaseUrl", Upstream.BaseUrl);
            web.UseSetting("Providers:fake:ApiKey", FakeOpenAIUpstream.ApiKey);
            web.UseSetting("Providers:mock:Enabled", "true");
        });
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address.Replace("localhost", "127.0.0.1", StringComparison.Ordinal) + "/v1");
    }

    public Task<TestTenant> NewTenantAsync() => TestTenant.CreateAsync(Infrastructure.DataSource, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }

        await Upstream.DisposeAsync();
        await Infrastructure.DisposeAsync();
    }
}
