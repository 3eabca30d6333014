using Hub.Scanner.Ocr;
using Hub.Testing.Images;

namespace Hub.Scanner.Tests.Ocr;

/// <summary>Broken, hostile and oversized images are refused with a reason, never decoded when the header says no, never a crash.</summary>
public sealed class OcrRefusalTests
{
    [Fact]
    public void Read_PngHeaderClaiming16000x16000_IsRefusedFromTheHeaderAlone()
    {
        // 45 bytes: had it been decoded, there would be no data and the refusal would read Undecodable.
        var bomb = TestImages.PngHeaderOnly(16_000, 16_000);

        var result = OcrTestKit.Reader().Read(bomb, TestContext.Current.CancellationToken);

        Assert.Equal(OcrRefusal.TooManyPixels, result.Refusal);
        Assert.Equal((16_000, 16_000), (result.Width, result.Height));
        Assert.Empty(result.Words);
    }

    [Fact]
    public void Read_PngHeaderWithinTheLimitButNoData_IsUndecodable()
    {
        var result = OcrTestKit.Reader().Read(TestImages.PngHeaderOnly(640, 480), TestContext.Current.CancellationToken);

        Assert.Equal(OcrRefusal.Undecodable, result.Refusal);
    }

    [Theory]
    [InlineData(TestImageFormat.Png)]
    [InlineData(TestImageFormat.Jpeg)]
    [InlineData(TestImageFormat.Webp)]
    public void Read_TruncatedImage_IsRefusedOrReadWithoutCrashing(TestImageFormat format)
    {
        var image = TestImages.Render(TestImages.PiiLines, 800, 600, format);

        var result = OcrTestKit.Reader().Read(image.Bytes.AsSpan(0, image.Bytes.Length / 2), TestContext.Current.CancellationToken);

        // PNG and WebP refuse a short stream; libjpeg pads a truncated JPEG with grey and says so on stderr, so the top
        // half may still be read. Either is fine, as long as nothing past the data is read and the process lives on.
        if (format == TestImageFormat.Jpeg)
        {
            Assert.True(result.Refusal is null or OcrRefusal.Undecodable, $"{result.Refusal}");
        }
        else
        {
            Assert.Equal(OcrRefusal.Undecodable, result.Refusal);
        }
    }

    [Fact]
    public void Read_RandomBytes_HeaderIsUnreadable()
    {
        var random = new byte[20_000];
        new Random(9).NextBytes(random);

        var result = OcrTestKit.Reader().Read(random, TestContext.Current.CancellationToken);

        Assert.Equal(OcrRefusal.UnreadableHeader, result.Refusal);
    }

    [Theory]
    [InlineData(new byte[] { 0x89 })]
    [InlineData(new byte[] { (byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'9', (byte)'a' })]
    public void Read_FewBytes_HeaderIsUnreadable(byte[] bytes)
    {
        var result = OcrTestKit.Reader().Read(bytes, TestContext.Current.CancellationToken);

        Assert.Equal(OcrRefusal.UnreadableHeader, result.Refusal);
    }

    [Fact]
    public void Read_NoBytes_IsEmpty()
    {
        var result = OcrTestKit.Reader().Read([], TestContext.Current.CancellationToken);

        Assert.Equal(OcrRefusal.Empty, result.Refusal);
    }

    [Fact]
    public void Read_MoreBytesThanMaxBytes_IsRefusedBeforeTheHeader()
    {
        var image = TestImages.Render(TestImages.PiiLines);

        var result = OcrTestKit.Reader(o => o.MaxBytes = image.Bytes.Length - 1).Read(image.Bytes, TestContext.Current.CancellationToken);

        Assert.Equal(OcrRefusal.TooManyBytes, result.Refusal);
        Assert.Equal(0, result.Width);
    }

    [Fact]
    public void Read_MorePixelsThanMaxPixels_IsRefused()
    {
        var image = TestImages.Render(TestImages.PiiLines, 800, 600);

        var atLimit = OcrTestKit.Reader(o => o.MaxPixels = 800 * 600).Read(image.Bytes, TestContext.Current.CancellationToken);
        var overLimit = OcrTestKit.Reader(o => o.MaxPixels = 800 * 600 - 1).Read(image.Bytes, TestContext.Current.CancellationToken);

        Assert.Null(atLimit.Refusal);
        Assert.Equal(OcrRefusal.TooManyPixels, overLimit.Refusal);
    }

    [Fact]
    public void Read_OcrDisabled_RefusesWithoutTouchingTheImage()
    {
        var result = OcrTestKit.Reader(o => o.Enabled = false).Read(TestImages.PngHeaderOnly(16_000, 16_000), TestContext.Current.CancellationToken);

        Assert.Equal(OcrRefusal.Disabled, result.Refusal);
        Assert.Equal(0, result.Width);
    }
}
