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
}

[Microsoft.Extensions.Options.OptionsValidator]
internal sealed partial class ScanningOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<ScanningOptions>;
