using System.Buffers.Binary;

namespace Hub.Scanner.Images;

/// <summary>
/// Reads an image's format and size from its header, without decoding anything, so that limits can be
/// applied before a decoder allocates width × height × 4 bytes (issue #9).
/// </summary>
/// <remarks>
/// Every read is bounds-checked against the span, so truncated, random or hostile input gives a refusal,
/// never an exception. Nothing here loops on an offset taken from the data: the JPEG walk only moves
/// forward and stops after <see cref="MaxJpegSegments"/> segments, the GIF walk only moves forward (it reads
/// every frame's descriptor, up to the trailer), and TIFF reads the first IFD only (never the next-IFD
/// chain, where cyclic offsets live). A header is accepted only when every byte of the
/// structure that states the size is present (the whole PNG IHDR with its CRC, the whole JPEG SOF segment,
/// the whole WebP RIFF as its size field declares it, the whole BMP info header, the whole TIFF IFD, a GIF up to its trailer).
/// </remarks>
internal static class ImageHeader
{
    /// <summary>
    /// JPEG segments walked before the frame header. Real files have a handful (APPn, DQT, DHT, COM); an
    /// ICC profile split into 64 KB APP2 segments adds one per 64 KB. Past this, the file is hostile.
    /// </summary>
    internal const int MaxJpegSegments = 1024;

    private const int PngHeaderLength = 8 + 8 + 13 + 4; // signature, IHDR length and type, IHDR data, CRC
    private const int GifHeaderLength = 6 + 7;          // signature and version, logical screen descriptor
    private const int WebPChunkStart = 12 + 8;          // RIFF size WEBP, first chunk's FourCC and size

    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    // SOI and the first byte of the next marker.
    private static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];

    private static ReadOnlySpan<byte> Vp8StartCode => [0x9D, 0x01, 0x2A];

    public static ImageHeaderResult Read(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return ImageHeaderResult.Refused(ImageRefusalReason.Empty, "The image is empty.");
        }

        if (data.StartsWith(PngSignature))
        {
            return ReadPng(data);
        }

        if (data.StartsWith(JpegSignature))
        {
            return ReadJpeg(data);
        }

        if (data.StartsWith("RIFF"u8) && data.Length >= 12 && data[8..12].SequenceEqual("WEBP"u8))
        {
            return ReadWebP(data);
        }

        if (data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8))
        {
            return ReadGif(data);
        }

        if (data.StartsWith("BM"u8))
        {
            return ReadBmp(data);
        }

        if (data.StartsWith("II*\0"u8) || data.StartsWith("MM\0*"u8))
        {
            return ReadTiff(data, bigEndian: data[0] == (byte)'M');
        }

        return IsPrefixOfASignature(data)
            ? Truncated("image")
            : ImageHeaderResult.Refused(ImageRefusalReason.UnknownFormat, "The image is not PNG, JPEG, WebP, GIF, BMP or TIFF.");
    }

    private static bool IsPrefixOfASignature(ReadOnlySpan<byte> data) =>
        PngSignature.StartsWith(data) || JpegSignature.StartsWith(data) ||
        "GIF87a"u8.StartsWith(data) || "GIF89a"u8.StartsWith(data) || "BM"u8.StartsWith(data) ||
        "II*\0"u8.StartsWith(data) || "MM\0*"u8.StartsWith(data) || IsPrefixOfWebPSignature(data);

    // "RIFF", four bytes of size (any value), "WEBP".
    private static bool IsPrefixOfWebPSignature(ReadOnlySpan<byte> data) =>
        data.Length < 12 && (data.Length <= 4
            ? "RIFF"u8.StartsWith(data)
            : data.StartsWith("RIFF"u8) && (data.Length <= 8 || "WEBP"u8.StartsWith(data[8..])));

    // PNG: the IHDR chunk must come first (PNG spec §5.6), and its CRC is checked because a bit flip in
    // the width is exactly what this reader must not trust.
    private static ImageHeaderResult ReadPng(ReadOnlySpan<byte> data)
    {
        if (data.Length < PngHeaderLength)
        {
            return Truncated("PNG");
        }

        if (BinaryPrimitives.ReadUInt32BigEndian(data[8..]) != 13 || !data[12..16].SequenceEqual("IHDR"u8))
        {
            return Corrupt("The PNG does not start with a 13-byte IHDR chunk.");
        }

        if (BinaryPrimitives.ReadUInt32BigEndian(data[29..]) != PngCrc32.Compute(data[12..29]))
        {
            return Corrupt("The PNG's IHDR chunk fails its CRC.");
        }

        return Sized(ImageFormat.Png, BinaryPrimitives.ReadUInt32BigEndian(data[16..]), BinaryPrimitives.ReadUInt32BigEndian(data[20..]));
    }

    // JPEG (ITU T.81 B.1): markers FF xx, optional FF fill bytes, length-prefixed segments, until the first
    // SOFn. SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    private static ImageHeaderResult ReadJpeg(ReadOnlySpan<byte> data)
    {
        var position = 2;
        for (var segment = 0; segment < MaxJpegSegments; segment++)
        {
            if (position >= data.Length)
            {
                return Truncated("JPEG");
            }

            if (data[position] != 0xFF)
            {
                return Corrupt("The JPEG has data where a marker should be.");
            }

            while (position < data.Length && data[position] == 0xFF)
            {
                position++;
            }

            if (position >= data.Length)
            {
                return Truncated("JPEG");
            }

            var marker = data[position++];
            if (marker == 0x01 || marker is >= 0xD0 and <= 0xD7)
            {
                continue; // TEM and RSTn stand alone, without a length
            }

            if (marker is 0x00 or 0xD8 or 0xD9 or 0xDA)
            {
                return Corrupt("The JPEG has no frame header before its scan data or end.");
            }

            if (position + 2 > data.Length)
            {
                return Truncated("JPEG");
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[position..]);
            if (length < 2)
            {
                // A length of 0 or 1 would leave a naive reader on the same marker forever.
                return Corrupt("The JPEG has a segment shorter than its own length field.");
            }

            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                return ReadJpegFrame(data, position, length);
            }

            position += length;
        }

        return Corrupt($"The JPEG has more than {MaxJpegSegments} segments before its frame header.");
    }

    private static ImageHeaderResult ReadJpegFrame(ReadOnlySpan<byte> data, int position, int length)
    {
        if (position + length > data.Length)
        {
            return Truncated("JPEG");
        }

        // Length, precision, height, width, component count, then three bytes per component.
        var components = length >= 8 ? data[position + 7] : 0;
        if (components == 0 || length != 8 + (3 * components))
        {
            return Corrupt("The JPEG's frame header has the wrong length.");
        }

        var height = BinaryPrimitives.ReadUInt16BigEndian(data[(position + 3)..]);
        var width = BinaryPrimitives.ReadUInt16BigEndian(data[(position + 5)..]);

        // Height 0 means "given later by a DNL marker", after the scan data: unknowable from the header.
        return Sized(ImageFormat.Jpeg, width, height);
    }

    // WebP (RFC 9649): RIFF, size, WEBP, then the first chunk says the kind: VP8 (lossy), VP8L (lossless)
    // or VP8X (extended, with the canvas size).
    private static ImageHeaderResult ReadWebP(ReadOnlySpan<byte> data)
    {
        var riffSize = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
        if (riffSize < WebPChunkStart - 8)
        {
            return Corrupt("The WebP's RIFF size is too small for a chunk.");
        }

        if (riffSize + 8L > data.Length)
        {
            return Truncated("WebP");
        }

        var chunkSize = BinaryPrimitives.ReadUInt32LittleEndian(data[16..]);
        if (WebPChunkStart + (long)chunkSize > riffSize + 8L)
        {
            return Corrupt("The WebP's first chunk runs past the end of its RIFF.");
        }

        var chunk = data.Slice(WebPChunkStart, (int)chunkSize);
        var fourCc = data[12..16];
        if (fourCc.SequenceEqual("VP8 "u8))
        {
            // Frame tag (3 bytes, bit 0 clear on a key frame), start code 9D 01 2A, 14-bit width and height.
            if (chunk.Length < 10 || (chunk[0] & 1) != 0 || !chunk[3..6].SequenceEqual(Vp8StartCode))
            {
                return Corrupt("The WebP's VP8 chunk does not start with a key frame.");
            }

            return Sized(
                ImageFormat.WebP,
                BinaryPrimitives.ReadUInt16LittleEndian(chunk[6..]) & 0x3FFFu,
                BinaryPrimitives.ReadUInt16LittleEndian(chunk[8..]) & 0x3FFFu);
        }

        if (fourCc.SequenceEqual("VP8L"u8))
        {
            // Signature 0x2F, then 14 bits width − 1, 14 bits height − 1, 1 bit alpha, 3 bits version 0.
            if (chunk.Length < 5 || chunk[0] != 0x2F)
            {
                return Corrupt("The WebP's VP8L chunk has no signature.");
            }

            var bits = BinaryPrimitives.ReadUInt32LittleEndian(chunk[1..]);
            if (bits >> 29 != 0)
            {
                return Corrupt("The WebP's VP8L chunk has an unknown version.");
            }

            return Sized(ImageFormat.WebP, (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
        }

        if (fourCc.SequenceEqual("VP8X"u8))
        {
            // Flags and 3 reserved bytes, then 24-bit canvas width − 1 and height − 1.
            if (chunk.Length < 10)
            {
                return Corrupt("The WebP's VP8X chunk is too short.");
            }

            return Sized(ImageFormat.WebP, ReadUInt24LittleEndian(chunk[4..]) + 1, ReadUInt24LittleEndian(chunk[7..]) + 1);
        }

        return Corrupt("The WebP's first chunk is not VP8, VP8L or VP8X.");
    }

    // GIF (87a and 89a): the logical screen descriptor follows the 6-byte signature, but each frame's image
    // descriptor states a size of its own, and decoders (giflib's DGifSlurp, which Leptonica uses) allocate
    // width × height for every frame. So the whole block structure is walked, skipping colour tables,
    // extensions and LZW data by their length bytes (always forward, at least one byte a step), and the size
    // reported is the largest extent of the screen and of any frame.
    private static ImageHeaderResult ReadGif(ReadOnlySpan<byte> data)
    {
        if (data.Length < GifHeaderLength)
        {
            return Truncated("GIF");
        }

        uint width = BinaryPrimitives.ReadUInt16LittleEndian(data[6..]);
        uint height = BinaryPrimitives.ReadUInt16LittleEndian(data[8..]);
        long position = GifHeaderLength + GifColourTableLength(data[10]);
        var frames = 0;
        while (true)
        {
            if (position >= data.Length)
            {
                return Truncated("GIF");
            }

            var block = data[(int)position++];
            if (block == 0x3B)
            {
                break; // trailer
            }

            if (block == 0x21)
            {
                position = SkipGifSubBlocks(data, position + 1); // after the extension's label
            }
            else if (block == 0x2C)
            {
                if (position + 9 > data.Length)
                {
                    return Truncated("GIF");
                }

                var descriptor = data.Slice((int)position, 9);
                width = Math.Max(width, (uint)BinaryPrimitives.ReadUInt16LittleEndian(descriptor) + BinaryPrimitives.ReadUInt16LittleEndian(descriptor[4..]));
                height = Math.Max(height, (uint)BinaryPrimitives.ReadUInt16LittleEndian(descriptor[2..]) + BinaryPrimitives.ReadUInt16LittleEndian(descriptor[6..]));
                position = SkipGifSubBlocks(data, position + 9 + GifColourTableLength(descriptor[8]) + 1); // after the LZW code size
                frames++;
            }
            else
            {
                return Corrupt("The GIF has an unknown block.");
            }
        }

        return frames == 0 ? Corrupt("The GIF has no image.") : Sized(ImageFormat.Gif, width, height);
    }

    private static int GifColourTableLength(byte packedFields) => (packedFields & 0x80) == 0 ? 0 : 3 << ((packedFields & 7) + 1);

    // Returns the position after the terminating empty sub-block, or past the end when there is none.
    private static long SkipGifSubBlocks(ReadOnlySpan<byte> data, long position)
    {
        while (position < data.Length)
        {
            var length = data[(int)position++];
            if (length == 0)
            {
                return position;
            }

            position += length;
        }

        return long.MaxValue;
    }

    // BMP: a 14-byte file header, then an info header whose first field is its own size. OS/2's 12-byte
    // core header has 16-bit sizes; BITMAPINFOHEADER (40) and its successors (52, 56, 64, 108, 124) have
    // signed 32-bit ones, with a negative height meaning top-down rows.
    private static ImageHeaderResult ReadBmp(ReadOnlySpan<byte> data)
    {
        if (data.Length < 18)
        {
            return Truncated("BMP");
        }

        var headerSize = BinaryPrimitives.ReadUInt32LittleEndian(data[14..]);
        if (headerSize is not (12 or 40 or 52 or 56 or 64 or 108 or 124))
        {
            return Corrupt("The BMP's info header has an unknown size.");
        }

        if (data.Length < 14 + headerSize)
        {
            return Truncated("BMP");
        }

        if (headerSize == 12)
        {
            return Sized(ImageFormat.Bmp, BinaryPrimitives.ReadUInt16LittleEndian(data[18..]), BinaryPrimitives.ReadUInt16LittleEndian(data[20..]));
        }

        var width = BinaryPrimitives.ReadInt32LittleEndian(data[18..]);
        var height = BinaryPrimitives.ReadInt32LittleEndian(data[22..]);
        if (width <= 0 || height == int.MinValue)
        {
            return Corrupt("The BMP has a negative width or an impossible height.");
        }

        return Sized(ImageFormat.Bmp, (uint)width, (uint)Math.Abs(height));
    }

    // TIFF 6.0: byte order, 42, offset of the first IFD; the IFD is a count and 12-byte entries, followed by
    // the next IFD's offset, which is never followed here (multi-page files are sized by their first page).
    private static ImageHeaderResult ReadTiff(ReadOnlySpan<byte> data, bool bigEndian)
    {
        if (data.Length < 8)
        {
            return Truncated("TIFF");
        }

        var ifd = ReadUInt32(data[4..], bigEndian);
        if (ifd < 8)
        {
            return Corrupt("The TIFF's first IFD offset points into its header.");
        }

        if (ifd + 2L > data.Length)
        {
            return Truncated("TIFF");
        }

        var count = ReadUInt16(data[(int)ifd..], bigEndian);
        if (count == 0)
        {
            return Corrupt("The TIFF's first IFD has no entries.");
        }

        var entries = (int)ifd + 2;
        if (entries + (12L * count) + 4 > data.Length)
        {
            return Truncated("TIFF");
        }

        uint? width = null;
        uint? height = null;
        for (var i = 0; i < count; i++)
        {
            var entry = data.Slice(entries + (12 * i), 12);
            var tag = ReadUInt16(entry, bigEndian);
            if (tag is not (256 or 257))
            {
                continue;
            }

            var type = ReadUInt16(entry[2..], bigEndian);
            if (ReadUInt32(entry[4..], bigEndian) != 1 || type is not (3 or 4) || (tag == 256 ? width : height) is not null)
            {
                return Corrupt("The TIFF's image width or length entry is malformed or repeated.");
            }

            // SHORT (3) or LONG (4), left-justified in the 4-byte value field.
            uint value = type == 3 ? ReadUInt16(entry[8..], bigEndian) : ReadUInt32(entry[8..], bigEndian);
            if (tag == 256)
            {
                width = value;
            }
            else
            {
                height = value;
            }
        }

        return width is { } w && height is { } h
            ? Sized(ImageFormat.Tiff, w, h)
            : Corrupt("The TIFF's first IFD has no image width or length.");
    }

    private static ImageHeaderResult Sized(ImageFormat format, uint width, uint height)
    {
        if (width == 0 || height == 0)
        {
            return Corrupt($"The {format} header gives a width or height of 0.");
        }

        if (width > int.MaxValue || height > int.MaxValue)
        {
            return ImageHeaderResult.Refused(ImageRefusalReason.SideTooLong, $"The {format} header gives a side longer than any limit.");
        }

        return ImageHeaderResult.Accepted(format, (int)width, (int)height);
    }

    private static ImageHeaderResult Truncated(string format) =>
        ImageHeaderResult.Refused(ImageRefusalReason.Truncated, $"The {format} header is truncated.");

    private static ImageHeaderResult Corrupt(string message) => ImageHeaderResult.Refused(ImageRefusalReason.CorruptHeader, message);

    private static uint ReadUInt24LittleEndian(ReadOnlySpan<byte> data) => data[0] | ((uint)data[1] << 8) | ((uint)data[2] << 16);

    private static ushort ReadUInt16(ReadOnlySpan<byte> data, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(data) : BinaryPrimitives.ReadUInt16LittleEndian(data);

    private static uint ReadUInt32(ReadOnlySpan<byte> data, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(data) : BinaryPrimitives.ReadUInt32LittleEndian(data);
}
