extern alias scanner;

using BenchmarkDotNet.Attributes;
using Hub.Testing.Images;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using scanner::Hub.Scanner.Ocr;

namespace Hub.Benchmarks;

/// <summary>
/// Local OCR (Tesseract 5 in-process, one engine, so one core) of generated screenshots with an SSN, an e-mail address and
/// a card number: 800×600 and 1920×1080 PNG, and 1920×1080 JPEG. Decode + recognise + words with boxes; the engine is
/// started in setup, as the pool does at boot. Issue #9's target: at most 500 ms at the median for 1920×1080 (OCR + scan).
/// </summary>
[MemoryDiagnoser]
public class OcrBenchmarks
{
    private OcrEnginePool pool = null!;
    private OcrReader reader = null!;
    private byte[] png800x600 = null!;
    private byte[] png1920x1080 = null!;
    private byte[] jpeg1920x1080 = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = Options.Create(new OcrOptions { Enabled = true, Engines = 1, DeadlineMs = 60_000 });
        pool = new OcrEnginePool(options, NullLogger<OcrEnginePool>.Instance);
        pool.WarmUp();
        reader = new OcrReader(pool, options, NullLogger<OcrReader>.Instance);
        png800x600 = TestImages.Render(TestImages.PiiLines, 800, 600).Bytes;
        png1920x1080 = TestImages.Render(TestImages.PiiLines, 1920, 1080, textSize: 24).Bytes;
        jpeg1920x1080 = TestImages.Render(TestImages.PiiLines, 1920, 1080, TestImageFormat.Jpeg, TestTheme.Dark, textSize: 24).Bytes;
    }

    [GlobalCleanup]
    public void Cleanup() => pool.Dispose();

    [Benchmark(Baseline = true)]
    public int Png_800x600() => reader.Read(png800x600, CancellationToken.None).Words.Count;

    [Benchmark]
    public int Png_1920x1080() => reader.Read(png1920x1080, CancellationToken.None).Words.Count;

    [Benchmark]
    public int Jpeg_1920x1080_Dark() => reader.Read(jpeg1920x1080, CancellationToken.None).Words.Count;
}
