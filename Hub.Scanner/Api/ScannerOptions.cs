using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Hub.Scanner.Api;

internal sealed class ScannerOptions
{
    public const string SectionName = "Scanner";

    /// <summary>Most texts in one scan request. Default 10,000 (a long conversation's message parts).</summary>
    [Range(1, 1_000_000)]
    public int MaxTexts { get; set; } = 10_000;

    /// <summary>Most characters (UTF-16 code units) over all texts of one request. Default 8,000,000.</summary>
    [Range(1, 512_000_000)]
    public int MaxTotalChars { get; set; } = 8_000_000;

    /// <summary>
    /// Most images in one scan request. Default 16: each is OCR-ed in turn on one engine (about 0.2 s for a 1920×1080
    /// screenshot), so the count bounds the time one request can hold an engine.
    /// </summary>
    [Range(1, 1_000)]
    public int MaxImages { get; set; } = 16;
}

[OptionsValidator]
internal sealed partial class ScannerOptionsValidator : IValidateOptions<ScannerOptions>;
