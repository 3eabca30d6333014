using System.Net.Http.Headers;
using Hub.AppHost.LocalServers;
using Hub.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

[assembly: AssemblyFixture(typeof(Hub.Gateway.Tests.GatewayFixture))]

namespace Hub.Gateway.Tests;

/// <summary>
/// Once per test run: real Postgres and Redis, the fake upstream, and the gateway on a real Kestrel
/// port. Providers: <c>fake</c> (any model), <c>listed</c> (only fake-model), <c>badkey</c> (wrong
/// upstream key), <c>down</c> (nothing listening), and the built-in <c>mock</c>.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public const int MaxBodyBytes = 64 * 1024;

    private WebApplicationFactory<Program>? factory;

    public LocalInfrastructure Infrastructure { get; } = new();

    /// <summary>Every log line the gateway wrote, at every level.</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    public FakeOpenAIUpstream Upstream { get; private set; } = null!;

    public Uri GatewayUrl { get; private set; } = null!;

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
            web.UseSetting("Providers:listed:BaseUrl", Upstream.BaseUrl);
            web.UseSetting("Providers:listed:ApiKey", FakeOpenAIUpstream.ApiKey);
            web.UseSetting("Providers:listed:Models:0", FakeOpenAIUpstream.Models.Text);
            web.UseSetting("Providers:badkey:BaseUrl", Upstream.BaseUrl);
            web.UseSetting("Providers:badkey:ApiKey", "sk-wrong");
            web.UseSetting("Providers:down:BaseUrl", $"http://127.0.0.1:{FreePort.Next()}/v1");
            web.UseSetting("Providers:mock:Enabled", "true");
            web.UseSetting("Gateway:ChatCompletions:MaxRequestBodyBytes", MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            web.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        });
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        GatewayUrl = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }

    /// <summary>A client of the gateway, optionally with a key.</summary>
    public HttpClient CreateClient(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = GatewayUrl };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
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
