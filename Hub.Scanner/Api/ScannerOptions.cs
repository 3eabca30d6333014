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
}

[OptionsValidator]
internal sealed partial class ScannerOptionsValidator : IValidateOptions<ScannerOptions>;
