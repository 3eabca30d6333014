using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Hub.Gateway.Errors;
using Microsoft.Extensions.Options;

namespace Hub.Gateway.Scanning;

/// <summary>
/// Sends every text and image of a request to Hub.Scanner in one <c>POST /v1/scan</c> call with the caller's
/// policy. Fails closed: if the scanner cannot answer in time, the caller gets a 503 and nothing is
/// forwarded. An image the scanner cannot read is the caller's fault (400 naming its message); a scanner that
/// cannot read images at all (OCR off, its engine down) refuses the request with 503.
/// </summary>
/// <remarks>
/// A bare pooled client rather than an IHttpClientFactory one: this call is on every request, and the
/// factory's standard chain (discovery, logging scopes, rate limiter, retry, circuit breaker, two
/// timeouts) cost as much CPU as the scan itself. What the chain gave is kept: the address comes from
/// Aspire's <c>services__scanner__…</c> variables, a refused connection is retried once, and a timeout
/// bounds the wait.
/// </remarks>
internal sealed partial class ScannerClient : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient http;
    private readonly Uri? scanUrl;
    private readonly TimeSpan timeout;
    private readonly TimeSpan imageTimeout;
    private readonly ILogger<ScannerClient> logger;

    public ScannerClient(IConfiguration configuration, IOptions<ScanningOptions> options, ILogger<ScannerClient> logger)
    {
        this.logger = logger;
        timeout = TimeSpan.FromSeconds(options.Value.TimeoutSeconds);
        imageTimeout = TimeSpan.FromSeconds(options.Value.ImageTimeoutSeconds);
        scanUrl = ScannerAddress.From(configuration) is { } address ? new Uri(address, "/v1/scan") : null;
        http = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = TimeSpan.FromSeconds(2),
        })
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
    }

    /// <param name="policyJson">The policy as the scan API takes it; null for the scanner's default (Maximum Protection).</param>
    public async Task<(ScanVerdict? Verdict, HubError? Error)> ScanAsync(
        IReadOnlyList<ScannableText> texts, IReadOnlyList<ScannableImage> images, ReadOnlyMemory<byte>? policyJson, CancellationToken cancellationToken)
    {
        if (texts.Count == 0 && images.Count == 0)
        {
            return (ScanVerdict.Empty, null);
        }

        if (scanUrl is null)
        {
            Log.ScannerNotConfigured(logger);
            return (null, Unavailable());
        }

        var started = Stopwatch.GetTimestamp();
        var body = WriteRequest(texts, images, policyJson);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(images.Count == 0 ? timeout : imageTimeout);
        try
        {
            using var response = await SendAsync(body, deadline.Token);
            if (response.StatusCode == HttpStatusCode.RequestEntityTooLarge)
            {
                return (null, new HubError(StatusCodes.Status413PayloadTooLarge, "invalid_request_error", "request_too_large",
                    images.Count == 0
                        ? "The request holds more text than the gateway scans in one request."
                        : "The request holds more text or images than the gateway scans in one request."));
            }

            if (images.Count > 0 && await ImageRefusals.ReadAsync(response, images, deadline.Token) is { } refused)
            {
                return (null, refused);
            }

            if (!response.IsSuccessStatusCode)
            {
                // A 400 here means a stored policy the scanner refuses: a configuration fault, not the caller's.
                Log.ScannerRefused(logger, (int)response.StatusCode);
                return (null, Unavailable());
            }

            await using var answer = await response.Content.ReadAsStreamAsync(deadline.Token);
            var verdict = await JsonSerializer.DeserializeAsync(answer, ScannerWireContext.Default.ScanVerdict, deadline.Token);
            if (verdict is null || !Matches(verdict, texts.Count, images.Count))
            {
                Log.ScannerAnswerInvalid(logger);
                return (null, Unavailable());
            }

            return (verdict with { RoundTripMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds }, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Log.ScannerUnavailable(logger, ex.GetType().Name);
            return (null, Unavailable());
        }
    }

    public void Dispose() => http.Dispose();

    /// <summary>One redacted text per text, one image slot per image, every finding pointing at one of them.</summary>
    private static bool Matches(ScanVerdict verdict, int texts, int images)
    {
        if (verdict.RedactedTexts?.Count != texts || (images > 0 && verdict.RedactedImages?.Count != images))
        {
            return false;
        }

        foreach (var finding in verdict.Findings)
        {
            var inRange = finding.ImageIndex is { } image ? image >= 0 && image < images : finding.TextIndex is { } text && text >= 0 && text < texts;
            if (!inRange)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>One retry when the connection itself failed (a scanner restarting, a pooled connection it closed).</summary>
    private async Task<HttpResponseMessage> SendAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var content = new ReadOnlyMemoryContent(body);
            content.Headers.ContentType = Json;
            try
            {
                return await http.PostAsync(scanUrl, content, cancellationToken);
            }
            catch (HttpRequestException) when (attempt == 1 && !cancellationToken.IsCancellationRequested)
            {
            }
        }
    }

    private static HubError Unavailable() => new(StatusCodes.Status503ServiceUnavailable, "service_unavailable_error", "scanner_unavailable",
        "The request could not be scanned, so it was not sent. Try again shortly.");

    /// <summary><c>{"texts":[…],"trusted":[…],"images":[…],"policy":{…}}</c>, the policy copied as stored; <c>images</c> only when there are some.</summary>
    private static ReadOnlyMemory<byte> WriteRequest(IReadOnlyList<ScannableText> texts, IReadOnlyList<ScannableImage> images, ReadOnlyMemory<byte>? policyJson)
    {
        var size = 64 + (policyJson?.Length ?? 0);
        foreach (var text in texts)
        {
            size += text.Value.Length + 8;
        }

        foreach (var image in images)
        {
            size += image.Url.Length + 8;
        }

        var buffer = new ArrayBufferWriter<byte>(size);
        using var writer = new Utf8JsonWriter(buffer, JsonWriting.Options);
        writer.WriteStartObject();
        writer.WriteStartArray("texts"u8);
        foreach (var text in texts)
        {
            writer.WriteStringValue(text.Value);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("trusted"u8);
        for (var index = 0; index < texts.Count; index++)
        {
            if (texts[index].Trusted)
            {
                writer.WriteNumberValue(index);
            }
        }

        writer.WriteEndArray();
        if (images.Count > 0)
        {
            writer.WriteStartArray("images"u8);
            foreach (var image in images)
            {
                writer.WriteStringValue(image.Url);
            }

            writer.WriteEndArray();
        }

        if (policyJson is { } policy)
        {
            writer.WritePropertyName("policy"u8);
            writer.WriteRawValue(policy.Span, skipInputValidation: true);
        }

        writer.WriteEndObject();
        writer.Flush();
        return buffer.WrittenMemory;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.ScannerUnavailable, EventName = nameof(ScannerUnavailable), Level = LogLevel.Error,
            Message = "The scanner could not be reached ({ExceptionType}); request refused")]
        public static partial void ScannerUnavailable(ILogger logger, string exceptionType);

        [LoggerMessage(EventId = Diagnostics.EventIds.ScannerRefused, EventName = nameof(ScannerRefused), Level = LogLevel.Error,
            Message = "The scanner answered HTTP {Status}; request refused")]
        public static partial void ScannerRefused(ILogger logger, int status);

        [LoggerMessage(EventId = Diagnostics.EventIds.ScannerAnswerInvalid, EventName = nameof(ScannerAnswerInvalid), Level = LogLevel.Error,
            Message = "The scanner's answer did not match the request; request refused")]
        public static partial void ScannerAnswerInvalid(ILogger logger);

        [LoggerMessage(EventId = Diagnostics.EventIds.ScannerNotConfigured, EventName = nameof(ScannerNotConfigured), Level = LogLevel.Error,
            Message = "No scanner address is configured (services__scanner__http__0); request refused")]
        public static partial void ScannerNotConfigured(ILogger logger);
    }
}
