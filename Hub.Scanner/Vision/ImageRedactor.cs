using System.Diagnostics.CodeAnalysis;
using Hub.Scanner.Ocr;
using Hub.Scanner.Ocr.Native;

namespace Hub.Scanner.Vision;

/// <summary>
/// Paints opaque black over the boxes of an image's words and re-encodes it as PNG, in memory only (issue #9: the provider
/// never sees those pixels).
/// Step 1: decode with Leptonica, the decoder OCR used, so the boxes' pixels are the same pixels; 2: convert to 32 bpp RGB
/// (colormaps and low depths expanded, an alpha channel blended over white, so nothing hidden under transparency
/// survives); 3: clear each box, grown by a margin and clamped to the image; 4: encode PNG and copy it to a managed array.
/// </summary>
/// <remarks>
/// <para>
/// Multi-frame images (animated GIF, multi-page TIFF): Leptonica decodes the first frame only, which is what OCR read, and
/// the result is that one frame. EXIF orientation is not applied by the decoder, so the boxes match; the PNG carries no
/// metadata, so a viewer shows it as OCR saw it.
/// </para>
/// <para>
/// The caller has gated the image by bytes and pixels (<c>Images/ImageGate</c>); this decodes without looking again.
/// Native memory: the decoded image twice (about 8 bytes a pixel at peak) and the PNG, all freed before returning.
/// </para>
/// </remarks>
internal static unsafe class ImageRedactor
{
    /// <summary>
    /// The fewest pixels a box grows by on each side. Tesseract's box is the word's ink, but anti-aliased or blurred (JPEG,
    /// WebP) edges reach 1 px beyond it in ImageRedactorTests' screenshots (with no margin they fail); 2 leaves one to spare.
    /// </summary>
    public const int MinimumMargin = 2;

    /// <summary>The margin in percent of the box's height, rounded up, for large text whose blur reaches further.</summary>
    public const int MarginPercentOfHeight = 10;

    /// <summary>Returns <paramref name="image"/> as a PNG with every box in <paramref name="boxes"/> filled black.</summary>
    /// <exception cref="ImageRedactionException">The image did not decode, or the PNG could not be encoded.</exception>
    public static byte[] RedactToPng(ReadOnlySpan<byte> image, IReadOnlyList<OcrBox> boxes)
    {
        ArgumentNullException.ThrowIfNull(boxes);
        if (image.IsEmpty)
        {
            ThrowFailed("The image is empty.");
        }

        OcrNativeRuntime.EnsureInitialized();

        // Step 1
        using var decoded = Decode(image);

        // Step 2
        using var rgb32 = LeptonicaNative.PixConvertTo32(decoded);
        if (rgb32.IsInvalid)
        {
            ThrowFailed("The image could not be converted to 32 bpp.");
        }

        // Screenshots are usually RGBA with every pixel opaque: blending those over white changes nothing and costs more
        // than the rest of the redaction (about 140 ms of 270 ms at 1920×1080, measured with Leptonica 1.82).
        if (LeptonicaNative.PixGetSpp(rgb32) == 4
            && LeptonicaNative.PixAlphaIsOpaque(rgb32, out var opaque) == 0 && opaque != 0
            && LeptonicaNative.PixSetSpp(rgb32, 3) != 0)
        {
            ThrowFailed("The image's alpha channel could not be removed.");
        }

        using var rgb = LeptonicaNative.PixRemoveAlpha(rgb32); // a clone (nothing blended) unless translucent pixels are left
        if (rgb.IsInvalid || LeptonicaNative.PixSetSpp(rgb, 3) != 0)
        {
            ThrowFailed("The image's alpha channel could not be removed.");
        }

        // Step 3
        var width = LeptonicaNative.PixGetWidth(rgb);
        var height = LeptonicaNative.PixGetHeight(rgb);
        foreach (var box in boxes)
        {
            if (Grow(box, width, height) is { } area
                && LeptonicaNative.PixRasterop(rgb, area.X, area.Y, area.Width, area.Height, LeptonicaNative.RasterOpClear, 0, 0, 0) != 0)
            {
                ThrowFailed("A box could not be filled.");
            }
        }

        // Step 4
        return EncodePng(rgb);
    }

    /// <summary>
    /// <paramref name="box"/> grown by the margin on every side and clamped to the image; null when nothing of it lies in
    /// the image (or it is empty).
    /// </summary>
    internal static OcrBox? Grow(OcrBox box, int width, int height)
    {
        if (box.Width <= 0 || box.Height <= 0)
        {
            return null;
        }

        // long: a box from elsewhere may sit near int.MaxValue. Integers: 60 * 0.1 is 6.000000000000001 in doubles.
        var margin = Math.Max(MinimumMargin, ((long)box.Height * MarginPercentOfHeight + 99) / 100);
        var left = Math.Max(0, box.X - margin);
        var top = Math.Max(0, box.Y - margin);
        var right = Math.Min(width, (long)box.X + box.Width + margin);
        var bottom = Math.Min(height, (long)box.Y + box.Height + margin);
        return right > left && bottom > top
            ? new OcrBox((int)left, (int)top, (int)(right - left), (int)(bottom - top))
            : null;
    }

    private static PixHandle Decode(ReadOnlySpan<byte> image)
    {
        PixHandle pix;
        fixed (byte* data = image)
        {
            pix = LeptonicaNative.PixReadMem(data, (nuint)image.Length);
        }

        if (pix.IsInvalid)
        {
            pix.Dispose();
            ThrowFailed("The image could not be decoded.");
        }

        return pix;
    }

    private static byte[] EncodePng(PixHandle pix)
    {
        nint buffer = 0;
        try
        {
            var status = LeptonicaNative.PixWriteMem(out buffer, out var size, pix, LeptonicaNative.FormatPng);
            if (status != 0 || buffer == 0 || size == 0 || size > int.MaxValue)
            {
                ThrowFailed("The PNG could not be encoded.");
            }

            return new ReadOnlySpan<byte>((void*)buffer, (int)size).ToArray();
        }
        finally
        {
            if (buffer != 0)
            {
                LeptonicaNative.LeptFree(buffer);
            }
        }
    }

    [DoesNotReturn]
    private static void ThrowFailed(string message) => throw new ImageRedactionException(message);
}
