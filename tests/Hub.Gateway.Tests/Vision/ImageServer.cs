using System.Collections.Concurrent;
using Hub.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Hub.Gateway.Tests.Vision;

/// <summary>A web server on a loopback port serving PNGs at <c>/{name}.png</c>, recording each path fetched: where remote image URLs point in these tests.</summary>
internal sealed class ImageServer : FakeUpstream
{
    private readonly ConcurrentDictionary<string, byte[]> images = new();

    public ConcurrentQueue<string> Fetched { get; } = new();

    public static Task<ImageServer> StartAsync()
    {
        var server = new ImageServer();
        return StartAsync(server, app => app.MapGet("/{name}.png", (string name) =>
        {
            server.Fetched.Enqueue(name);
            return server.images.TryGetValue(name, out var png) ? Results.Bytes(png, "image/png") : Results.NotFound();
        }));
    }

    /// <summary>Serves <paramref name="png"/> and returns its URL.</summary>
    public string Serve(string name, byte[] png)
    {
        images[name] = png;
        return $"{Root}/{name}.png";
    }
}
