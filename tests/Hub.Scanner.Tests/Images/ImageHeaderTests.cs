using System.Buffers.Binary;
using Hub.Scanner.Images;
using B = Hub.Scanner.Tests.Images.ImageHeaderBuilder;

namespace Hub.Scanner.Tests.Images;

public sealed class ImageHeaderTests
{
    private static readonly Dictionary<string, (byte[] Bytes, ImageFormat Format, int Width, int Height)> Headers = new()
    {
        ["png"] = (B.Png(1920, 1080), ImageFormat.Png, 1920, 1080),
        ["png-largest-side"] = (B.Png(int.MaxValue, 1), ImageFormat.Png, int.MaxValue, 1),
        ["jpeg-sof0"] = (B.Jpeg(800, 600), ImageFormat.Jpeg, 800, 600),
        ["jpeg-sof2"] = (B.Jpeg(4032, 3024, sof: 0xC2), ImageFormat.Jpeg, 4032, 3024),
        ["jpeg-fill-bytes"] = ([0xFF, 0xD8, 0xFF, 0xFF, 0xFF, .. B.JpegFrame(31, 17)], ImageFormat.Jpeg, 31, 17),
        ["webp-vp8"] = (B.WebPLossy(1024, 768), ImageFormat.WebP, 1024, 768),
        ["webp-vp8-scale-bits"] = (B.WebPLossy(0xC000 | 640, 0x4000 | 480), ImageFormat.WebP, 640, 480),
        ["webp-vp8l"] = (B.WebPLossless(16384, 1), ImageFormat.WebP, 16384, 1),
        ["webp-vp8x"] = (B.WebPExtended(1 << 24, 3), ImageFormat.WebP, 1 << 24, 3),
        ["gif87a"] = (B.Gif(320, 200, "87a"), ImageFormat.Gif, 320, 200),
        ["gif89a"] = (B.Gif(65535, 1), ImageFormat.Gif, 65535, 1),
        ["bmp-bottom-up"] = (B.Bmp(640, 480), ImageFormat.Bmp, 640, 480),
        ["bmp-top-down"] = (B.Bmp(640, -480), ImageFormat.Bmp, 640, 480),
        ["bmp-os2-core"] = (B.BmpCore(100, 50), ImageFormat.Bmp, 100, 50),
        ["tiff-ii-short"] = (B.Tiff(2480, 3508, bigEndian: false), ImageFormat.Tiff, 2480, 3508),
        ["tiff-mm-short"] = (B.Tiff(2480, 3508, bigEndian: true), ImageFormat.Tiff, 2480, 3508),
        ["tiff-ii-long"] = (B.Tiff(70000, 3, bigEndian: false, longWidth: true), ImageFormat.Tiff, 70000, 3),
        ["tiff-mm-long"] = (B.Tiff(70000, 3, bigEndian: true, longWidth: true), ImageFormat.Tiff, 70000, 3),
    };

    public static TheoryData<string> HeaderNames => [.. Headers.Keys];

    [Theory]
    [MemberData(nameof(HeaderNames))]
    public void Read_MinimalHeader_ReadsFormatAndSizeExactly(string name)
    {
        var (bytes, format, width, height) = Headers[name];

        var result = ImageHeader.Read(bytes);

        Assert.True(result.IsAccepted, result.Refusal?.Message);
        Assert.Equal(new ImageDimensions(format, width, height), result.Dimensions);
    }

    [Theory]
    [MemberData(nameof(HeaderNames))]
    public void Read_EveryStrictPrefix_IsRefusedAsTruncated(string name)
    {
        var bytes = Headers[name].Bytes;
        for (var length = 0; length < bytes.Length; length++)
        {
            var result = ImageHeader.Read(bytes.AsSpan(0, length));

            Assert.False(result.IsAccepted, $"a {length}-byte prefix was accepted");
            Assert.Equal(length == 0 ? ImageRefusalReason.Empty : ImageRefusalReason.Truncated, result.Refusal.Reason);
        }
    }

    [Theory]
    [MemberData(nameof(HeaderNames))]
    public void Read_EveryByteReplacedByAnyValue_NeverThrows(string name)
    {
        var bytes = Headers[name].Bytes.ToArray();
        for (var i = 0; i < bytes.Length; i++)
        {
            var original = bytes[i];
            for (var value = 0; value < 256; value++)
            {
                bytes[i] = (byte)value;
                var result = ImageHeader.Read(bytes);
                Assert.True(result.IsAccepted ? result.Dimensions.Width > 0 && result.Dimensions.Height > 0 : result.Refusal.Message.Length > 0);
            }

            bytes[i] = original;
        }
    }

    [Fact]
    public void Read_SeededRandomBytes_AreRefused()
    {
        var random = new Random(9);
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = new byte[random.Next(0, 128)];
            random.NextBytes(bytes);

            Assert.False(ImageHeader.Read(bytes).IsAccepted, Convert.ToHexString(bytes));
        }
    }

    [Fact]
    public void Read_EachSignatureFollowedBySeededRandomBytes_NeverThrows()
    {
        byte[][] signatures =
        [
            [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], [0xFF, 0xD8, 0xFF], "RIFF\0\0\0\0WEBP"u8.ToArray(),
            "GIF89a"u8.ToArray(), "BM"u8.ToArray(), "II*\0"u8.ToArray(), "MM\0*"u8.ToArray(),
        ];
        var random = new Random(9);
        foreach (var signature in signatures)
        {
            for (var i = 0; i < 5_000; i++)
            {
                var bytes = new byte[signature.Length + random.Next(0, 200)];
                random.NextBytes(bytes);
                signature.CopyTo(bytes, 0);

                var result = ImageHeader.Read(bytes);

                Assert.True(result.IsAccepted ? result.Dimensions.Pixels > 0 : result.Refusal.Message.Length > 0);
            }
        }
    }

    [Fact]
    public void Read_PngFollowedByMoreChunks_EveryPrefixIsRefusedOrExact()
    {
        byte[] png = [.. B.Png(7, 9), .. B.PngChunk("IDAT", new byte[50]), .. B.PngChunk("IEND", [])];
        for (var length = 0; length <= png.Length; length++)
        {
            var result = ImageHeader.Read(png.AsSpan(0, length));

            Assert.Equal(length >= 33, result.IsAccepted);
        }
    }

    [Theory]
    [InlineData("unknown", new byte[] { 0x00, 0x00, 0x01, 0x00, 0x01, 0x00 }, "UnknownFormat")] // .ico
    [InlineData("bigtiff", new byte[] { 0x49, 0x49, 0x2B, 0x00, 0x08, 0x00, 0x00, 0x00 }, "UnknownFormat")]
    [InlineData("riff-not-webp", new byte[] { 0x52, 0x49, 0x46, 0x46, 0x04, 0, 0, 0, 0x41, 0x56, 0x49, 0x20 }, "UnknownFormat")]
    [InlineData("jpeg-soi-only", new byte[] { 0xFF, 0xD8 }, "Truncated")]
    public void Read_NotASupportedImage_IsRefused(string name, byte[] bytes, string reason)
    {
        var result = ImageHeader.Read(bytes);

        Assert.False(result.IsAccepted, name);
        Assert.Equal(Enum.Parse<ImageRefusalReason>(reason), result.Refusal.Reason);
    }

    [Fact]
    public void Read_PngWithBadCrc_IsCorrupt()
    {
        var png = B.Png(100, 100);
        png[17] ^= 0x01; // a bit of the width flips; the CRC no longer matches

        Assert.Equal(ImageRefusalReason.CorruptHeader, ImageHeader.Read(png).Refusal?.Reason);
    }

    [Fact]
    public void Read_PngWhoseFirstChunkIsNotIhdr_IsCorrupt()
    {
        byte[] png = [.. B.Png(1, 1)[..8], .. B.PngChunk("gAMA", new byte[13]), 0, 0, 0, 0];

        Assert.Equal(ImageRefusalReason.CorruptHeader, ImageHeader.Read(png).Refusal?.Reason);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Read_JpegSegmentShorterThanItsLengthField_IsCorruptNotALoop(int length)
    {
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE1, 0x00, (byte)length, .. B.JpegFrame(10, 10)];

        Assert.Equal(ImageRefusalReason.CorruptHeader, ImageHeader.Read(jpeg).Refusal?.Reason);
    }

    [Fact]
    public void Read_JpegSegmentLengthPastTheEnd_IsTruncated()
    {
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF, .. new byte[1000], .. B.JpegFrame(10, 10)];

        Assert.Equal(ImageRefusalReason.Truncated, ImageHeader.Read(jpeg).Refusal?.Reason);
    }

    [Fact]
    public void Read_JpegWithMoreEmptySegmentsThanTheBound_IsCorrupt()
    {
        var comments = Enumerable.Repeat<byte[]>([0xFF, 0xFE, 0x00, 0x02], ImageHeader.MaxJpegSegments).SelectMany(s => s);
        byte[] jpeg = [0xFF, 0xD8, .. comments, .. B.JpegFrame(10, 10)];

        Assert.Equal(ImageRefusalReason.CorruptHeader, ImageHeader.Read(jpeg).Refusal?.Reason);
    }

    [Fact]
    public void Read_JpegWithEmptySegmentsWithinTheBound_ReadsTheFrame()
    {
        var comments = Enumerable.Repeat<byte[]>([0xFF, 0xFE, 0x00, 0x02], ImageHeader.MaxJpegSegments - 1).SelectMany(s => s);
        byte[] jpeg = [0xFF, 0xD8, .. comments, .. B.JpegFrame(10, 20)];

        Assert.Equal(new ImageDimensions(ImageFormat.Jpeg, 10, 20), ImageHeader.Read(jpeg).Dimensions);
    }

    [Fact]
    public void Read_JpegOfFillBytesOnly_IsTruncated()
    {
        byte[] jpeg = [0xFF, 0xD8, .. Enumerable.Repeat((byte)0xFF, 1_000_000)];

        Assert.Equal(ImageRefusalReason.Truncated, ImageHeader.Read(jpeg).Refusal?.Reason);
    }

    [Theory]
    [InlineData(0xDA)] // SOS: scan data before any frame header
    [InlineData(0xD9)] // EOI
    [InlineData(0xD8)] // a second SOI
    public void Read_JpegWithoutFrameBeforeScanOrEnd_IsCorrupt(byte marker)
    {
        byte[] jpeg = [0xFF, 0xD8, 0xFF, marker, 0x00, 0x0C, .. new byte[10], .. B.JpegFrame(10, 10)];

        Assert.Equal(ImageRefusalReason.CorruptHeader, ImageHeader.Read(jpeg).Refusal?.Reason);
    }

    [Fact]
    public void Read_JpegHeightDefinedByDnl_IsCorrupt()
    {
        Assert.Equal(ImageRefusalReason.CorruptHeader, ImageHeader.Read(B.Jpeg(100, 0)).Refusal?.Reason);
    }

    [Fact]
    public void Read_JpegFrameLengthDisagreesWithComponents_IsCorrupt()
    {
        var jpeg = B.Jpeg(100, 100);
        jpeg[^10] = 4; // four components declared, three present

        Assert.Equal(ImageRefusalReason.CorruptHeader, ImageHeader.Read(jpeg).Refusal?.Reason);
    }

    [Fact]
    public void Read_TiffFirstIfdPointingIntoItsHeader_IsCorrupt()
    {
        foreach (var offset in new uint[] { 0, 4 })
        {
            var tiff = B.Tiff(10, 10, bigEndian: false);
            BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), offset);

            Assert.Equal(ImageRefusalReason.CorruptHeader, ImageHeader.Read(tiff).Refusal?.Reason);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Read_TiffWhoseNextIfdIsItself_ReadsTheFirstIfdAndStops(bool bigEndian)
    {
        var tiff = B.Tiff(300, 200, bigEndian, nextIfd: 8);

        Assert.Equal(new ImageDimensions(ImageFormat.Tiff, 300, 200), ImageHeader.Read(tiff).Dimensions);
    }

    [Fact]
    public void Read_TiffIfdOffsetPastTheEnd_IsTruncated()
    {
        var tiff = B.Tiff(10, 10, bigEndian: true);
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(4), uint.MaxValue);

        Assert.Equal(ImageRefusalReason.Truncated, ImageHeader.Read(tiff).Refusal?.Reason);
    }

    [Fact]
    public void Read_TiffClaimingMoreEntriesThanItHas_IsTruncated()
    {
        var tiff = B.Tiff(10, 10, bigEndian: false);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(8), ushort.MaxValue);

        Assert.Equal(ImageRefusalReason.Truncated, ImageHeader.Read(tiff).Refusal?.Reason);
    }

    [Fact]
    public void Read_TiffWithoutWidth_IsCorrupt()
    {
        var tiff = B.Tiff(10, 10, bigEndian: false);
        tiff[10 + 12] = 0x99; // tag 256 becomes 0x199

        Assert.Equal(ImageRefusalReason.CorruptHeader, ImageHeader.Read(tiff).Refusal?.Reason);
    }

    [Fact]
    public void Read_WebPRiffLongerThanTheData_IsTruncated()
    {
        byte[] webp = [.. B.WebPLossy(10, 10), 0, 0];
        BinaryPrimitives.WriteUInt32LittleEndian(webp.AsSpan(4), (uint)webp.Length);

        Assert.Equal(ImageRefusalReason.Truncated, ImageHeader.Read(webp).Refusal?.Reason);
    }

    [Fact]
    public void Read_WebPChunkLongerThanItsRiff_IsCorrupt()
    {
        var webp = B.WebPLossless(10, 10);
        BinaryPrimitives.WriteUInt32LittleEndian(webp.AsSpan(16), uint.MaxValue);

        Assert.Equal(ImageRefusalReason.CorruptHeader, ImageHeader.Read(webp).Refusal?.Reason);
    }

    [Fact]
    public void Read_WebPVp8InterFrame_IsCorrupt()
    {
        var webp = B.WebPLossy(10, 10);
        webp[20] |= 1;

        Assert.Equal(ImageRefusalReason.CorruptHeader, ImageHeader.Read(webp).Refusal?.Reason);
    }

    [Fact]
    public void Read_WebPStartingWithAnotherChunk_IsCorrupt()
    {
        Assert.Equal(ImageRefusalReason.CorruptHeader, ImageHeader.Read(B.Riff("ALPH", new byte[10])).Refusal?.Reason);
    }

    [Theory]
    [InlineData(-640, 480)]
    [InlineData(0, 480)]
    [InlineData(640, 0)]
    [InlineData(640, int.MinValue)]
    public void Read_BmpWithImpossibleSize_IsCorrupt(int width, int height)
    {
        Assert.Equal(ImageRefusalReason.CorruptHeader, ImageHeader.Read(B.Bmp(width, height)).Refusal?.Reason);
    }

    [Fact]
    public void Read_BmpWithUnknownInfoHeaderSize_IsCorrupt()
    {
        var bmp = B.Bmp(10, 10);
        bmp[14] = 41;

        Assert.Equal(ImageRefusalReason.CorruptHeader, ImageHeader.Read(bmp).Refusal?.Reason);
    }

    [Fact]
    public void Read_GifFrameLargerThanItsScreen_IsSizedByTheFrame()
    {
        var gif = B.Gif(1, 1, frameWidth: 60_000, frameHeight: 50_000);

        Assert.Equal(new ImageDimensions(ImageFormat.Gif, 60_000, 50_000), ImageHeader.Read(gif).Dimensions);
    }

    [Fact]
    public void Read_GifSecondFrameBeyondTheScreen_IsSizedByThatFrame()
    {
        var gif = B.Gif(10, 10);
        byte[] secondFrame = [0x2C, 0x10, 0x27, 0, 0, 0x05, 0, 0x05, 0, 0x00, 0x02, 0x01, 0x00, 0x00]; // at x = 10000
        byte[] twoFrames = [.. gif[..^1], .. secondFrame, 0x3B];

        Assert.Equal(new ImageDimensions(ImageFormat.Gif, 10_005, 10), ImageHeader.Read(twoFrames).Dimensions);
    }

    [Theory]
    [InlineData(new byte[] { 0x3B })]       // trailer straight after the colour table
    [InlineData(new byte[] { 0x00, 0x3B })] // an unknown block
    public void Read_GifWithoutAFrame_IsCorrupt(byte[] blocks)
    {
        byte[] gif = [.. B.Gif(10, 10)[..19], .. blocks];

        Assert.Equal(ImageRefusalReason.CorruptHeader, ImageHeader.Read(gif).Refusal?.Reason);
    }

    [Fact]
    public void Read_GifOfZeroWidth_IsCorrupt()
    {
        Assert.Equal(ImageRefusalReason.CorruptHeader, ImageHeader.Read(B.Gif(0, 10)).Refusal?.Reason);
    }

    [Fact]
    public void Read_SideBeyondInt32_IsRefusedAsTooLong()
    {
        Assert.Equal(ImageRefusalReason.SideTooLong, ImageHeader.Read(B.Png(0x8000_0000, 1)).Refusal?.Reason);
        Assert.Equal(ImageRefusalReason.SideTooLong, ImageHeader.Read(B.Tiff(uint.MaxValue, 1, bigEndian: true, longWidth: true)).Refusal?.Reason);
    }
}
