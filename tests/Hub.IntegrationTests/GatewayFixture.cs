using Hub.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

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
        var settings = KestrelTestServer.GatewaySettings(Infrastructure, Upstream);
        settings["Providers:mock:Enabled"] = "true";
        (factory, var address) = KestrelTestServer.Start<Program>(settings);
        BaseUrl = new Uri(address, "/v1");
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
