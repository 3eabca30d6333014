namespace Hub.Scanner.Images;

/// <summary>Why an image was not let through to OCR.</summary>
internal enum ImageRefusalReason
{
    /// <summary>No value, or a value that decodes to zero bytes.</summary>
    Empty,

    /// <summary>A <c>data:</c> URL without a comma, or with a header that does not parse.</summary>
    MalformedDataUrl,

    /// <summary>A <c>data:</c> URL whose media type is not one of the supported image types.</summary>
    UnsupportedMediaType,

    /// <summary>A <c>data:</c> URL that is not base64, or base64 with a wrong alphabet or padding.</summary>
    InvalidBase64,

    /// <summary>The decoded bytes would exceed <see cref="ImageLimits.MaxBytes"/>.</summary>
    TooManyBytes,

    /// <summary>The bytes start with no supported format's magic number.</summary>
    UnknownFormat,

    /// <summary>The header ends before the fields that give the dimensions.</summary>
    Truncated,

    /// <summary>The header is present but inconsistent (zero size, bad CRC, bad segment length, …).</summary>
    CorruptHeader,

    /// <summary>The <c>data:</c> URL says one format and the bytes are another.</summary>
    MediaTypeMismatch,

    /// <summary>Width or height exceeds <see cref="ImageLimits.MaxSide"/>.</summary>
    SideTooLong,

    /// <summary>Width × height exceeds <see cref="ImageLimits.MaxPixels"/>.</summary>
    TooManyPixels,
}

/// <summary>
/// An image refused before decoding. <see cref="Message"/> is safe to return to the client and to log:
/// it names formats, sizes and limits, never bytes or text from the image.
/// </summary>
internal sealed record ImageRefusal(ImageRefusalReason Reason, string Message);
