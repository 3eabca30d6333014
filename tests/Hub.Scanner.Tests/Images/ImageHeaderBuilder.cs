using System.Buffers.Binary;
using System.Text;
using Hub.Scanner.Images;
using Hub.Testing.Images;

namespace Hub.Scanner.Tests.Images;

/// <summary>
/// Hand-built minimal image headers: exactly the bytes <see cref="ImageHeader"/> needs to state a size, so
/// that every strict prefix is a truncated header. Layouts follow each format's specification.
/// </summary>
internal static class ImageHeaderBuilder
{
    public static byte[] Png(uint width, uint height) => PngBytes.Header(width, height);

    public static byte[] PngChunk(string type, byte[] data) => PngBytes.Chunk(type, data);

    /// <summary>SOI, APP0 (JFIF), a DQT, then SOF0 (baseline) or SOF2 (progressive) with three components.</summary>
    public static byte[] Jpeg(ushort width, ushort height, byte sof = 0xC0)
    {
        byte[] app0 = [0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
        byte[] dqt = [0xFF, 0xDB, 0x00, 0x43, 0x00, .. new byte[64]];
        return [0xFF, 0xD8, .. app0, .. dqt, .. JpegFrame(width, height, sof)];
    }

    public static byte[] JpegFrame(ushort width, ushort height, byte sof = 0xC0) =>
    [
        0xFF, sof, 0x00, 0x11, 8,
        (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width,
        3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1,
    ];

    public static byte[] WebPLossy(ushort width, ushort height)
    {
        var vp8 = new byte[10];
        vp8[0] = 0x10; // key frame (bit 0 clear), version 0, shown
        vp8[3] = 0x9D;
        vp8[4] = 0x01;
        vp8[5] = 0x2A;
        BinaryPrimitives.WriteUInt16LittleEndian(vp8.AsSpan(6), width);
        BinaryPrimitives.WriteUInt16LittleEndian(vp8.AsSpan(8), height);
        return Riff("VP8 ", vp8);
    }

    public static byte[] WebPLossless(uint width, uint height)
    {
        var vp8L = new byte[5];
        vp8L[0] = 0x2F;
        BinaryPrimitives.WriteUInt32LittleEndian(vp8L.AsSpan(1), (width - 1) | ((height - 1) << 14) | (1u << 28));
        return Riff("VP8L", vp8L);
    }

    public static byte[] WebPExtended(uint width, uint height)
    {
        var vp8X = new byte[10];
        vp8X[0] = 0x10; // alpha flag
        WriteUInt24(vp8X.AsSpan(4), width - 1);
        WriteUInt24(vp8X.AsSpan(7), height - 1);
        return Riff("VP8X", vp8X);
    }

    public static byte[] Riff(string fourCc, byte[] chunk)
    {
        var riff = new byte[20 + chunk.Length];
        "RIFF"u8.CopyTo(riff);
        BinaryPrimitives.WriteUInt32LittleEndian(riff.AsSpan(4), (uint)(riff.Length - 8));
        "WEBP"u8.CopyTo(riff.AsSpan(8));
        Encoding.ASCII.GetBytes(fourCc, riff.AsSpan(12));
        BinaryPrimitives.WriteUInt32LittleEndian(riff.AsSpan(16), (uint)chunk.Length);
        chunk.CopyTo(riff.AsSpan(20));
        return riff;
    }

    /// <summary>
    /// Header, a 2-entry global colour table, a graphic control extension, one frame (by default the whole
    /// screen) with one sub-block of LZW data, and the trailer.
    /// </summary>
    public static byte[] Gif(ushort width, ushort height, string version = "89a", ushort? frameWidth = null, ushort? frameHeight = null)
    {
        var header = new byte[13];
        Encoding.ASCII.GetBytes("GIF" + version, header);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6), width);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), height);
        header[10] = 0x80; // global colour table of 2 entries
        var descriptor = new byte[10];
        descriptor[0] = 0x2C;
        BinaryPrimitives.WriteUInt16LittleEndian(descriptor.AsSpan(5), frameWidth ?? width);
        BinaryPrimitives.WriteUInt16LittleEndian(descriptor.AsSpan(7), frameHeight ?? height);
        byte[] graphicControl = [0x21, 0xF9, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00];
        return [.. header, 0, 0, 0, 0xFF, 0xFF, 0xFF, .. graphicControl, .. descriptor, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B];
    }

    /// <summary>BITMAPFILEHEADER and a 40-byte BITMAPINFOHEADER; a negative height is a top-down bitmap.</summary>
    public static byte[] Bmp(int width, int height)
    {
        var bmp = new byte[54];
        "BM"u8.CopyTo(bmp);
        BinaryPrimitives.WriteUInt32LittleEndian(bmp.AsSpan(2), 54);
        BinaryPrimitives.WriteUInt32LittleEndian(bmp.AsSpan(10), 54);
        BinaryPrimitives.WriteUInt32LittleEndian(bmp.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), height);
        BinaryPrimitives.WriteUInt16LittleEndian(bmp.AsSpan(26), 1);  // planes
        BinaryPrimitives.WriteUInt16LittleEndian(bmp.AsSpan(28), 24); // bits per pixel
        return bmp;
    }

    /// <summary>An OS/2 BITMAPCOREHEADER (12 bytes, 16-bit sizes).</summary>
    public static byte[] BmpCore(ushort width, ushort height)
    {
        var bmp = new byte[26];
        "BM"u8.CopyTo(bmp);
        BinaryPrimitives.WriteUInt32LittleEndian(bmp.AsSpan(14), 12);
        BinaryPrimitives.WriteUInt16LittleEndian(bmp.AsSpan(18), width);
        BinaryPrimitives.WriteUInt16LittleEndian(bmp.AsSpan(20), height);
        return bmp;
    }

    /// <summary>
    /// A TIFF header and a first IFD at offset 8 with NewSubfileType, ImageWidth, ImageLength and
    /// BitsPerSample; width as SHORT or LONG. <paramref name="nextIfd"/> is written after the entries.
    /// </summary>
    public static byte[] Tiff(uint width, uint height, bool bigEndian, bool longWidth = false, uint nextIfd = 0)
    {
        var entries = new (ushort Tag, ushort Type, uint Value)[]
        {
            (254, 4, 0),
            (256, longWidth ? (ushort)4 : (ushort)3, width),
            (257, 4, height),
            (258, 3, 8),
        };
        var tiff = new byte[8 + 2 + (12 * entries.Length) + 4];
        var w = new TiffWriter(tiff, bigEndian);
        tiff[0] = tiff[1] = bigEndian ? (byte)'M' : (byte)'I';
        w.UInt16(2, 42);
        w.UInt32(4, 8);
        w.UInt16(8, (ushort)entries.Length);
        for (var i = 0; i < entries.Length; i++)
        {
            var at = 10 + (12 * i);
            var (tag, type, value) = entries[i];
            w.UInt16(at, tag);
            w.UInt16(at + 2, type);
            w.UInt32(at + 4, 1);
            if (type == 3)
            {
                w.UInt16(at + 8, (ushort)value); // SHORT values are left-justified
            }
            else
            {
                w.UInt32(at + 8, value);
            }
        }

        w.UInt32(tiff.Length - 4, nextIfd);
        return tiff;
    }

    private static void WriteUInt24(Span<byte> span, uint value)
    {
        span[0] = (byte)value;
        span[1] = (byte)(value >> 8);
        span[2] = (byte)(value >> 16);
    }

    private readonly ref struct TiffWriter(Span<byte> bytes, bool bigEndian)
    {
        private readonly Span<byte> bytes = bytes;

        public void UInt16(int at, ushort value)
        {
            if (bigEndian)
            {
                BinaryPrimitives.WriteUInt16BigEndian(bytes[at..], value);
            }
            else
            {
                BinaryPrimitives.WriteUInt16LittleEndian(bytes[at..], value);
            }
        }

        public void UInt32(int at, uint value)
        {
            if (bigEndian)
            {
                BinaryPrimitives.WriteUInt32BigEndian(bytes[at..], value);
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes[at..], value);
            }
        }
    }
}
