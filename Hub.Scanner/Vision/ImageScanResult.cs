using Hub.Scanner.Engine;
using Hub.Scanner.Ocr;

namespace Hub.Scanner.Vision;

/// <summary>
/// One finding in an image: <see cref="Finding.TextIndex"/> is the image's index, <see cref="Finding.Start"/> and
/// <see cref="Finding.End"/> are offsets into that image's <see cref="OcrText"/>, <see cref="Box"/> is where it is, in
/// pixels (null for a finding about the whole image that was never read, such as <see cref="ImageEntities.Image"/>).
/// </summary>
internal readonly record struct ImageFinding(Finding Finding, OcrBox? Box);

/// <summary>Why an image of a request was not scanned; <see cref="Message"/> is safe to return and log.</summary>
internal sealed record ImageScanRefusal(int Index, string Message);

/// <summary>What the images of one request held, or the first image that could not be read.</summary>
/// <param name="TimedOut">Indices of images whose OCR reached its deadline: only what was read by then was scanned.</param>
/// <param name="Replacements">
/// One per image: the base64 PNG to forward instead (redacted, or a remote image as fetched and scanned), or null where the
/// image goes on unchanged. All null when the request is blocked: nothing will be forwarded.
/// </param>
internal sealed record ImageScanResult(
    bool Blocked,
    IReadOnlyList<ImageFinding> Findings,
    IReadOnlyList<int> TimedOut,
    IReadOnlyList<string?> Replacements,
    double ScanMilliseconds,
    ImageScanRefusal? Refusal)
{
    public static ImageScanResult Refused(int index, string message) => new(false, [], [], [], 0, new ImageScanRefusal(index, message));
}
