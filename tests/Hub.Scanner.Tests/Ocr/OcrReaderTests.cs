using Hub.Scanner.Ocr;
using Hub.Testing.Images;

namespace Hub.Scanner.Tests.Ocr;

public sealed class OcrReaderTests
{
    public static TheoryData<int, int, TestImageFormat, TestTheme, TestFont> Screenshots()
    {
        var data = new TheoryData<int, int, TestImageFormat, TestTheme, TestFont>();
        foreach (var (width, height, format, theme) in TestImages.Variants())
        {
            foreach (var font in new[] { TestFont.Sans, TestFont.Mono })
            {
                data.Add(width, height, format, theme, font);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Screenshots))]
    public void Read_Screenshot_FindsSsnEmailAndCard(int width, int height, TestImageFormat format, TestTheme theme, TestFont font)
    {
        var image = TestImages.Render(TestImages.PiiLines, width, height, format, theme, font, textSize: width > 1000 ? 24 : 20);

        var result = OcrTestKit.Reader().Read(image.Bytes, TestContext.Current.CancellationToken);

        Assert.Null(result.Refusal);
        Assert.False(result.TimedOut);
        Assert.Equal((width, height), (result.Width, result.Height));
        var text = OcrTestKit.Squeezed(result.Text);
        Assert.Contains("123-45-6789", text, StringComparison.Ordinal);
        Assert.Contains("john.doe@example.com", text, StringComparison.Ordinal);
        Assert.Contains("4111111111111111", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TestImageFormat.Png, TestTheme.Light)]
    [InlineData(TestImageFormat.Jpeg, TestTheme.Dark)]
    public void Read_Screenshot_WordBoxesLieInTheImageAndCoverWhereTheWordsWereDrawn(TestImageFormat format, TestTheme theme)
    {
        var image = TestImages.Render(TestImages.PiiLines, 800, 600, format, theme);

        var result = OcrTestKit.Reader().Read(image.Bytes, TestContext.Current.CancellationToken);

        Assert.NotEmpty(result.Words);
        Assert.All(result.Words, word => Assert.True(
            word.Box is { X: >= 0, Y: >= 0, Width: > 0, Height: > 0 } && word.Box.Right <= 800 && word.Box.Bottom <= 600,
            $"{word.Box} lies outside 800×600"));
        Assert.Equal(
            string.Join(' ', result.Words.Select(w => w.Text)),
            string.Join(' ', result.Text.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)));

        foreach (var known in new[] { "123-45-6789", "john.doe@example.com", "Customer" })
        {
            var drawn = image.Word(known).Box;
            var read = Assert.Single(result.Words, w => w.Text == known).Box;

            // Tesseract's box is the word's ink, as is the drawn box; anti-aliasing and JPEG blur the edges by a pixel or two.
            const int slack = 3;
            Assert.True(Covers(read, drawn, slack), $"{known}: read {read} does not cover drawn {drawn}");
            Assert.True(Covers(drawn, read, slack), $"{known}: read {read} is much larger than drawn {drawn}");
        }
    }

    [Fact]
    public void Read_BlankImage_ReadsNothing()
    {
        var image = TestImages.Render([], 800, 600);

        var result = OcrTestKit.Reader().Read(image.Bytes, TestContext.Current.CancellationToken);

        Assert.Null(result.Refusal);
        Assert.Empty(result.Words);
        Assert.Equal("", result.Text.Trim());
    }

    [Fact]
    public void Read_ManyInParallel_GivesTheSameTextAsOneByOne()
    {
        var images = new[]
        {
            TestImages.Render(TestImages.PiiLines, 800, 600, TestImageFormat.Png),
            TestImages.Render(TestImages.PiiLines, 800, 600, TestImageFormat.Jpeg, TestTheme.Dark, TestFont.Mono),
            TestImages.Render(["Invoice 2024-117", "Total due: 1,250.00 EUR"], 800, 600, TestImageFormat.Webp),
        };
        var reader = OcrTestKit.Reader();
        var expected = images.Select(i => reader.Read(i.Bytes, TestContext.Current.CancellationToken).Text).ToArray();

        var jobs = Enumerable.Range(0, 12).ToArray();
        var texts = new string[jobs.Length];
        Parallel.ForEach(jobs, new ParallelOptions { MaxDegreeOfParallelism = 6 }, job =>
            texts[job] = reader.Read(images[job % images.Length].Bytes, TestContext.Current.CancellationToken).Text);

        Assert.All(jobs, job => Assert.Equal(expected[job % images.Length], texts[job]));
        Assert.True(OcrTestKit.Pool.Started <= OcrTestKit.Pool.Size);
    }

    [Fact]
    public void Read_DenseImageWithDeadlineOfAFewMilliseconds_TimesOutWithWhatWasRead()
    {
        var image = TestImages.Dense();
        var full = OcrTestKit.Reader(o => o.DeadlineMs = 60_000).Read(image.Bytes, TestContext.Current.CancellationToken);

        var partial = OcrTestKit.Reader(o => o.DeadlineMs = 5).Read(image.Bytes, TestContext.Current.CancellationToken);

        Assert.False(full.TimedOut);
        Assert.True(partial.TimedOut);
        Assert.Null(partial.Refusal);
        // Layout analysis alone outlasts 5 ms, so the first deadline check stops it; the words Tesseract had finished by
        // then (80 of 1,120 when measured: it checks between batches of words, not between every word) are kept.
        Assert.NotEmpty(partial.Words);
        Assert.True(partial.Words.Count < full.Words.Count, $"{partial.Words.Count} of {full.Words.Count} words");
        Assert.StartsWith(OcrTestKit.Squeezed(partial.Text), OcrTestKit.Squeezed(full.Text), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CancelledToken_Throws()
    {
        var image = TestImages.Render(TestImages.PiiLines);

        Assert.ThrowsAny<OperationCanceledException>(() => OcrTestKit.Reader().Read(image.Bytes, new CancellationToken(canceled: true)));
    }

    private static bool Covers(OcrBox outer, PixelBox inner, int slack) =>
        outer.X - slack <= inner.X && outer.Y - slack <= inner.Y && outer.Right + slack >= inner.Right && outer.Bottom + slack >= inner.Bottom;

    private static bool Covers(PixelBox outer, OcrBox inner, int slack) =>
        outer.X - slack <= inner.X && outer.Y - slack <= inner.Y && outer.Right + slack >= inner.Right && outer.Bottom + slack >= inner.Bottom;
}
