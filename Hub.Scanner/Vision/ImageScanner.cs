using Hub.Core.Policies;
using Hub.Scanner.Engine;
using Hub.Scanner.Images;
using Hub.Scanner.Images.Remote;
using Hub.Scanner.Ocr;
using Hub.Scanner.Policies;
using Microsoft.Extensions.Options;

namespace Hub.Scanner.Vision;

/// <summary>
/// Scans a request's images (data URLs, bare base64 or <c>https://</c> URLs) with the same engine and policy as its texts.
/// The policy's <c>images</c> setting comes first: <c>allow</c> reads nothing, <c>block_all</c> blocks every image unread.
/// Under <c>scan</c> (the default):
/// 1. every image is loaded — inline ones through <see cref="ImageGate"/>, remote ones fetched (all at once) by
///    <see cref="RemoteImageFetcher"/> and gated the same way, or blocked unread under <c>remote_images: refuse</c>;
/// 2. each is read by the OCR engine (<see cref="IImageTextReader"/>), as many at a time as there are engines, and its
///    words become an <see cref="OcrText"/>; an image whose OCR reached the deadline blocks the request unless
///    <c>image_ocr_timeout</c> is <c>allow</c>;
/// 3. the engine scans the OCR texts as untrusted input (prompt injection included: text in a screenshot is not the app's);
/// 4. each finding's span is mapped back to the union of the boxes of the words it overlaps;
/// 5. unless the request is blocked, an image with REDACT findings has those words' boxes filled and is re-encoded as PNG
///    (<see cref="ImageRedactor"/>); every remote image, and every image that may hold frames OCR did not read
///    (<see cref="ImageFrames"/>), is re-encoded too, so the provider gets exactly what was scanned and never fetches
///    the URL itself.
/// The first image that fails step 1 or 2 refuses the whole request: nothing is half-scanned.
/// </summary>
internal sealed class ImageScanner(
    IImageTextReader reader, RemoteImageFetcher fetcher, ScanEngine engine, IOptions<OcrOptions> options, TimeProvider time)
{
    private readonly ImageLimits limits = new() { MaxBytes = options.Value.MaxBytes, MaxPixels = options.Value.MaxPixels };

    private readonly int engines = options.Value.Engines;

    /// <summary>Whether images can be read at all (<c>Scanner:Ocr:Enabled</c>); when false, requests whose policy scans images must fail closed.</summary>
    public bool Enabled => reader.Enabled;

    public async Task<ImageScanResult> ScanAsync(IReadOnlyList<string?> images, ScanPolicy policy, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var unchanged = new string?[images.Count];
        switch (policy.Images.Mode)
        {
            case ImageMode.Allow:
                return new ImageScanResult(false, [], [], unchanged, time.GetElapsedTime(started).TotalMilliseconds, Refusal: null);
            case ImageMode.BlockAll:
                ImageFinding[] all = [.. images.Select((_, index) => Unread(index, ImageEntities.Image))];
                return new ImageScanResult(true, all, [], unchanged, time.GetElapsedTime(started).TotalMilliseconds, Refusal: null);
        }

        var loaded = new LoadedImage?[images.Count];
        try
        {
            // Step 1
            var findings = new List<ImageFinding>();
            var loads = new Task<LoadedImage>[images.Count];
            for (var index = 0; index < images.Count; index++)
            {
                loads[index] = LoadAsync(images[index], policy.Images.Remote, cancellationToken);
            }

            try
            {
                await Task.WhenAll(loads);
            }
            finally
            {
                // Even when one fetch failed or was cancelled, the others' buffers are disposed below.
                for (var index = 0; index < images.Count; index++)
                {
                    loaded[index] = loads[index].IsCompletedSuccessfully ? loads[index].Result : null;
                }
            }

            for (var index = 0; index < images.Count; index++)
            {
                switch (loaded[index]!)
                {
                    case { Refusal: { } refusal }:
                        return ImageScanResult.Refused(index, refusal);
                    case { Bytes: null }:
                        findings.Add(Unread(index, ImageEntities.RemoteImage));
                        break;
                }
            }

            // Step 2
            var read = await ReadAllAsync(loaded, cancellationToken);
            var texts = new OcrText[images.Count];
            var timedOut = new List<int>();
            for (var index = 0; index < images.Count; index++)
            {
                var ocr = read[index];
                if (ocr?.Refusal is { } refusal)
                {
                    return ImageScanResult.Refused(index, Describe(refusal));
                }

                texts[index] = OcrText.From(ocr?.Words ?? []);
                if (ocr?.TimedOut == true)
                {
                    timedOut.Add(index);
                    if (policy.Images.OnTimeout == OcrTimeoutAction.Block)
                    {
                        findings.Add(new ImageFinding(Blocking(index, ImageEntities.OcrTimeout), WholeOf(loaded[index]!)));
                    }
                }
            }

            // Step 3
            var scanned = engine.Scan([.. texts.Select(t => t.Text)], policy);

            // Step 4: a span always holds a word's character; the whole image is the fail-closed answer if it somehow does not.
            foreach (var finding in scanned.Findings)
            {
                findings.Add(new ImageFinding(finding, texts[finding.TextIndex].BoxOf(finding.Start, finding.End) ?? WholeOf(loaded[finding.TextIndex]!)));
            }

            findings.Sort((a, b) => (a.Finding.TextIndex, a.Finding.Start).CompareTo((b.Finding.TextIndex, b.Finding.Start)));
            var blocked = findings.Exists(f => f.Finding.Action == ScanAction.Block);

            // Step 5
            var replacements = unchanged;
            if (!blocked && !TryReplace(loaded, texts, scanned.Findings, out replacements, out var failed))
            {
                // Leptonica could not decode what the OCR engine read (Azure decodes on its own): never forward it unredacted.
                return ImageScanResult.Refused(failed, "The image could not be decoded for redaction.");
            }

            return new ImageScanResult(blocked, findings, timedOut, replacements, time.GetElapsedTime(started).TotalMilliseconds, Refusal: null);
        }
        finally
        {
            foreach (var image in loaded)
            {
                image?.Dispose();
            }
        }
    }

    /// <summary>
    /// An inline image gated, or a remote one fetched and gated, or a remote one left unread by policy. The fetcher owns
    /// the URL rules (https only, public addresses only).
    /// </summary>
    private async Task<LoadedImage> LoadAsync(string? value, RemoteImageMode remote, CancellationToken cancellationToken)
    {
        if (value is null || !RemoteImageUrl.IsUrl(value))
        {
            var gate = ImageGate.Check(value, limits);
            return gate.IsAccepted ? new LoadedImage(gate.Image, gate.Dimensions, Remote: false) : LoadedImage.Refused(gate.Refusal.Message);
        }

        if (remote == RemoteImageMode.Refuse)
        {
            return LoadedImage.NotFetched;
        }

        var fetched = await fetcher.FetchAsync(value, limits, cancellationToken);
        if (fetched.Image is not { } bytes)
        {
            fetched.Dispose();
            return LoadedImage.Refused(fetched.Refusal ?? "The image could not be fetched.");
        }

        var header = ImageGate.Check(bytes.Span, limits);
        if (!header.IsAccepted)
        {
            fetched.Dispose();
            return LoadedImage.Refused(header.Refusal.Message);
        }

        return new LoadedImage(bytes, header.Dimensions, Remote: true, Owner: fetched);
    }

    /// <summary>OCR of every loaded image, as many at a time as there are engines; null where an image was not loaded.</summary>
    private async Task<OcrResult?[]> ReadAllAsync(LoadedImage?[] loaded, CancellationToken cancellationToken)
    {
        var results = new OcrResult?[loaded.Length];
        var indices = Enumerable.Range(0, loaded.Length).Where(index => loaded[index]?.Bytes is not null);
        await Parallel.ForEachAsync(
            indices,
            new ParallelOptions { MaxDegreeOfParallelism = engines, CancellationToken = cancellationToken },
            async (index, token) => results[index] = await reader.ReadAsync(loaded[index]!.Bytes!.Memory, token));
        return results;
    }

    /// <summary>
    /// Step 5: the redacted (or re-encoded) PNGs, base64; null where an image goes on as sent. False, with the image's
    /// index, when one could not be redacted.
    /// </summary>
    private static bool TryReplace(LoadedImage?[] loaded, OcrText[] texts, IReadOnlyList<Finding> findings, out string?[] replacements, out int failed)
    {
        (replacements, failed) = (new string?[loaded.Length], -1);
        for (var index = 0; index < loaded.Length; index++)
        {
            if (loaded[index] is not { Bytes: { } bytes } image)
            {
                continue;
            }

            var boxes = new List<OcrBox>();
            foreach (var finding in findings)
            {
                if (finding.TextIndex == index && finding.Action == ScanAction.Redact)
                {
                    boxes.AddRange(texts[index].WordBoxesOf(finding.Start, finding.End));
                }
            }

            if (boxes.Count == 0 && !image.Remote && !ImageFrames.MayHaveMore(bytes.Span, image.Dimensions.Format))
            {
                continue;
            }

            try
            {
                replacements[index] = Convert.ToBase64String(ImageRedactor.RedactToPng(bytes.Span, boxes));
            }
            catch (ImageRedactionException)
            {
                failed = index;
                return false;
            }
        }

        return true;
    }

    private static ImageFinding Unread(int index, string entity) => new(Blocking(index, entity), Box: null);

    private static Finding Blocking(int index, string entity) => new(index, entity, 0, 0, 1.0, ScanAction.Block);

    private static OcrBox WholeOf(LoadedImage image) => new(0, 0, image.Dimensions.Width, image.Dimensions.Height);

    private static string Describe(OcrRefusal refusal) => refusal switch
    {
        OcrRefusal.Empty => "The image is empty.",
        OcrRefusal.TooManyBytes => "The image is larger than the byte limit.",
        OcrRefusal.TooManyPixels => "The image has more pixels than the limit.",
        OcrRefusal.UnreadableHeader => "The image header could not be read.",
        OcrRefusal.Undecodable => "The image could not be decoded (truncated or corrupt data).",
        _ => "Image scanning is not enabled.",
    };

    /// <summary>One image ready for OCR (its bytes and header size), refused (a message), or not fetched by policy (neither).</summary>
    private sealed record LoadedImage(ImageBuffer? Bytes, ImageDimensions Dimensions, bool Remote, IDisposable? Owner = null, string? Refusal = null)
        : IDisposable
    {
        public static readonly LoadedImage NotFetched = new(null, default, Remote: true);

        public static LoadedImage Refused(string message) => new(null, default, Remote: false, Refusal: message);

        public void Dispose()
        {
            Bytes?.Dispose();
            Owner?.Dispose();
        }
    }
}
