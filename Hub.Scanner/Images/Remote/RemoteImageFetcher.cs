using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using Hub.Core.Net;
using Hub.Scanner.Diagnostics;
using Microsoft.Extensions.Options;

namespace Hub.Scanner.Images.Remote;

/// <summary>
/// Fetches an image a request names by <c>https://</c> URL (issue #9), without letting the URL reach into Hub's network
/// or exhaust its memory. For each hop, first URL and every redirect:
/// <list type="number">
/// <item>Step 1: the URL must be https (http only to loopback with <see cref="RemoteImageOptions.AllowLoopbackHttp"/>), without userinfo.</item>
/// <item>Step 2: connect only to an address <see cref="PublicAddressRules"/> allows, checked on the address connected to (DNS rebinding).</item>
/// <item>Step 3: a redirect is followed by hand, at most <see cref="RemoteImageOptions.MaxRedirects"/> times, back to Step 1.</item>
/// <item>Step 4: status 200, <c>image/*</c> or <c>application/octet-stream</c>, no content encoding, a Content-Length within the limit.</item>
/// <item>Step 5: the body is read until it ends or passes <see cref="ImageLimits.MaxBytes"/>, then the connection is dropped.</item>
/// </list>
/// All of it within <see cref="RemoteImageOptions.TimeoutMs"/>. Refusals are values, worded for the client.
/// </summary>
internal sealed partial class RemoteImageFetcher : IDisposable
{
    private const string UserAgent = "Hub-Scanner";
    private const int FirstReadBufferBytes = 64 * 1024;

    private readonly RemoteImageOptions settings;
    private readonly ILogger logger;
    private readonly HttpClient client;

    public RemoteImageFetcher(IOptions<RemoteImageOptions> options, ILogger<RemoteImageFetcher> logger)
        : this(options, logger, mayConnect: null)
    {
    }

    /// <param name="mayConnect">Replaces <see cref="PublicAddressRules.MayConnect"/>, for tests that need a refused address that would notice a connection.</param>
    internal RemoteImageFetcher(IOptions<RemoteImageOptions> options, ILogger<RemoteImageFetcher> logger, Func<IPAddress, bool>? mayConnect)
    {
        settings = options.Value;
        this.logger = logger;
        var allowLoopback = settings.AllowLoopbackHttp;
        mayConnect ??= address => PublicAddressRules.MayConnect(address, allowLoopback);
        client = new HttpClient(new SocketsHttpHandler
        {
            // Step 3 checks each hop itself; the handler would follow a redirect to any https URL.
            AllowAutoRedirect = false,
            // A 1 KB gzip body can inflate to 1 GB: encoded bodies are refused instead (Step 4).
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
            Credentials = null,
            PreAuthenticate = false,
            // A refused or oversized body is not drained to reuse the connection: the connection is dropped.
            MaxResponseDrainSize = 0,
            MaxResponseHeadersLength = 64,
            // Image hosts' DNS may move: do not keep a connection (and its checked address) for long.
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectCallback = (context, cancellationToken) => PublicAddressRules.ConnectAsync(context.DnsEndPoint, mayConnect, cancellationToken),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
            MaxResponseContentBufferSize = int.MaxValue,
        };
    }

    /// <exception cref="OperationCanceledException">Only when <paramref name="cancellationToken"/> fires (the caller gave up).</exception>
    public async Task<RemoteImageResult> FetchAsync(string url, ImageLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limits);
        limits.ThrowIfInvalid();
        var (uri, refusal) = Check(url);
        if (uri is null)
        {
            Log.Refused(logger, "", refusal!);
            return RemoteImageResult.Refused(refusal!);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(settings.TimeoutMs));
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                request.Headers.UserAgent.Add(new ProductInfoHeaderValue(UserAgent, null));
                request.Headers.Accept.ParseAdd("image/*");
                request.Headers.AcceptEncoding.ParseAdd("identity");
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                if (IsRedirect(response.StatusCode))
                {
                    if (redirects == settings.MaxRedirects)
                    {
                        return Refuse(uri, $"The image URL redirected more than {settings.MaxRedirects} times.");
                    }

                    (var next, refusal) = response.Headers.Location is { } location ? Check(new Uri(uri, location).AbsoluteUri) : (null, "The image URL redirected without a location.");
                    if (next is null)
                    {
                        return Refuse(uri, "The image URL redirected to a URL that is not allowed: " + refusal);
                    }

                    uri = next;
                    continue;
                }

                refusal = CheckResponse(response, limits);
                if (refusal is not null)
                {
                    return Refuse(uri, refusal);
                }

                var image = await ReadBodyAsync(response.Content, limits.MaxBytes, timeout.Token);
                if (image is null)
                {
                    return Refuse(uri, $"The image is larger than {limits.MaxBytes} bytes.");
                }

                Log.Fetched(logger, uri.IdnHost, image.Length, redirects);
                return RemoteImageResult.Success(image);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Refuse(uri, $"The image was not fetched within {settings.TimeoutMs} ms.");
        }
        catch (HttpRequestException ex) when (ex.InnerException is PublicAddressRefusedException)
        {
            return Refuse(uri, "The image's host is not a public address (private, loopback, link-local or reserved).");
        }
        catch (HttpRequestException ex)
        {
            // The error kind only: the message may name the address connected to.
            return Refuse(uri, $"The image could not be fetched (network error: {ex.HttpRequestError}).");
        }
        catch (IOException)
        {
            // The body broke off (connection reset) after the headers; its message may name the peer.
            return Refuse(uri, "The image could not be fetched (the connection broke off).");
        }
    }

    public void Dispose() => client.Dispose();

    /// <summary>Step 1, for the first URL and each redirect: a reason that does not echo the URL.</summary>
    private (Uri? Uri, string? Refusal) Check(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return (null, "The image URL is not an absolute URL.");
        }

        var allowed = uri.Scheme == Uri.UriSchemeHttps || (settings.AllowLoopbackHttp && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback);
        if (!allowed)
        {
            return (null, settings.AllowLoopbackHttp ? "The image URL must be https, or http to a loopback address." : "The image URL must be https.");
        }

        if (uri.UserInfo.Length > 0)
        {
            return (null, "The image URL must not contain credentials.");
        }

        return (uri, null);
    }

    /// <summary>Step 4: before a byte of the body is read.</summary>
    private static string? CheckResponse(HttpResponseMessage response, ImageLimits limits)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return $"The image URL answered HTTP {(int)response.StatusCode}, not 200.";
        }

        var headers = response.Content.Headers;
        if (headers.ContentEncoding.Any(encoding => !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase)))
        {
            return "The image was served with a content encoding (compressed); only unencoded images are fetched.";
        }

        var mediaType = headers.ContentType?.MediaType;
        if (mediaType is null || !(mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase)))
        {
            return "The image URL did not answer with an image (Content-Type image/* or application/octet-stream).";
        }

        return headers.ContentLength > limits.MaxBytes ? $"The image is larger than {limits.MaxBytes} bytes." : null;
    }

    /// <summary>Step 5: the body in pooled bytes, or null as soon as it passes <paramref name="maxBytes"/>.</summary>
    private static async Task<ImageBuffer?> ReadBodyAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        // One byte over the limit is enough to know; a declared length (already within the limit) sizes the buffer once.
        var ceiling = (int)Math.Min((long)maxBytes + 1, Array.MaxLength);
        var capacity = content.Headers.ContentLength is { } declared ? (int)Math.Min(declared + 1, ceiling) : Math.Min(FirstReadBufferBytes, ceiling);
        var buffer = ArrayPool<byte>.Shared.Rent(capacity);
        var length = 0;
        try
        {
            await using var body = await content.ReadAsStreamAsync(cancellationToken);
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, ceiling));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
                    buffer = larger;
                }

                var read = await body.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, ceiling) - length), cancellationToken);
                if (read == 0)
                {
                    var image = ImageBuffer.FromRented(buffer, length);
                    buffer = null;
                    return image;
                }

                length += read;
                if (length > maxBytes)
                {
                    return null;
                }
            }
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
            }
        }
    }

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private RemoteImageResult Refuse(Uri uri, string refusal)
    {
        Log.Refused(logger, uri.IdnHost, refusal);
        return RemoteImageResult.Refused(refusal);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.RemoteImageFetched, EventName = nameof(EventIds.RemoteImageFetched), Level = LogLevel.Debug,
            Message = "Remote image fetched from {Host}: {Bytes} bytes after {Redirects} redirects.")]
        public static partial void Fetched(ILogger logger, string host, int bytes, int redirects);

        [LoggerMessage(EventId = EventIds.RemoteImageRefused, EventName = nameof(EventIds.RemoteImageRefused), Level = LogLevel.Debug,
            Message = "Remote image from {Host} refused: {Reason}")]
        public static partial void Refused(ILogger logger, string host, string reason);
    }
}
