using System.Collections.Concurrent;
using System.IO.Compression;
using Hub.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Hub.Scanner.Tests.Images.Remote;

/// <summary>
/// An image host on a real Kestrel port on 127.0.0.1 that answers the ways a remote image URL can go wrong: each route
/// is one behaviour, every request is recorded, and the endless routes report how their write loop ended.
/// </summary>
internal sealed class FakeImageHost : FakeUpstream
{
    /// <summary>What <c>/huge</c> declares as its Content-Length: far more than any test limit and than socket buffers hold.</summary>
    public const long HugeLength = 256L * 1024 * 1024;

    public static byte[] ImageBytes { get; } = Enumerable.Range(0, 10_000).Select(i => (byte)(i * 31 % 251)).ToArray();

    /// <summary>Every request as it arrived: its path and User-Agent, and whether it carried a cookie or credentials.</summary>
    public ConcurrentQueue<(string Path, string UserAgent, bool CookieOrAuthorization)> Requests { get; } = new();

    /// <summary>Bytes <c>/huge</c> wrote before the client hung up.</summary>
    public TaskCompletionSource<long> HugeStopped { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Bytes <c>/endless</c> wrote before its write loop stopped (the client hung up).</summary>
    public TaskCompletionSource<long> EndlessStopped { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static Task<FakeImageHost> StartAsync()
    {
        var host = new FakeImageHost();
        return StartAsync(host, app =>
        {
            app.Use(async (context, next) =>
            {
                host.Requests.Enqueue((context.Request.Path, context.Request.Headers.UserAgent.ToString(),
                    context.Request.Headers.Cookie.Count > 0 || context.Request.Headers.Authorization.Count > 0));
                await next(context);
            });
            app.MapGet("/image", () => Results.Bytes(ImageBytes, "image/png"));
            app.MapGet("/octet", () => Results.Bytes(ImageBytes, "application/octet-stream"));
            app.MapGet("/untyped", async (HttpContext context) => await context.Response.Body.WriteAsync(ImageBytes));
            app.MapGet("/html", () => Results.Content("<html><body>not an image</body></html>", "text/html"));
            app.MapGet("/status/{code:int}", async (int code, HttpContext context) =>
            {
                context.Response.StatusCode = code;
                context.Response.ContentType = "image/png";
                if (code != 204)
                {
                    await context.Response.Body.WriteAsync(ImageBytes);
                }
            });
            app.MapGet("/gzip", GzipAsync);
            app.MapGet("/slow", async (HttpContext context) => await Task.Delay(Timeout.Infinite, context.RequestAborted));
            app.MapGet("/huge", (HttpContext context) => WriteUntilStoppedAsync(context, HugeLength, host.HugeStopped));
            app.MapGet("/endless", (HttpContext context) => WriteUntilStoppedAsync(context, declared: null, host.EndlessStopped));
            app.MapGet("/redirect/{hops:int}", (int hops) => hops == 0 ? Results.Bytes(ImageBytes, "image/png") : Results.Redirect($"/redirect/{hops - 1}"));
            app.MapGet("/redirect-to", (string to) => Results.Redirect(to));
            app.MapGet("/redirect-nowhere", (HttpContext context) => context.Response.StatusCode = 302);
        });
    }

    public string Url(string pathAndQuery) => Root + pathAndQuery;

    public string RedirectTo(string target) => Url("/redirect-to?to=" + Uri.EscapeDataString(target));

    private static async Task GzipAsync(HttpContext context)
    {
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(ImageBytes);
        }

        context.Response.ContentType = "image/png";
        context.Response.Headers.ContentEncoding = "gzip";
        await context.Response.Body.WriteAsync(compressed.ToArray());
    }

    /// <summary>
    /// Until the client hangs up: with <paramref name="declared"/>, declares that Content-Length, writes one chunk and waits
    /// (a client that reads on sees no end before its timeout); without, writes chunks for ever (chunked encoding).
    /// </summary>
    private static async Task WriteUntilStoppedAsync(HttpContext context, long? declared, TaskCompletionSource<long> stopped)
    {
        context.Response.ContentType = "image/png";
        context.Response.ContentLength = declared;
        var chunk = new byte[16 * 1024];
        long written = 0;
        try
        {
            do
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                written += chunk.Length;
            }
            while (declared is null);

            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The client hung up: what the tests wait for.
        }
        finally
        {
            stopped.TrySetResult(written);
        }
    }
}
