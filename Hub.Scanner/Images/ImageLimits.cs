namespace Hub.Scanner.Images;

/// <summary>
/// What an image may cost before it is decoded (issue #9): a 279 KB PNG can claim 16000×16000 pixels,
/// and a decoder allocates width × height × 4 bytes before it finds out the data is short.
/// </summary>
internal sealed record ImageLimits
{
    /// <summary>The defaults the issue names: 20 MB, 40 megapixels, 20,000 pixels a side.</summary>
    public static ImageLimits Default { get; } = new();

    /// <summary>Largest decoded image, in bytes. Default 20 MiB (20,971,520).</summary>
    public int MaxBytes { get; init; } = 20 * 1024 * 1024;

    /// <summary>Largest width × height, in pixels. Default 40,000,000 (160 MB as 32-bit RGBA).</summary>
    public long MaxPixels { get; init; } = 40_000_000;

    /// <summary>Longest side, in pixels. Default 20,000; stops 1 × 40,000,000 strips that OCR cannot use.</summary>
    public int MaxSide { get; init; } = 20_000;

    internal void ThrowIfInvalid()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxPixels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxSide);
    }
}
