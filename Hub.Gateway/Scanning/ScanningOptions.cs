using System.ComponentModel.DataAnnotations;

namespace Hub.Gateway.Scanning;

internal sealed class ScanningOptions
{
    public const string SectionName = "Gateway:Scanning";

    /// <summary>
    /// Seconds one scanner call may take before the request is refused with 503 (fail closed).
    /// Default 10: a 16 MiB body scans in about half a second, so this only trips on a sick scanner.
    /// </summary>
    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// Seconds one scanner call with images may take (OCR, and fetching remote images). Default 30: the scanner reads up
    /// to 16 images, each under a 1 s OCR deadline (a 1920×1080 screenshot takes about 0.2 s), plus up to 5 s per fetch.
    /// </summary>
    [Range(1, 600)]
    public int ImageTimeoutSeconds { get; set; } = 30;
}

[Microsoft.Extensions.Options.OptionsValidator]
internal sealed partial class ScanningOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<ScanningOptions>;
