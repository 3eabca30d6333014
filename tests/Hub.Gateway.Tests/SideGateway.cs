using Hub.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Hub.Gateway.Tests;

/// <summary>
/// One more gateway on the fixture's Postgres, Redis, scanner and fakes, configured as the fixture's
/// gateway unless a test adjusts it: a second instance sharing state, or one whose scanner or Redis is gone.
/// </summary>
internal sealed class SideGateway : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> factory;

    private SideGateway(WebApplicationFactory<Program> factory, Uri url) => (this.factory, Url) = (factory, url);

    public Uri Url { get; }

    public IServiceProvider Services => factory.Services;

    /// <param name="adjust">Changes to the fixture gateway's settings, for this instance only.</param>
    /// <param name="configure">Changes to its host, such as a replaced <see cref="TimeProvider"/>.</param>
    public static SideGateway Start(GatewayFixture fixture, Action<Dictionary<string, string>>? adjust = null, Action<IWebHostBuilder>? configure = null)
    {
        var settings = new Dictionary<string, string>(fixture.GatewaySettings) { ["Logging:LogLevel:Default"] = "Warning" };
        adjust?.Invoke(settings);
        var (factory, url) = KestrelTestServer.Start<Program>(settings, configure);
        return new SideGateway(factory, url);
    }

    public HttpClient CreateClient(string apiKey)
    {
        var client = new HttpClient { BaseAddress = Url };
        client.DefaultRequestHeaders.Authorization = new("Bearer", apiKey);
        return client;
    }

    public ValueTask DisposeAsync() => factory.DisposeAsync();
}
