namespace Hub.Scanner.Diagnostics;

/// <summary>Every log event of the scanner, one registry so ids stay unique.</summary>
/// <remarks>Ranges: 3400–3419 OCR, 3450–3459 remote images.</remarks>
internal static partial class EventIds
{
    // 3400–3419: OCR (Ocr/)
    public const int OcrPoolStarted = 3400;
    public const int OcrImageRefused = 3401;
    public const int OcrDeadlineReached = 3402;
    public const int OcrEngineStarted = 3403;

    // 3450–3459: remote images (Images/Remote/)
    public const int RemoteImageFetched = 3450;
    public const int RemoteImageRefused = 3451;
}
