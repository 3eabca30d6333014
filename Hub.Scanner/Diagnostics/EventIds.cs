namespace Hub.Scanner.Diagnostics;

/// <summary>Every log event of the scanner, one registry so ids stay unique.</summary>
/// <remarks>Ranges: 3400–3419 OCR.</remarks>
internal static partial class EventIds
{
    // 3400–3419: OCR (Ocr/)
    public const int OcrPoolStarted = 3400;
    public const int OcrImageRefused = 3401;
    public const int OcrDeadlineReached = 3402;
    public const int OcrEngineStarted = 3403;
}
