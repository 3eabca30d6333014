namespace Hub.Scanner.Vision;

/// <summary>
/// What a policy's image settings report as BLOCK findings, beside the entities found in an image's text. They are not
/// recognizer entities (<c>policy.entities</c> does not name them): <c>images</c>, <c>remote_images</c> and
/// <c>image_ocr_timeout</c> decide them.
/// </summary>
internal static class ImageEntities
{
    /// <summary>An image in a request under <c>"images": "block_all"</c>.</summary>
    public const string Image = "IMAGE";

    /// <summary>An <c>https://</c> image under <c>"remote_images": "refuse"</c>.</summary>
    public const string RemoteImage = "REMOTE_IMAGE";

    /// <summary>An image OCR could not finish reading before its deadline, under <c>"image_ocr_timeout": "block"</c> (the default).</summary>
    public const string OcrTimeout = "IMAGE_OCR_TIMEOUT";
}
