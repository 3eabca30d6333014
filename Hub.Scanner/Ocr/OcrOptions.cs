using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Hub.Scanner.Ocr;

/// <summary>OCR, section <c>Scanner:Ocr</c>: local Tesseract 5 through its C API (default) or Azure AI Vision (<c>Azure</c>).</summary>
internal sealed class OcrOptions
{
    public const string SectionName = "Scanner:Ocr";

    /// <summary>The <see cref="Engine"/> value for Tesseract, in-process.</summary>
    public const string EngineTesseract = "tesseract";

    /// <summary>The <see cref="Engine"/> value for Azure AI Vision's <c>read</c> over HTTPS (<c>Scanner:Ocr:Azure</c>).</summary>
    public const string EngineAzure = "azure";

    /// <summary>
    /// Whether images are read at all. Default false; while false, a scan request with images is answered 503. When true,
    /// the engines are started at boot and a missing Tesseract stops the process there.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// Which engine reads images: <c>tesseract</c> (default, local) or <c>azure</c> (Azure AI Vision 4.0, settings in
    /// <c>Scanner:Ocr:Azure</c>; Tesseract is then never started). Case-insensitive.
    /// </summary>
    [Required]
    [RegularExpression("^(?i:tesseract|azure)$", ErrorMessage = "The field Engine must be 'tesseract' or 'azure'.")]
    public string Engine { get; set; } = EngineTesseract;

    /// <summary>Whether <see cref="Engine"/> selects Azure AI Vision.</summary>
    public bool UsesAzure => string.Equals(Engine, EngineAzure, StringComparison.OrdinalIgnoreCase);

    /// <summary>Engines in the pool, each with its own model in memory (about 100 ms to start). Default: one per processor.</summary>
    [Range(1, 256)]
    public int Engines { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Longest time one image may take to recognise locally, in milliseconds; then what was read is returned. Default
    /// 1,000. Azure has its own <c>Scanner:Ocr:Azure:TimeoutMs</c>.
    /// </summary>
    [Range(1, 600_000)]
    public int DeadlineMs { get; set; } = 1000;

    /// <summary>Largest encoded image, in bytes. Default 20 MB (20,971,520; Azure AI Vision's limit too).</summary>
    [Range(1, int.MaxValue)]
    public int MaxBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>
    /// Most pixels (width × height) an image's header may claim; checked before decoding, since a 279 KB PNG can decode
    /// to 16000×16000 (1 GB of memory, 7.6 s of OCR). Default 40,000,000.
    /// </summary>
    [Range(1L, 500_000_000L)]
    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>
    /// What every engine refuses before looking at an image of <paramref name="bytes"/> bytes: OCR off, no bytes, too many
    /// bytes. Null when it may go on to the header.
    /// </summary>
    public OcrRefusal? RefusalBeforeReading(int bytes) =>
        !Enabled ? OcrRefusal.Disabled : bytes == 0 ? OcrRefusal.Empty : bytes > MaxBytes ? OcrRefusal.TooManyBytes : null;
}

[OptionsValidator]
internal sealed partial class OcrOptionsValidator : IValidateOptions<OcrOptions>;
