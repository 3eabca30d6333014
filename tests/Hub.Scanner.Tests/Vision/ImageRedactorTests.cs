using Hub.Scanner.Ocr;
using Hub.Scanner.Tests.Ocr;
using Hub.Scanner.Vision;
using Hub.Testing.Images;
using SkiaSharp;

namespace Hub.Scanner.Tests.Vision;

public sealed class ImageRedactorTests
{
    private static readonly SKColor Black = new(0, 0, 0, 255);

    public static TheoryData<int, int, TestImageFormat, TestTheme> Screenshots()
    {
        var data = new TheoryData<int, int, TestImageFormat, TestTheme>();
        foreach (var (width, height, format, theme) in TestImages.Variants())
        {
            data.Add(width, height, format, theme);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Screenshots))]
    public void RedactToPng_ValueBoxes_OcrAgainNoLongerReadsTheValuesButStillReadsTheOtherLines(
        int width, int height, TestImageFormat format, TestTheme theme)
    {
        var image = TestImages.Render(TestImages.PiiLines, width, height, format, theme, textSize: width > 1000 ? 24 : 20);
        var before = OcrTestKit.Reader().Read(image.Bytes, TestContext.Current.CancellationToken);
        var words = ValueWords(image, before);
        Assert.Equal("123-45-6789john.doe@example.com4111111111111111", string.Concat(words.Select(w => w.Text)));
        var boxes = words.Select(w => w.Box).ToArray();

        var redacted = ImageRedactor.RedactToPng(image.Bytes, boxes);

        var after = OcrTestKit.Reader().Read(redacted, TestContext.Current.CancellationToken);
        Assert.Null(after.Refusal);
        var text = OcrTestKit.Squeezed(after.Text);
        foreach (var gone in new[] { "123-45-6789", "123", "45-", "6789", "john.doe", "example.com", "@", "4111", "1111" })
        {
            Assert.DoesNotContain(gone, text, StringComparison.Ordinal);
        }

        Assert.Contains("Customerrecord", text, StringComparison.Ordinal);
        Assert.Contains("Status:activesinceMarch2024", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Screenshots))]
    public void RedactToPng_ValueBoxes_IsAPngOfTheSameSizeBlackWhereTheValuesWereDrawnAndUnchangedFarAway(
        int width, int height, TestImageFormat format, TestTheme theme)
    {
        var image = TestImages.Render(TestImages.PiiLines, width, height, format, theme, textSize: width > 1000 ? 24 : 20);
        var words = ValueWords(image, OcrTestKit.Reader().Read(image.Bytes, TestContext.Current.CancellationToken));

        var redacted = ImageRedactor.RedactToPng(image.Bytes, words.Select(w => w.Box).ToArray());

        Assert.True(redacted.AsSpan().StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]));
        using var original = SKBitmap.Decode(image.Bytes);
        using var result = SKBitmap.Decode(redacted);
        Assert.Equal((width, height), (result.Width, result.Height));
        foreach (var word in words)
        {
            AssertAll(result, word.Box, Black);
        }

        // The ink as drawn, anti-aliased edges and all: the margin must reach past what OCR called the word (it fails with
        // no margin: the drawn box is 1 px wider than Tesseract's; 1 px passes, 2 px leaves one to spare).
        foreach (var value in new[] { "123-45-6789", "john.doe@example.com" })
        {
            var drawn = image.Word(value).Box;
            AssertAll(result, new OcrBox(drawn.X, drawn.Y, drawn.Width, drawn.Height), Black);
        }

        var tolerance = format == TestImageFormat.Png ? 0 : 3; // two JPEG/WebP decoders may differ by a level or two
        foreach (var (x, y) in new[] { (5, 5), (width - 10, height - 10), (700, 80) })
        {
            AssertClose(original.GetPixel(x, y), result.GetPixel(x, y), tolerance);
        }
    }

    [Fact]
    public void RedactToPng_NoBoxes_ReencodesThePixelsUnchanged()
    {
        var image = TestImages.Render(TestImages.PiiLines, 800, 600);

        var redacted = ImageRedactor.RedactToPng(image.Bytes, []);

        AssertSamePixels(image.Bytes, redacted);
    }

    [Fact]
    public void RedactToPng_EmptyOrNegativeBoxes_ChangeNothing()
    {
        var image = TestImages.Render(TestImages.PiiLines, 800, 600);

        var redacted = ImageRedactor.RedactToPng(image.Bytes,
            [new OcrBox(100, 100, 0, 0), new OcrBox(100, 100, 0, 20), new OcrBox(100, 100, -5, 20), new OcrBox(900, 700, 10, 10)]);

        AssertSamePixels(image.Bytes, redacted);
    }

    [Fact]
    public void RedactToPng_BoxesPartlyOutsideTheImage_AreClampedAndFilled()
    {
        var blank = TestImages.Render([], 800, 600);

        var redacted = ImageRedactor.RedactToPng(blank.Bytes,
            [new OcrBox(-50, -50, 100, 100), new OcrBox(780, 580, 100, 100), new OcrBox(int.MaxValue - 5, 10, int.MaxValue, 10)]);

        // Each grown by 10 px (10 % of 100).
        using var result = SKBitmap.Decode(redacted);
        Assert.Equal((800, 600), (result.Width, result.Height));
        AssertAll(result, new OcrBox(0, 0, 60, 60), Black);
        AssertAll(result, new OcrBox(770, 570, 30, 30), Black);
        Assert.Equal(SKColors.White, result.GetPixel(60, 60));
        Assert.Equal(SKColors.White, result.GetPixel(769, 569));
        Assert.Equal(SKColors.White, result.GetPixel(799, 15));
    }

    [Fact]
    public void RedactToPng_TransparentImage_IsOpaqueOverWhite()
    {
        using var surface = SKSurface.Create(new SKImageInfo(200, 100, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var halfBlue = new SKPaint { Color = new SKColor(0, 0, 255, 128) };
        surface.Canvas.Clear(SKColors.Transparent);
        surface.Canvas.DrawRect(10, 10, 20, 20, halfBlue);
        using var snapshot = surface.Snapshot();
        using var png = snapshot.Encode(SKEncodedImageFormat.Png, 100);

        var redacted = ImageRedactor.RedactToPng(png.ToArray(), [new OcrBox(100, 40, 20, 20)]);

        using var result = SKBitmap.Decode(redacted);
        Assert.Equal(SKColors.White, result.GetPixel(190, 90));
        Assert.Equal(Black, result.GetPixel(110, 50));
        var blended = result.GetPixel(15, 15);
        Assert.Equal(255, blended.Alpha);
        Assert.True(blended.Blue >= 250 && blended.Red is > 100 and < 160, $"{blended}: half blue over white");
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("random")]
    [InlineData("truncated")]
    [InlineData("header only")]
    public void RedactToPng_UndecodableImage_ThrowsImageRedactionException(string kind)
    {
        var png = TestImages.Render(TestImages.PiiLines, 800, 600).Bytes;
        var bytes = kind switch
        {
            "empty" => [],
            "random" => RandomBytes(4096),
            "truncated" => png[..(png.Length / 2)],
            _ => TestImages.PngHeaderOnly(800, 600),
        };

        var error = Assert.Throws<ImageRedactionException>(() => ImageRedactor.RedactToPng(bytes, [new OcrBox(0, 0, 10, 10)]));
        Assert.DoesNotContain("123", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10, 10, 40, 10, 8, 8, 44, 14)] // small text: at least 2 px
    [InlineData(10, 100, 200, 60, 4, 94, 212, 72)] // 10 % of 60 px = 6 px
    [InlineData(10, 100, 200, 61, 3, 93, 214, 75)] // 6.1 px rounds up to 7
    [InlineData(-20, -20, 30, 30, 0, 0, 13, 13)] // clamped at the top-left
    [InlineData(995, 495, 30, 30, 992, 492, 8, 8)] // clamped at the bottom-right
    public void Grow_AddsTheMarginAndClampsToTheImage(int x, int y, int w, int h, int ex, int ey, int ew, int eh) =>
        Assert.Equal(new OcrBox(ex, ey, ew, eh), ImageRedactor.Grow(new OcrBox(x, y, w, h), 1000, 500));

    [Theory]
    [InlineData(0, 0, 0, 10)]
    [InlineData(0, 0, 10, 0)]
    [InlineData(0, 0, -1, 10)]
    [InlineData(1200, 0, 10, 10)]
    [InlineData(0, -40, 10, 10)]
    public void Grow_EmptyOrOutsideBox_IsNull(int x, int y, int w, int h) =>
        Assert.Null(ImageRedactor.Grow(new OcrBox(x, y, w, h), 1000, 500));

    /// <summary>The words OCR read on the SSN, e-mail and card lines, without their labels.</summary>
    private static List<OcrWord> ValueWords(TestImage image, OcrResult result)
    {
        string[] labels = ["SSN:", "Email:", "Card:"];
        var lines = image.Lines.Where(l => labels.Any(label => l.Text.StartsWith(label, StringComparison.Ordinal))).ToArray();
        Assert.Equal(3, lines.Length);
        return result.Words
            .Where(w => !labels.Contains(w.Text) && lines.Any(l => w.Box.Y < l.Box.Bottom && l.Box.Y < w.Box.Bottom))
            .ToList();
    }

    private static void AssertAll(SKBitmap bitmap, OcrBox box, SKColor expected)
    {
        for (var y = box.Y; y < box.Bottom; y++)
        {
            for (var x = box.X; x < box.Right; x++)
            {
                var actual = bitmap.GetPixel(x, y);
                Assert.True(actual == expected, $"({x}, {y}) in {box} is {actual}, not {expected}");
            }
        }
    }

    private static void AssertClose(SKColor expected, SKColor actual, int tolerance) =>
        Assert.True(
            Math.Abs(expected.Red - actual.Red) <= tolerance && Math.Abs(expected.Green - actual.Green) <= tolerance
            && Math.Abs(expected.Blue - actual.Blue) <= tolerance && actual.Alpha == 255,
            $"{actual} is not {expected} (±{tolerance})");

    private static void AssertSamePixels(byte[] expectedImage, byte[] actualImage)
    {
        using var expected = SKBitmap.Decode(expectedImage);
        using var actual = SKBitmap.Decode(actualImage);
        Assert.Equal((expected.Width, expected.Height), (actual.Width, actual.Height));
        Assert.Equal(expected.Pixels, actual.Pixels);
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(9).NextBytes(bytes);
        return bytes;
    }
}
