using Hub.Scanner.Engine;
using Hub.Scanner.Images;
using Hub.Scanner.Ocr;
using Hub.Scanner.Policies;
using Microsoft.Extensions.Options;

namespace Hub.Scanner.Vision;

/// <summary>
/// Scans a request's images (data URLs or bare base64) with the same engine and policy as its texts:
/// 1. every image passes <see cref="ImageGate"/> (parsed, sized from its header, held to the limits) before any is decoded;
/// 2. each is read by <see cref="OcrReader"/> and its words become an <see cref="OcrText"/>;
/// 3. the engine scans the OCR texts as untrusted input (prompt injection included: text in a screenshot is not the app's);
/// 4. each finding's span is mapped back to the union of the boxes of the words it overlaps.
/// The first image that fails step 1 or 2 refuses the whole request: nothing is half-scanned.
/// </summary>
internal sealed class ImageScanner(OcrReader reader, ScanEngine engine, IOptions<OcrOptions> options, TimeProvider time)
{
    private readonly OcrOptions options = options.Value;

    private readonly ImageLimits limits = new() { MaxBytes = options.Value.MaxBytes, MaxPixels = options.Value.MaxPixels };

    /// <summary>Whether images can be scanned at all (<c>Scanner:Ocr:Enabled</c>); when false, requests with images must fail closed.</summary>
    public bool Enabled => options.Enabled;

    public ImageScanResult Scan(IReadOnlyList<string?> images, ScanPolicy policy, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var gated = new List<ImageGateResult>(images.Count);
        try
        {
            // Step 1
            for (var index = 0; index < images.Count; index++)
            {
                var gate = ImageGate.Check(images[index], limits);
                if (!gate.IsAccepted)
                {
                    return ImageScanResult.Refused(index, gate.Refusal.Message);
                }

                gated.Add(gate);
            }

            // Step 2
            var texts = new OcrText[gated.Count];
            var timedOut = new List<int>();
            for (var index = 0; index < gated.Count; index++)
            {
                var ocr = reader.Read(gated[index].Image!.Span, cancellationToken);
                if (ocr.Refusal is { } refusal)
                {
                    return ImageScanResult.Refused(index, Describe(refusal));
                }

                if (ocr.TimedOut)
                {
                    timedOut.Add(index);
                }

                texts[index] = OcrText.From(ocr.Words);
            }

            // Step 3
            var scanned = engine.Scan([.. texts.Select(t => t.Text)], policy);

            // Step 4
            var findings = new ImageFinding[scanned.Findings.Count];
            for (var i = 0; i < findings.Length; i++)
            {
                var finding = scanned.Findings[i];
                var (width, height) = (gated[finding.TextIndex].Dimensions.Width, gated[finding.TextIndex].Dimensions.Height);

                // A span always holds a word's character; the whole image is the fail-closed answer if it somehow does not.
                findings[i] = new ImageFinding(finding, texts[finding.TextIndex].BoxOf(finding.Start, finding.End) ?? new OcrBox(0, 0, width, height));
            }

            return new ImageScanResult(scanned.Blocked, findings, timedOut, time.GetElapsedTime(started).TotalMilliseconds, Refusal: null);
        }
        finally
        {
            foreach (var gate in gated)
            {
                gate.Dispose();
            }
        }
    }

    private static string Describe(OcrRefusal refusal) => refusal switch
    {
        OcrRefusal.Empty => "The image is empty.",
        OcrRefusal.TooManyBytes => "The image is larger than the byte limit.",
        OcrRefusal.TooManyPixels => "The image has more pixels than the limit.",
        OcrRefusal.UnreadableHeader => "The image header could not be read.",
        OcrRefusal.Undecodable => "The image could not be decoded (truncated or corrupt data).",
        _ => "Image scanning is not enabled.",
    };
}
