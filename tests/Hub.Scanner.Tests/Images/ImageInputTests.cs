using Hub.Scanner.Images;
using B = Hub.Scanner.Tests.Images.ImageHeaderBuilder;

namespace Hub.Scanner.Tests.Images;

public sealed class ImageInputTests
{
    private static readonly byte[] Png = B.Png(800, 600);
    private static readonly string PngBase64 = Convert.ToBase64String(Png);

    [Fact]
    public void Parse_PngDataUrl_DecodesTheBytesAndTheDeclaredFormat()
    {
        using var result = Accepted(ImageInput.Parse("data:image/png;base64," + PngBase64, ImageLimits.Default));

        Assert.Equal(Png, result.Image!.Span.ToArray());
        Assert.Equal(ImageFormat.Png, result.DeclaredFormat);
    }

    [Fact]
    public void Parse_BareBase64_DecodesTheBytesWithoutADeclaredFormat()
    {
        using var result = Accepted(ImageInput.Parse(PngBase64, ImageLimits.Default));

        Assert.Equal(Png, result.Image!.Span.ToArray());
        Assert.Null(result.DeclaredFormat);
    }

    [Theory]
    [InlineData("data:image/png;base64,", "Png")]
    [InlineData("data:image/jpeg;base64,", "Jpeg")]
    [InlineData("data:image/jpg;base64,", "Jpeg")]
    [InlineData("data:image/webp;base64,", "WebP")]
    [InlineData("data:image/gif;base64,", "Gif")]
    [InlineData("data:image/bmp;base64,", "Bmp")]
    [InlineData("data:image/tiff;base64,", "Tiff")]
    [InlineData("DATA:IMAGE/PNG;BASE64,", "Png")]
    [InlineData("Data:image/png;charset=utf-8;base64,", "Png")]
    [InlineData("data: image/png ; name=shot.png ; base64 ,", "Png")]
    public void Parse_DataUrlVariants_AreAccepted(string prefix, string declared)
    {
        using var result = Accepted(ImageInput.Parse(prefix + PngBase64, ImageLimits.Default));

        Assert.Equal(Enum.Parse<ImageFormat>(declared), result.DeclaredFormat);
    }

    [Theory]
    [InlineData("data:image/svg+xml;base64,PHN2Zz4=", "UnsupportedMediaType")]
    [InlineData("data:text/plain;base64,QUJD", "UnsupportedMediaType")]
    [InlineData("data:;base64,QUJD", "UnsupportedMediaType")] // RFC 2397: text/plain by default
    [InlineData("data:image/png;base64", "MalformedDataUrl")]
    [InlineData("data:image/png;base64QUJD", "MalformedDataUrl")]
    [InlineData("data:image/png;base64;charset=utf-8,QUJD", "MalformedDataUrl")]
    [InlineData("data:image/png;charset;base64,QUJD", "MalformedDataUrl")]
    [InlineData("data:image/png,%89PNG%0D%0A", "InvalidBase64")]
    [InlineData("data:image/png;charset=utf-8,QUJD", "InvalidBase64")]
    [InlineData("data:image/png;base64,", "Empty")]
    [InlineData("", "Empty")]
    [InlineData("   \r\n", "Empty")]
    public void Parse_BadDataUrl_IsRefused(string value, string reason)
    {
        Assert.Equal(Enum.Parse<ImageRefusalReason>(reason), Refused(ImageInput.Parse(value, ImageLimits.Default)).Reason);
    }

    [Fact]
    public void Parse_Null_IsRefusedAsEmpty()
    {
        Assert.Equal(ImageRefusalReason.Empty, Refused(ImageInput.Parse(null, ImageLimits.Default)).Reason);
    }

    [Theory]
    [InlineData("QUJ*")]     // not in the alphabet
    [InlineData("QU-_")]     // the URL-safe alphabet
    [InlineData("QUI")]      // missing padding
    [InlineData("QUI==")]    // too much padding
    [InlineData("Q===")]     // three padding characters
    [InlineData("QU=I")]     // padding in the middle
    [InlineData("QUI=QUJD")] // data after padding
    [InlineData("QUJDRA")]   // a length that is not a multiple of four
    [InlineData("https://example.com/a.png")]
    public void Parse_BrokenBase64_IsRefused(string value)
    {
        Assert.Equal(ImageRefusalReason.InvalidBase64, Refused(ImageInput.Parse(value, ImageLimits.Default)).Reason);
        Assert.Equal(ImageRefusalReason.InvalidBase64, Refused(ImageInput.Parse("data:image/png;base64," + value, ImageLimits.Default)).Reason);
    }

    [Fact]
    public void Parse_MimeStyleLineBreaksAndSurroundingWhitespace_AreIgnored()
    {
        var bigger = new byte[200];
        Png.CopyTo(bigger, 0);
        var wrapped = Convert.ToBase64String(bigger, Base64FormattingOptions.InsertLineBreaks);
        Assert.Contains("\r\n", wrapped, StringComparison.Ordinal);

        using var bare = Accepted(ImageInput.Parse(wrapped, ImageLimits.Default));
        using var dataUrl = Accepted(ImageInput.Parse("data:image/png;base64,\n" + wrapped.Replace("\r\n", "\n", StringComparison.Ordinal) + " \t\n", ImageLimits.Default));

        Assert.Equal(bigger, bare.Image!.Span.ToArray());
        Assert.Equal(bigger, dataUrl.Image!.Span.ToArray());
    }

    [Fact]
    public void Parse_WhitespaceBeforeTheScheme_IsNotADataUrl()
    {
        Assert.Equal(ImageRefusalReason.InvalidBase64, Refused(ImageInput.Parse(" data:image/png;base64," + PngBase64, ImageLimits.Default)).Reason);
    }

    [Fact]
    public void Parse_AtTheByteLimit_IsAcceptedAndOneByteOver_IsRefused()
    {
        var limits = ImageLimits.Default with { MaxBytes = 3 };

        using var atLimit = Accepted(ImageInput.Parse("QUJD", limits));
        Assert.Equal(ImageRefusalReason.TooManyBytes, Refused(ImageInput.Parse("QUJDRA==", limits)).Reason);
    }

    [Fact]
    public void Parse_ThirtyMegabytesOfBase64_IsRefusedWithoutAllocatingTheImage()
    {
        // 30 MB decoded is 40 M base64 characters: within the cheap length bound (2 × 20 MiB encoded), so
        // the exact count from the validating scan is what refuses it.
        var base64 = new string('A', 40_000_000);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var result = ImageInput.Parse(base64, ImageLimits.Default);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(ImageRefusalReason.TooManyBytes, Refused(result).Reason);
        Assert.True(allocated < 64 * 1024, $"{allocated} bytes allocated");
    }

    [Fact]
    public void Parse_PayloadFarBeyondAnyEncodingOfTheLimit_IsRefusedByLengthAlone()
    {
        // Not even valid base64: the length bound refuses it before the content is looked at.
        var limits = ImageLimits.Default with { MaxBytes = 1_000 };

        Assert.Equal(ImageRefusalReason.TooManyBytes, Refused(ImageInput.Parse(new string('*', 2_673), limits)).Reason);
        Assert.Equal(ImageRefusalReason.InvalidBase64, Refused(ImageInput.Parse(new string('*', 2_672), limits)).Reason);
    }

    [Theory]
    [InlineData("QUJD", 3)]
    [InlineData("QUI=", 2)]
    [InlineData("QQ==", 1)]
    [InlineData("QU\r\nJD\r\nRA\r\n==", 4)]
    public void MeasureBase64_Valid_GivesTheExactDecodedLength(string base64, int expected)
    {
        Assert.Null(ImageInput.MeasureBase64(base64, 1_000, out var length));
        Assert.Equal(expected, length);
    }

    [Fact]
    public void ImageBuffer_AfterDispose_CannotBeReadAndDisposesTwiceSafely()
    {
        var result = Accepted(ImageInput.Parse(PngBase64, ImageLimits.Default));
        var image = result.Image!;

        image.Dispose();
        image.Dispose();

        Assert.Throws<ObjectDisposedException>(() => image.Span.Length);
    }

    [Fact]
    public void Parse_InvalidLimits_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageInput.Parse(PngBase64, ImageLimits.Default with { MaxBytes = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageInput.Parse(PngBase64, ImageLimits.Default with { MaxPixels = -1 }));
    }

    private static DisposableResult Accepted(ImageInputResult result)
    {
        Assert.True(result.IsAccepted, result.Refusal?.Message);
        return new DisposableResult(result);
    }

    private static ImageRefusal Refused(ImageInputResult result)
    {
        Assert.False(result.IsAccepted);
        Assert.False(string.IsNullOrWhiteSpace(result.Refusal.Message));
        return result.Refusal;
    }

    private sealed class DisposableResult(ImageInputResult result) : IDisposable
    {
        public ImageBuffer? Image => result.Image;

        public ImageFormat? DeclaredFormat => result.DeclaredFormat;

        public void Dispose() => result.Image?.Dispose();
    }
}
