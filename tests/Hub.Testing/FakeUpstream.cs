using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hub.Testing;

/// <summary>
/// What every fake provider shares: a real Kestrel server on a free loopback port (bound to port 0,
/// then read back), no logging of its own, stopped on dispose. Each fake maps its provider's routes.
/// </summary>
public abstract class FakeUpstream : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, byte> acceptedKeys = new(StringComparer.Ordinal);
    private WebApplication? app;

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:5555</c>.</summary>
    public string Root { get; private set; } = "";

    /// <summary>Accepts <paramref name="key"/> too, beside the fake's own: an organization's key stored through BYOK.</summary>
    public void AcceptKey(string key) => acceptedKeys.TryAdd(key, 0);

    /// <summary>Whether <paramref name="key"/> was accepted with <see cref="AcceptKey"/>.</summary>
    public bool Accepts(string key) => acceptedKeys.ContainsKey(key);

    /// <summary>Every call of the provider's model list (the cheap call a key is checked with), accepted or not.</summary>
    public ConcurrentQueue<ModelListCall> ModelListCalls { get; } = new();

    protected void RecordModelListCall(HttpRequest request) => ModelListCalls.Enqueue(new ModelListCall(
        request.Method, request.Path + request.QueryString, request.Headers.ToDictionary(header => header.Key.ToLowerInvariant(), header => header.Value.ToString())));

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Starts <paramref name="fake"/>'s server with the routes <paramref name="mapRoutes"/> adds.</summary>
    protected static async Task<T> StartAsync<T>(T fake, Action<WebApplication> mapRoutes)
        where T : FakeUpstream
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        mapRoutes(app);
        await app.StartAsync();
        fake.app = app;
        fake.Root = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return fake;
    }
}

/// <param name="Headers">Every request header, names lower-cased.</param>
public sealed record ModelListCall(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers);
