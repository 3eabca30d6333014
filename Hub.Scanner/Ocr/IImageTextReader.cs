namespace Hub.Scanner.Ocr;

/// <summary>
/// An OCR engine: the text and word boxes of one encoded image, or why it was not read. Tesseract in-process
/// (<see cref="OcrReader"/>, the default) or Azure AI Vision over HTTPS, chosen by configuration.
/// </summary>
internal interface IImageTextReader
{
    /// <summary>Whether images can be read at all; when false every read is refused with <see cref="OcrRefusal.Disabled"/>.</summary>
    bool Enabled { get; }

    /// <summary>Reads <paramref name="image"/>; the caller keeps the bytes alive until the returned task completes.</summary>
    ValueTask<OcrResult> ReadAsync(ReadOnlyMemory<byte> image, CancellationToken cancellationToken);
}
