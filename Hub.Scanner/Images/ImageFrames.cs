using System.Buffers.Binary;

namespace Hub.Scanner.Images;

/// <summary>
/// Whether an image may hold more frames than the first, which is all Leptonica decodes and so all OCR reads. Such an image
/// is never forwarded as sent: the frame that was scanned goes instead (re-encoded as PNG), or a second frame could carry
/// what the first does not show.
/// </summary>
internal static class ImageFrames
{
    /// <summary>The WebP <c>VP8X</c> header's animation flag.</summary>
    private const byte WebPAnimationFlag = 0x02;

    public static bool MayHaveMore(ReadOnlySpan<byte> bytes, ImageFormat format) => format switch
    {
        // GIF frames and TIFF pages are common and cheap to make; not worth walking every block to be sure.
        ImageFormat.Gif or ImageFormat.Tiff => true,
        ImageFormat.Png => IsAnimatedPng(bytes),
        ImageFormat.WebP => bytes.Length > 20 && bytes[12..16].SequenceEqual("VP8X"u8) && (bytes[20] & WebPAnimationFlag) != 0,
        _ => false,
    };

    /// <summary>APNG: an <c>acTL</c> chunk before the first <c>IDAT</c> (a malformed chunk list counts as animated: fail closed).</summary>
    private static bool IsAnimatedPng(ReadOnlySpan<byte> png)
    {
        var position = 8L;
        while (position + 8 <= png.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(png[(int)position..]);
            var type = png.Slice((int)position + 4, 4);
            if (type.SequenceEqual("acTL"u8))
            {
                return true;
            }

            if (type.SequenceEqual("IDAT"u8))
            {
                return false;
            }

            position += 12L + length;
        }

        return true;
    }
}
