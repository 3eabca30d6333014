namespace Hub.Scanner.Diagnostics;

/// <summary>Every log event of the scanner, one registry so ids stay unique.</summary>
/// <remarks>Ranges: 3400–3419 OCR; 3420–3439 vision (Vision/); 3440–3449 Azure AI Vision; 3450–3459 remote images.</remarks>
internal static partial class EventIds
{
    // 3400–3419: OCR (Ocr/)
    public const int OcrPoolStarted = 3400;
    public const int OcrImageRefused = 3401;
    public const int OcrDeadlineReached = 3402;
    public const int OcrEngineStarted = 3403;

    // 3440–3449: Azure AI Vision (Ocr/Azure/)
    public const int AzureVisionImageRefused = 3440;
    public const int AzureVisionTimedOut = 3441;
    public const int AzureVisionFailed = 3442;
    public const int AzureVisionUnreachable = 3443;
    public const int AzureVisionUnparseable = 3444;

    // 3450–3459: remote images (Images/Remote/)
    public const int RemoteImageFetched = 3450;
    public const int RemoteImageRefused = 3451;
}
