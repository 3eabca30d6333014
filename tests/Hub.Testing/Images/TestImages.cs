using SkiaSharp;

namespace Hub.Testing.Images;

public enum TestImageFormat
{
    Png,
    Jpeg,
    Webp,
}

public enum TestTheme
{
    /// <summary>Dark text on white.</summary>
    Light,

    /// <summary>Light grey text on #1e1e1e, as in a dark-mode editor.</summary>
    Dark,
}

/// <summary>Fonts from Debian's fonts-dejavu-core (hub.sh installs it). Read from disk; SkiaSharp's NoDependencies build has no fontconfig.</summary>
public enum TestFont
{
    Sans,
    Mono,
    Serif,
}

/// <summary>A pixel rectangle; <see cref="X"/>, <see cref="Y"/> is the top-left corner.</summary>
public readonly record struct PixelBox(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;

    public int Bottom => Y + Height;
}

/// <summary>A word as drawn: its ink bounds in pixels.</summary>
public sealed record DrawnWord(string Text, PixelBox Box);

/// <summary>A line as drawn, with its ink bounds and each word's.</summary>
public sealed record DrawnLine(string Text, PixelBox Box, IReadOnlyList<DrawnWord> Words);

/// <summary>An encoded image and where each line of text was drawn on it.</summary>
public sealed record TestImage(byte[] Bytes, TestImageFormat Format, int Width, int Height, IReadOnlyList<DrawnLine> Lines)
{
    /// <summary>The first drawn word equal to <paramref name="text"/>.</summary>
    public DrawnWord Word(string text) => Lines.SelectMany(l => l.Words).First(w => w.Text == text);

    /// <summary>The image as a chat request carries it: <c>data:image/png;base64,…</c> (or jpeg, webp).</summary>
    public string DataUrl => $"data:image/{Format.ToString().ToLowerInvariant()};base64,{Convert.ToBase64String(Bytes)}";
}

/// <summary>Screenshot-like images with known text, made in memory (nothing is written to disk).</summary>
public static class TestImages
{
    private const string FontDirectory = "/usr/share/fonts/truetype/dejavu/";

    /// <summary>Lines with an SSN, an e-mail address and a card number, between ordinary lines.</summary>
    public static IReadOnlyList<string> PiiLines { get; } =
    [
        "Customer record",
        "SSN: 123-45-6789",
        "Email: john.doe@example.com",
        "Card: 4111 1111 1111 1111",
        "Status: active since March 2024",
    ];

    /// <summary>
    /// Draws <paramref name="lines"/> top to bottom from a 40 px margin, <paramref name="textSize"/> px apart by 1.6, and
    /// encodes the image (JPEG and WebP at quality 90).
    /// </summary>
    public static TestImage Render(IReadOnlyList<string> lines, int width = 800, int height = 600,
        TestImageFormat format = TestImageFormat.Png, TestTheme theme = TestTheme.Light, TestFont font = TestFont.Sans,
        float textSize = 20)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var (background, foreground) = theme == TestTheme.Light
            ? (SKColors.White, new SKColor(0x22, 0x22, 0x22))
            : (new SKColor(0x1e, 0x1e, 0x1e), new SKColor(0xd4, 0xd4, 0xd4));

        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(background);
        using var typeface = LoadTypeface(font);
        using var skFont = new SKFont(typeface, textSize) { Edging = SKFontEdging.Antialias };
        using var paint = new SKPaint { Color = foreground, IsAntialias = true };

        const float margin = 40;
        var drawn = new List<DrawnLine>(lines.Count);
        var baseline = margin + textSize;
        foreach (var line in lines)
        {
            canvas.DrawText(line, margin, baseline, SKTextAlign.Left, skFont, paint);
            drawn.Add(new DrawnLine(line, Bounds(skFont, line, margin, baseline), Words(skFont, line, margin, baseline)));
            baseline += textSize * 1.6f;
        }

        using var image = surface.Snapshot();
        using var data = image.Encode(ToSkia(format), 90);
        return new TestImage(data.ToArray(), format, width, height, drawn);
    }

    /// <summary>A page full of text: <paramref name="lineCount"/> full-width lines of words and numbers (slow to OCR).</summary>
    public static TestImage Dense(int width = 1920, int height = 1080, int lineCount = 40, float textSize = 16)
    {
        var lines = new List<string>(lineCount);
        for (var i = 0; i < lineCount; i++)
        {
            lines.Add($"Line {i:00}: invoice {100_000 + i * 7919} paid by account {4_000_000 + i * 104_729} on the {i % 28 + 1}th, " +
                "reference alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa");
        }

        return Render(lines, width, height, TestImageFormat.Png, TestTheme.Light, TestFont.Sans, textSize);
    }

    /// <summary>Encodes <paramref name="lines"/> in every format, theme and the two screenshot sizes used by the OCR tests.</summary>
    public static IEnumerable<(int Width, int Height, TestImageFormat Format, TestTheme Theme)> Variants()
    {
        foreach (var (w, h) in new[] { (800, 600), (1920, 1080) })
        {
            foreach (var format in Enum.GetValues<TestImageFormat>())
            {
                foreach (var theme in Enum.GetValues<TestTheme>())
                {
                    yield return (w, h, format, theme);
                }
            }
        }
    }

    /// <summary>
    /// A PNG that is only a signature, an IHDR chunk (valid CRC) claiming <paramref name="width"/>×<paramref name="height"/>
    /// RGBA pixels and an IEND chunk, with no image data: what a decompression bomb looks like to a header reader, at 45
    /// bytes. (Leptonica reads no PNG header shorter than 40 bytes, so IEND is needed as well.)
    /// </summary>
    public static byte[] PngHeaderOnly(int width, int height) =>
        [.. PngBytes.Header((uint)width, (uint)height), .. PngBytes.Chunk("IEND", [])];

    private static SKTypeface LoadTypeface(TestFont font)
    {
        var file = FontDirectory + font switch
        {
            TestFont.Mono => "DejaVuSansMono.ttf",
            TestFont.Serif => "DejaVuSerif.ttf",
            _ => "DejaVuSans.ttf",
        };
        return SKTypeface.FromFile(file)
            ?? throw new InvalidOperationException($"Font {file} not found: install fonts-dejavu-core (./hub.sh test does).");
    }

    private static List<DrawnWord> Words(SKFont font, string line, float x, float baseline)
    {
        var words = new List<DrawnWord>();
        var start = 0;
        while (start < line.Length)
        {
            var end = line.IndexOf(' ', start);
            end = end < 0 ? line.Length : end;
            if (end > start)
            {
                var advance = font.MeasureText(line.AsSpan(0, start));
                var word = line[start..end];
                words.Add(new DrawnWord(word, Bounds(font, word, x + advance, baseline)));
            }

            start = end + 1;
        }

        return words;
    }

    /// <summary>Ink bounds of <paramref name="text"/> drawn at (<paramref name="x"/>, <paramref name="baseline"/>), rounded outwards.</summary>
    private static PixelBox Bounds(SKFont font, string text, float x, float baseline)
    {
        font.MeasureText(text, out var bounds);
        var left = (int)MathF.Floor(x + bounds.Left);
        var top = (int)MathF.Floor(baseline + bounds.Top);
        var right = (int)MathF.Ceiling(x + bounds.Right);
        var bottom = (int)MathF.Ceiling(baseline + bounds.Bottom);
        return new PixelBox(left, top, right - left, bottom - top);
    }

    private static SKEncodedImageFormat ToSkia(TestImageFormat format) => format switch
    {
        TestImageFormat.Jpeg => SKEncodedImageFormat.Jpeg,
        TestImageFormat.Webp => SKEncodedImageFormat.Webp,
        _ => SKEncodedImageFormat.Png,
    };
}
