using Hub.Scanner.Images;
using B = Hub.Scanner.Tests.Images.ImageHeaderBuilder;

namespace Hub.Scanner.Tests.Images;

public sealed class ImageGateTests
{
    private static readonly Dictionary<string, (byte[] Bytes, ImageRefusalReason Reason)> Bombs = new()
    {
        ["png-side"] = (B.Png(100_000, 100_000), ImageRefusalReason.SideTooLong),
        ["png-pixels"] = (B.Png(16_000, 16_000), ImageRefusalReason.TooManyPixels),
        ["jpeg-side"] = (B.Jpeg(65_535, 65_535), ImageRefusalReason.SideTooLong),
        ["jpeg-pixels"] = (B.Jpeg(10_000, 10_000, sof: 0xC2), ImageRefusalReason.TooManyPixels),
        ["webp-vp8-pixels"] = (B.WebPLossy(16_383, 16_383), ImageRefusalReason.TooManyPixels),
        ["webp-vp8l-pixels"] = (B.WebPLossless(16_384, 16_384), ImageRefusalReason.TooManyPixels),
        ["webp-vp8x-side"] = (B.WebPExtended(1 << 24, 1 << 24), ImageRefusalReason.SideTooLong),
        ["gif-side"] = (B.Gif(65_535, 65_535), ImageRefusalReason.SideTooLong),
        ["gif-pixels"] = (B.Gif(10_000, 10_000, "87a"), ImageRefusalReason.TooManyPixels),
        ["gif-frame-pixels"] = (B.Gif(1, 1, frameWidth: 10_000, frameHeight: 10_000), ImageRefusalReason.TooManyPixels),
        ["bmp-side"] = (B.Bmp(int.MaxValue, -int.MaxValue), ImageRefusalReason.SideTooLong),
        ["bmp-pixels"] = (B.Bmp(20_000, -2_001), ImageRefusalReason.TooManyPixels),
        ["tiff-side"] = (B.Tiff(int.MaxValue, 1, bigEndian: false, longWidth: true), ImageRefusalReason.SideTooLong),
        ["tiff-pixels"] = (B.Tiff(8_000, 8_000, bigEndian: true), ImageRefusalReason.TooManyPixels),
    };

    public static TheoryData<string> BombNames => [.. Bombs.Keys];

    [Theory]
    [MemberData(nameof(BombNames))]
    public void Check_HugeDimensions_AreRefusedBeforeDecoding(string name)
    {
        var (bytes, reason) = Bombs[name];

        var result = ImageGate.Check(bytes, ImageLimits.Default);

        Assert.False(result.IsAccepted);
        Assert.Equal(reason, result.Refusal.Reason);
    }

    [Fact]
    public void Check_279KilobytePngClaiming16000Squared_IsRefusedByPixels()
    {
        byte[] png = [.. B.Png(16_000, 16_000), .. B.PngChunk("IDAT", new byte[279 * 1024]), .. B.PngChunk("IEND", [])];
        var value = "data:image/png;base64," + Convert.ToBase64String(png);

        using var result = ImageGate.Check(value, ImageLimits.Default);

        Assert.False(result.IsAccepted);
        Assert.Equal(ImageRefusalReason.TooManyPixels, result.Refusal.Reason);
        Assert.Contains("16000×16000", result.Refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_DataUrlWithinLimits_IsAcceptedWithItsBytesAndSize()
    {
        var jpeg = B.Jpeg(1920, 1080);

        using var result = ImageGate.Check("data:image/jpeg;base64," + Convert.ToBase64String(jpeg), ImageLimits.Default);

        Assert.True(result.IsAccepted, result.Refusal?.Message);
        Assert.Equal(new ImageDimensions(ImageFormat.Jpeg, 1920, 1080), result.Dimensions);
        Assert.Equal(jpeg, result.Image.Span.ToArray());
    }

    [Fact]
    public void Check_AtThePixelAndSideLimits_IsAccepted()
    {
        Assert.True(ImageGate.Check(B.Png(20_000, 2_000), ImageLimits.Default).IsAccepted);
        Assert.True(ImageGate.Check(B.Png(8_000, 5_000), ImageLimits.Default).IsAccepted);
        Assert.Equal(ImageRefusalReason.TooManyPixels, ImageGate.Check(B.Png(8_000, 5_001), ImageLimits.Default).Refusal?.Reason);
        Assert.Equal(ImageRefusalReason.SideTooLong, ImageGate.Check(B.Png(20_001, 1), ImageLimits.Default).Refusal?.Reason);
    }

    [Fact]
    public void Check_PngLabelledJpeg_IsRefusedAsMismatch()
    {
        using var result = ImageGate.Check("data:image/jpeg;base64," + Convert.ToBase64String(B.Png(10, 10)), ImageLimits.Default);

        Assert.Equal(ImageRefusalReason.MediaTypeMismatch, result.Refusal?.Reason);
        Assert.Equal("The data URL declares Jpeg but the image is Png.", result.Refusal?.Message);
    }

    [Fact]
    public void Check_BareBase64_TrustsTheBytes()
    {
        using var result = ImageGate.Check(Convert.ToBase64String(B.Gif(10, 20)), ImageLimits.Default);

        Assert.Equal(new ImageDimensions(ImageFormat.Gif, 10, 20), result.Dimensions);
    }

    [Theory]
    [InlineData("not base64!", "InvalidBase64")]
    [InlineData("AAAAAAAAAAAA", "UnknownFormat")]
    [InlineData("data:image/png;base64,iVBORw0KGgo=", "Truncated")] // the PNG signature alone
    public void Check_UnusableValue_IsRefused(string value, string reason)
    {
        using var result = ImageGate.Check(value, ImageLimits.Default);

        Assert.Equal(Enum.Parse<ImageRefusalReason>(reason), result.Refusal?.Reason);
    }

    [Fact]
    public void Check_CustomLimits_Apply()
    {
        var limits = new ImageLimits { MaxBytes = 40, MaxPixels = 100, MaxSide = 50 };

        Assert.Equal(ImageRefusalReason.TooManyBytes, ImageGate.Check(B.Bmp(10, 10), limits).Refusal?.Reason);
        Assert.Equal(ImageRefusalReason.SideTooLong, ImageGate.Check(B.Png(51, 1), limits).Refusal?.Reason);
        Assert.Equal(ImageRefusalReason.TooManyPixels, ImageGate.Check(B.Png(11, 10), limits).Refusal?.Reason);
        Assert.True(ImageGate.Check(B.Png(10, 10), limits).IsAccepted);
    }

    [Fact]
    public void PngCrc32_KnownVectors()
    {
        Assert.Equal(0xCBF43926u, PngCrc32.Compute("123456789"u8)); // the CRC-32 check value
        Assert.Equal(0xAE426082u, PngCrc32.Compute("IEND"u8));      // every PNG's last four bytes
    }
}
