namespace Hub.Scanner.Ocr;

/// <summary>
/// The OCR engine could not read the image at all (a remote engine refused, failed or answered nonsense). Callers fail
/// closed: the image is not let through unscanned (the scan API answers 503). The message carries no image data or key.
/// </summary>
internal sealed class OcrEngineUnavailableException : Exception
{
    public OcrEngineUnavailableException()
    {
    }

    public OcrEngineUnavailableException(string message)
        : base(message)
    {
    }

    public OcrEngineUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status the engine answered with, when it answered.</summary>
    public int? StatusCode { get; init; }
}
