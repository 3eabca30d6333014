using Hub.Scanner.Images;
using Hub.Testing.Images;

namespace Hub.Scanner.Tests.Images;

public sealed class ImageFramesTests
{
    private static readonly byte[] Png = TestImages.Render(["one frame"], 200, 80).Bytes;

    [Fact]
    public void StillPngJpegAndWebP_HaveOneFrame()
    {
        Assert.False(ImageFrames.MayHaveMore(Png, ImageFormat.Png));
        Assert.False(ImageFrames.MayHaveMore(TestImages.Render(["x"], 200, 80, TestImageFormat.Jpeg).Bytes, ImageFormat.Jpeg));
        Assert.False(ImageFrames.MayHaveMore(TestImages.Render(["x"], 200, 80, TestImageFormat.Webp).Bytes, ImageFormat.WebP));
    }

    [Fact]
    public void PngWithAnAnimationControlChunk_MayHaveMore()
    {
        // Signature and IHDR (33 bytes), then acTL (8 bytes of data), then the rest as it was.
        byte[] acTL = [0, 0, 0, 8, (byte)'a', (byte)'c', (byte)'T', (byte)'L', 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0];

        Assert.True(ImageFrames.MayHaveMore([.. Png[..33], .. acTL, .. Png[33..]], ImageFormat.Png));
    }

    [Fact]
    public void PngWhoseChunksEndBeforeImageData_CountsAsAnimated() =>
        Assert.True(ImageFrames.MayHaveMore(Png.AsSpan(0, 40), ImageFormat.Png));

    [Fact]
    public void AnimatedWebP_MayHaveMore()
    {
        byte[] vp8x = [.. "RIFF"u8, 30, 0, 0, 0, .. "WEBP"u8, .. "VP8X"u8, 10, 0, 0, 0, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0];

        Assert.True(ImageFrames.MayHaveMore(vp8x, ImageFormat.WebP));
        vp8x[20] = 0;
        Assert.False(ImageFrames.MayHaveMore(vp8x, ImageFormat.WebP));
    }

    [Fact]
    public void GifAndTiff_AlwaysMayHaveMore()
    {
        Assert.True(ImageFrames.MayHaveMore([1, 2, 3], ImageFormat.Gif));
        Assert.True(ImageFrames.MayHaveMore([1, 2, 3], ImageFormat.Tiff));
    }
}
