using Hub.Scanner.Ocr.Native;
using Microsoft.Extensions.Options;

namespace Hub.Scanner.Ocr;

/// <summary>
/// Reads the text and word boxes of one encoded image (PNG, JPEG, WebP, GIF, BMP, TIFF), in memory only.
/// Step 1: refuse by byte size; 2: read the header only and refuse by pixel count or an unreadable header — a small PNG
/// can claim 16000×16000, so nothing is decoded before this; 3: decode; 4: recognise on a pooled engine under the deadline.
/// </summary>
internal sealed unsafe partial class OcrReader(OcrEnginePool pool, IOptions<OcrOptions> options, ILogger<OcrReader> logger) : IImageTextReader
{
    private readonly OcrOptions options = options.Value;

    public bool Enabled => options.Enabled;

    /// <summary>Runs <see cref="Read"/> on the calling thread: recognition is CPU work bounded by the deadline.</summary>
    public ValueTask<OcrResult> ReadAsync(ReadOnlyMemory<byte> image, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Read(image.Span, cancellationToken));

    public OcrResult Read(ReadOnlySpan<byte> image, CancellationToken cancellationToken)
    {
        // Step 1
        if (options.RefusalBeforeReading(image.Length) is { } refusal)
        {
            return refusal == OcrRefusal.Disabled ? OcrResult.Refused(refusal) : Refuse(refusal, image.Length);
        }

        cancellationToken.ThrowIfCancellationRequested();
        OcrNativeRuntime.EnsureInitialized();
        fixed (byte* data = image)
        {
            // Step 2
            if (LeptonicaNative.PixReadHeaderMem(data, (nuint)image.Length, out _, out var width, out var height, out _, out _, out _) != 0
                || width <= 0 || height <= 0)
            {
                return Refuse(OcrRefusal.UnreadableHeader, image.Length);
            }

            if ((long)width * height > options.MaxPixels)
            {
                return Refuse(OcrRefusal.TooManyPixels, image.Length, width, height);
            }

            // Step 3
            using var pix = LeptonicaNative.PixReadMem(data, (nuint)image.Length);
            if (pix.IsInvalid)
            {
                return Refuse(OcrRefusal.Undecodable, image.Length, width, height);
            }

            // The decoder, not the header, is the truth: a header can disagree with the data that follows it.
            width = LeptonicaNative.PixGetWidth(pix);
            height = LeptonicaNative.PixGetHeight(pix);
            if ((long)width * height > options.MaxPixels)
            {
                return Refuse(OcrRefusal.TooManyPixels, image.Length, width, height);
            }

            // Step 4
            using var lease = pool.Rent(cancellationToken);
            var (text, words, timedOut) = lease.Engine.Recognize(pix, options.DeadlineMs, cancellationToken);
            if (timedOut)
            {
                Log.DeadlineReached(logger, options.DeadlineMs, width, height, words.Count);
            }

            return new OcrResult(text, words, width, height, timedOut, Refusal: null);
        }
    }

    private OcrResult Refuse(OcrRefusal reason, int bytes, int width = 0, int height = 0)
    {
        Log.ImageRefused(logger, reason, bytes, width, height);
        return OcrResult.Refused(reason, width, height);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.OcrImageRefused, EventName = nameof(Diagnostics.EventIds.OcrImageRefused), Level = LogLevel.Debug,
            Message = "Image refused for OCR: {Reason} ({Bytes} bytes, {Width}×{Height} px).")]
        public static partial void ImageRefused(ILogger logger, OcrRefusal reason, int bytes, int width, int height);

        [LoggerMessage(EventId = Diagnostics.EventIds.OcrDeadlineReached, EventName = nameof(Diagnostics.EventIds.OcrDeadlineReached), Level = LogLevel.Debug,
            Message = "OCR deadline of {DeadlineMs} ms reached on a {Width}×{Height} px image; {Words} words read by then.")]
        public static partial void DeadlineReached(ILogger logger, int deadlineMs, int width, int height, int words);
    }
}
