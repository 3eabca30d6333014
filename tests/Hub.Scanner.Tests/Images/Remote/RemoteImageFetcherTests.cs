using System.Net;
using System.Net.Sockets;
using Hub.Scanner.Images;
using Hub.Scanner.Images.Remote;
using Hub.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hub.Scanner.Tests.Images.Remote;

/// <summary>
/// A remote image URL is fetched with the bytes exactly as served, or refused with a reason for the client, and never
/// reaches an address Hub may not connect to, nor reads more than the limit (issue #9). Against a real Kestrel host on loopback.
/// </summary>
public sealed class RemoteImageFetcherTests : IAsyncLifetime
{
    private static readonly ImageLimits Limits = ImageLimits.Default with { MaxBytes = 100_000 };

    private FakeImageHost host = null!;

    public async ValueTask InitializeAsync() => host = await FakeImageHost.StartAsync();

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Theory]
    [InlineData("/image")]
    [InlineData("/octet")]
    public async Task Image_Served_SameBytes(string path)
    {
        using var fetcher = Fetcher();

        using var result = await fetcher.FetchAsync(host.Url(path), Limits, TestContext.Current.CancellationToken);

        Assert.True(result.Fetched, result.Refusal);
        Assert.Equal(FakeImageHost.ImageBytes, result.Image.Span.ToArray());
    }

    [Fact]
    public async Task Request_FixedUserAgent_NoCookiesOrCredentials()
    {
        using var fetcher = Fetcher();

        using var result = await fetcher.FetchAsync(host.Url("/image"), Limits, TestContext.Current.CancellationToken);

        var request = Assert.Single(host.Requests);
        Assert.Equal("Hub-Scanner", request.UserAgent);
        Assert.False(request.CookieOrAuthorization);
    }

    [Fact]
    public async Task Image_ExactlyAtTheLimit_Fetched()
    {
        using var fetcher = Fetcher();

        using var result = await fetcher.FetchAsync(host.Url("/image"), Limits with { MaxBytes = FakeImageHost.ImageBytes.Length }, TestContext.Current.CancellationToken);

        Assert.True(result.Fetched, result.Refusal);
        Assert.Equal(FakeImageHost.ImageBytes.Length, result.Image.Length);
    }

    [Theory]
    [InlineData("/status/404", "HTTP 404")]
    [InlineData("/status/500", "HTTP 500")]
    [InlineData("/status/204", "HTTP 204")]
    [InlineData("/html", "Content-Type")]
    [InlineData("/untyped", "Content-Type")]
    [InlineData("/gzip", "content encoding")]
    [InlineData("/redirect-nowhere", "without a location")]
    public async Task BadAnswer_Refused(string path, string reason)
    {
        using var fetcher = Fetcher();

        using var result = await fetcher.FetchAsync(host.Url(path), Limits, TestContext.Current.CancellationToken);

        Assert.False(result.Fetched);
        Assert.Contains(reason, result.Refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("not an image", result.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeclaredLengthOverTheLimit_RefusedWithoutReadingTheBody()
    {
        using var fetcher = Fetcher(timeoutMs: 30_000);

        using var result = await fetcher.FetchAsync(host.Url("/huge"), Limits, TestContext.Current.CancellationToken);

        // Refused for its declared size, not by the timeout: a fetcher that read on would wait for the rest of the body.
        Assert.False(result.Fetched);
        Assert.Contains("larger than 100000 bytes", result.Refusal, StringComparison.Ordinal);
        // The connection was dropped rather than drained or kept: the host sees the client hang up.
        await host.HugeStopped.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task EndlessChunkedBody_RefusedOncePastTheLimit()
    {
        using var fetcher = Fetcher(timeoutMs: 30_000);

        using var result = await fetcher.FetchAsync(host.Url("/endless"), Limits, TestContext.Current.CancellationToken);

        // Refused for its size, not by the timeout: the read stopped at the limit instead of waiting for an end.
        Assert.False(result.Fetched);
        Assert.Contains("larger than 100000 bytes", result.Refusal, StringComparison.Ordinal);
        await host.EndlessStopped.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task SlowServer_RefusedByTheTimeout()
    {
        using var fetcher = Fetcher(timeoutMs: 300);

        using var result = await fetcher.FetchAsync(host.Url("/slow"), Limits, TestContext.Current.CancellationToken);

        Assert.False(result.Fetched);
        Assert.Contains("within 300 ms", result.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallerCancels_Throws()
    {
        using var fetcher = Fetcher(timeoutMs: 30_000);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(200);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetcher.FetchAsync(host.Url("/slow"), Limits, cancel.Token));
    }

    [Fact]
    public async Task Redirects_UpToTheMaximum_Followed()
    {
        using var fetcher = Fetcher();

        using var result = await fetcher.FetchAsync(host.Url("/redirect/3"), Limits, TestContext.Current.CancellationToken);

        Assert.True(result.Fetched, result.Refusal);
        Assert.Equal(FakeImageHost.ImageBytes, result.Image.Span.ToArray());
    }

    [Fact]
    public async Task TooManyRedirects_Refused_NextHopNotRequested()
    {
        using var fetcher = Fetcher();

        using var result = await fetcher.FetchAsync(host.Url("/redirect/4"), Limits, TestContext.Current.CancellationToken);

        Assert.False(result.Fetched);
        Assert.Contains("more than 3 times", result.Refusal, StringComparison.Ordinal);
        Assert.Equal(["/redirect/4", "/redirect/3", "/redirect/2", "/redirect/1"], host.Requests.Select(r => r.Path));
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/iam/security-credentials/", "not allowed")]
    [InlineData("http://10.0.0.1/", "not allowed")]
    [InlineData("https://169.254.169.254/latest/meta-data/", "not a public address")]
    [InlineData("https://10.0.0.1/", "not a public address")]
    [InlineData("https://[fd00::1]/", "not a public address")]
    [InlineData("ftp://127.0.0.1/image.png", "not allowed")]
    [InlineData("file:///etc/passwd", "not allowed")]
    public async Task RedirectToARefusedUrl_Refused(string target, string reason)
    {
        using var fetcher = Fetcher();

        using var result = await fetcher.FetchAsync(host.RedirectTo(target), Limits, TestContext.Current.CancellationToken);

        Assert.False(result.Fetched);
        Assert.Contains(reason, result.Refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("169.254", result.Refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("10.0.0.1", result.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedirectToARefusedAddress_NeverConnects()
    {
        // A refused address that would notice a connection: 127.0.0.2, refused by this fetcher's rules while 127.0.0.1 (the host) is allowed.
        using var refused = new TcpListener(IPAddress.Parse("127.0.0.2"), 0);
        refused.Start();
        var target = $"http://127.0.0.2:{((IPEndPoint)refused.LocalEndpoint).Port}/image";
        using var fetcher = new RemoteImageFetcher(Options(30_000, allowLoopbackHttp: true), NullLogger<RemoteImageFetcher>.Instance,
            address => address.Equals(IPAddress.Loopback));

        using var result = await fetcher.FetchAsync(host.RedirectTo(target), Limits, TestContext.Current.CancellationToken);

        Assert.False(result.Fetched);
        Assert.Contains("not a public address", result.Refusal, StringComparison.Ordinal);
        Assert.False(refused.Pending());
    }

    [Theory]
    [InlineData("https://127.0.0.1:{0}/image")]
    [InlineData("https://localhost:{0}/image")]
    [InlineData("https://[::1]:{0}/image")]
    public async Task LoopbackWithoutTheFlag_RefusedWithoutConnecting(string template)
    {
        using var listener = new TcpListener(IPAddress.IPv6Any, 0) { Server = { DualMode = true } };
        listener.Start();
        using var fetcher = Fetcher(allowLoopbackHttp: false);

        using var result = await fetcher.FetchAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, ((IPEndPoint)listener.LocalEndpoint).Port),
            Limits, TestContext.Current.CancellationToken);

        Assert.False(result.Fetched);
        Assert.Contains("not a public address", result.Refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", result.Refusal, StringComparison.Ordinal);
        Assert.False(listener.Pending());
    }

    [Fact]
    public async Task HttpWithoutTheFlag_RefusedWithoutARequest()
    {
        using var fetcher = Fetcher(allowLoopbackHttp: false);

        using var result = await fetcher.FetchAsync(host.Url("/image"), Limits, TestContext.Current.CancellationToken);

        Assert.False(result.Fetched);
        Assert.Equal("The image URL must be https.", result.Refusal);
        Assert.Empty(host.Requests);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/image.png")]
    [InlineData("file:///etc/passwd")]
    [InlineData("http://example.com/image.png")]
    [InlineData("http://user:secret@127.0.0.1/image.png")]
    [InlineData("https://user@example.com/image.png")]
    [InlineData("data:image/png;base64,iVBORw0KGgo=")]
    [InlineData("/image.png")]
    [InlineData("")]
    public async Task UrlNotAllowed_Refused(string url)
    {
        using var fetcher = Fetcher();

        using var result = await fetcher.FetchAsync(url, Limits, TestContext.Current.CancellationToken);

        Assert.False(result.Fetched);
        Assert.NotNull(result.Refusal);
        Assert.DoesNotContain("secret", result.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_HostReasonAndBytes_NeverPathOrQuery()
    {
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        using var fetcher = new RemoteImageFetcher(Options(5_000, allowLoopbackHttp: true), factory.CreateLogger<RemoteImageFetcher>());

        using (await fetcher.FetchAsync(host.Url("/image?token=canary-query"), Limits, TestContext.Current.CancellationToken))
        using (await fetcher.FetchAsync(host.Url("/status/404?token=canary-query"), Limits, TestContext.Current.CancellationToken))
        {
        }

        var lines = logs.Lines.ToList();
        Assert.Contains(lines, line => line.Contains("[RemoteImageFetched]", StringComparison.Ordinal) && line.Contains("127.0.0.1", StringComparison.Ordinal)
            && line.Contains($"{FakeImageHost.ImageBytes.Length} bytes", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("[RemoteImageRefused]", StringComparison.Ordinal) && line.Contains("HTTP 404", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains("canary-query", StringComparison.Ordinal) || line.Contains("/status", StringComparison.Ordinal)
            || line.Contains("/image", StringComparison.Ordinal));
    }

    private static RemoteImageFetcher Fetcher(int timeoutMs = 5_000, bool allowLoopbackHttp = true) =>
        new(Options(timeoutMs, allowLoopbackHttp), NullLogger<RemoteImageFetcher>.Instance);

    private static IOptions<RemoteImageOptions> Options(int timeoutMs, bool allowLoopbackHttp) =>
        Microsoft.Extensions.Options.Options.Create(new RemoteImageOptions { TimeoutMs = timeoutMs, AllowLoopbackHttp = allowLoopbackHttp });
}
