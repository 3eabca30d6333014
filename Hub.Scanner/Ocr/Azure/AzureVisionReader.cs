using System.Net.Http.Headers;
using System.Text.Json;
using Hub.Scanner.Images;
using Microsoft.Extensions.Options;

namespace Hub.Scanner.Ocr.Azure;

/// <summary>
/// Reads text and word boxes with Azure AI Vision Image Analysis 4.0 <c>read</c> over plain HTTPS (the .NET SDK is not
/// served). The same limits as <see cref="OcrReader"/> apply before anything is sent: bytes, then the header (read by
/// <see cref="ImageGate"/> in managed code) and pixels, so nothing over the limits leaves the process.
/// A timeout gives <see cref="OcrResult.TimedOut"/> with nothing read; any other failure throws
/// <see cref="OcrEngineUnavailableException"/> so the caller fails closed.
/// </summary>
internal sealed partial class AzureVisionReader(
    IHttpClientFactory httpClients, IOptions<OcrOptions> ocrOptions, IOptions<AzureVisionOptions> azureOptions, ILogger<AzureVisionReader> logger)
    : IImageTextReader
{
    public const string HttpClientName = "AzureVision";

    /// <summary>The path and query of one call; the GA version of Image Analysis 4.0.</summary>
    public const string AnalyzePathAndQuery = "computervision/imageanalysis:analyze?api-version=2024-02-01&features=read";

    /// <summary>Azure's own limit on a side (16,000 px); larger images would only come back as a 400.</summary>
    public const int MaxSide = 16_000;

    /// <summary>A read of a 40-megapixel page is a few MB of JSON; more than this is not an answer.</summary>
    internal const int MaxResponseBytes = 16 * 1024 * 1024;

    private readonly OcrOptions options = ocrOptions.Value;
    private readonly AzureVisionOptions azure = azureOptions.Value;

    public bool Enabled => options.Enabled;

    public async ValueTask<OcrResult> ReadAsync(ReadOnlyMemory<byte> image, CancellationToken cancellationToken)
    {
        if (options.RefusalBeforeReading(image.Length) is { } refusal)
        {
            return refusal == OcrRefusal.Disabled ? OcrResult.Refused(refusal) : Refuse(refusal, image.Length);
        }

        var limits = new ImageLimits { MaxBytes = options.MaxBytes, MaxPixels = options.MaxPixels, MaxSide = MaxSide };
        var header = ImageGate.Check(image.Span, limits);
        if (!header.IsAccepted)
        {
            return Refuse(ToOcrRefusal(header.Refusal.Reason), image.Length);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var (_, width, height) = header.Dimensions;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(azure.TimeoutMs);
        try
        {
            return await AnalyzeAsync(image, width, height, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log.TimedOut(logger, azure.TimeoutMs, width, height);
            return new OcrResult("", [], width, height, TimedOut: true, Refusal: null);
        }
    }

    private async Task<OcrResult> AnalyzeAsync(ReadOnlyMemory<byte> image, int width, int height, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(EndpointRoot(azure.Endpoint), AnalyzePathAndQuery));
        request.Headers.Add("Ocp-Apim-Subscription-Key", azure.Key);
        request.Content = new ReadOnlyMemoryContent(image);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        var client = httpClients.CreateClient(HttpClientName);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            Log.Unreachable(logger, e.HttpRequestError);
            throw new OcrEngineUnavailableException($"Azure AI Vision could not be reached ({e.HttpRequestError}).", e);
        }

        using (response)
        {
            byte[] body;
            try
            {
                body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                // Also what an answer over MaxResponseContentBufferSize throws.
                Log.Unreachable(logger, e.HttpRequestError);
                throw new OcrEngineUnavailableException($"Azure AI Vision's answer could not be read ({e.HttpRequestError}).", e);
            }

            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                var code = ErrorCode(body);
                Log.Failed(logger, status, code);
                throw new OcrEngineUnavailableException($"Azure AI Vision answered {status} ({code}).") { StatusCode = status };
            }

            var result = Parse(body, width, height);
            if (result is null)
            {
                Log.Unparseable(logger, status, body.Length);
                throw new OcrEngineUnavailableException($"Azure AI Vision's answer ({body.Length} bytes) is not an Image Analysis read result.") { StatusCode = status };
            }

            return result;
        }
    }

    /// <summary>The answer as an <see cref="OcrResult"/>, or null when it is not the documented shape.</summary>
    internal static OcrResult? Parse(ReadOnlySpan<byte> body, int headerWidth, int headerHeight)
    {
        AzureAnalyzeResult? answer;
        try
        {
            answer = JsonSerializer.Deserialize(body, AzureVisionJsonContext.Default.AzureAnalyzeResult);
        }
        catch (JsonException)
        {
            return null;
        }

        if (answer is not { Metadata: { Width: > 0, Height: > 0 } metadata, ReadResult: { } read })
        {
            return null;
        }

        // Azure reports the size it analysed; the header is what the limits were applied to. Boxes are clamped to both.
        var width = Math.Min(metadata.Width, headerWidth);
        var height = Math.Min(metadata.Height, headerHeight);
        var lines = new List<string>();
        var words = new List<OcrWord>();
        foreach (var line in (read.Blocks ?? []).SelectMany(block => block.Lines ?? []))
        {
            var lineWords = line.Words ?? [];
            foreach (var word in lineWords)
            {
                if (word.Text is null || Box(word.BoundingPolygon, width, height) is not { } box)
                {
                    return null;
                }

                words.Add(new OcrWord(word.Text, box, word.Confidence));
            }

            lines.Add(line.Text ?? string.Join(' ', lineWords.Select(w => w.Text)));
        }

        return new OcrResult(string.Join('\n', lines), words, metadata.Width, metadata.Height, TimedOut: false, Refusal: null);
    }

    /// <summary>The polygon's bounding rectangle inside the image; a word is at least one pixel wide and high.</summary>
    private static OcrBox? Box(IReadOnlyList<AzurePoint>? polygon, int width, int height)
    {
        if (polygon is not { Count: > 0 })
        {
            return null;
        }

        var left = Math.Clamp(polygon.Min(p => p.X), 0, width - 1);
        var top = Math.Clamp(polygon.Min(p => p.Y), 0, height - 1);
        var right = Math.Clamp(polygon.Max(p => p.X), left + 1, width);
        var bottom = Math.Clamp(polygon.Max(p => p.Y), top + 1, height);
        return new OcrBox(left, top, right - left, bottom - top);
    }

    /// <summary>Azure's error code (e.g. <c>401</c>, <c>InvalidRequest</c>), reduced to safe characters; never its message.</summary>
    private static string ErrorCode(ReadOnlySpan<byte> body)
    {
        try
        {
            var code = JsonSerializer.Deserialize(body, AzureVisionJsonContext.Default.AzureErrorBody)?.Error?.Code;
            if (!string.IsNullOrEmpty(code))
            {
                var safe = new string(code.Where(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.').Take(64).ToArray());
                return safe.Length > 0 ? safe : "unknown";
            }
        }
        catch (JsonException)
        {
        }

        return "unknown";
    }

    private static Uri EndpointRoot(string? endpoint)
    {
        // Validated at start when Azure is selected; the trailing slash keeps a path prefix (a proxy's) in the URL.
        var text = endpoint ?? throw new OcrEngineUnavailableException("Scanner:Ocr:Azure:Endpoint is not set.");
        return new Uri(text.EndsWith('/') ? text : text + "/", UriKind.Absolute);
    }

    private static OcrRefusal ToOcrRefusal(ImageRefusalReason reason) => reason switch
    {
        ImageRefusalReason.Empty => OcrRefusal.Empty,
        ImageRefusalReason.TooManyBytes => OcrRefusal.TooManyBytes,
        ImageRefusalReason.TooManyPixels or ImageRefusalReason.SideTooLong => OcrRefusal.TooManyPixels,
        _ => OcrRefusal.UnreadableHeader,
    };

    private OcrResult Refuse(OcrRefusal reason, int bytes)
    {
        Log.ImageRefused(logger, reason, bytes);
        return OcrResult.Refused(reason);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.AzureVisionImageRefused, EventName = nameof(Diagnostics.EventIds.AzureVisionImageRefused), Level = LogLevel.Debug,
            Message = "Image refused before Azure AI Vision: {Reason} ({Bytes} bytes); nothing was sent.")]
        public static partial void ImageRefused(ILogger logger, OcrRefusal reason, int bytes);

        [LoggerMessage(EventId = Diagnostics.EventIds.AzureVisionTimedOut, EventName = nameof(Diagnostics.EventIds.AzureVisionTimedOut), Level = LogLevel.Warning,
            Message = "Azure AI Vision did not answer within {TimeoutMs} ms for a {Width}×{Height} px image; nothing was read.")]
        public static partial void TimedOut(ILogger logger, int timeoutMs, int width, int height);

        [LoggerMessage(EventId = Diagnostics.EventIds.AzureVisionFailed, EventName = nameof(Diagnostics.EventIds.AzureVisionFailed), Level = LogLevel.Error,
            Message = "Azure AI Vision answered {Status} ({ErrorCode}); the image was not read.")]
        public static partial void Failed(ILogger logger, int status, string errorCode);

        [LoggerMessage(EventId = Diagnostics.EventIds.AzureVisionUnreachable, EventName = nameof(Diagnostics.EventIds.AzureVisionUnreachable), Level = LogLevel.Error,
            Message = "Azure AI Vision could not be reached or its answer not read ({Error}); the image was not read.")]
        public static partial void Unreachable(ILogger logger, HttpRequestError error);

        [LoggerMessage(EventId = Diagnostics.EventIds.AzureVisionUnparseable, EventName = nameof(Diagnostics.EventIds.AzureVisionUnparseable), Level = LogLevel.Error,
            Message = "Azure AI Vision answered {Status} with {Bytes} bytes that are not a read result; the image was not read.")]
        public static partial void Unparseable(ILogger logger, int status, int bytes);
    }
}
