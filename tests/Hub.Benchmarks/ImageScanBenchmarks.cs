extern alias scanner;

using BenchmarkDotNet.Attributes;
using Hub.Testing.Images;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using scanner::Hub.Scanner;
using scanner::Hub.Scanner.Ocr;
using scanner::Hub.Scanner.Policies;
using scanner::Hub.Scanner.Vision;

namespace Hub.Benchmarks;

/// <summary>
/// What one screenshot costs the scanner end to end, as <c>POST /v1/scan</c> runs it (issue #9's target: at most 500 ms at
/// the median for 1920×1080 on one core): data URL parsed and gated, OCR on one Tesseract engine, the OCR text scanned
/// under Maximum Protection and the findings mapped to boxes. <c>LogOnly</c> stops there (OCR + scan); the default policy
/// also redacts the four values it finds (SSN, e-mail, card, date) and re-encodes the PNG.
/// </summary>
[MemoryDiagnoser]
public class ImageScanBenchmarks
{
    private ServiceProvider services = null!;
    private ImageScanner scanner = null!;
    private ScanPolicy redact = null!;
    private ScanPolicy logOnly = null!;
    private string[] png800x600 = null!;
    private string[] png1920x1080 = null!;

    [GlobalSetup]
    public void Setup()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Scanner:Ocr:Enabled"] = "true",
            ["Scanner:Ocr:Engines"] = "1",
            ["Scanner:Ocr:DeadlineMs"] = "60000",
        }).Build();
        services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddScanEngine()
            .AddImageScanning()
            .BuildServiceProvider();
        services.GetRequiredService<OcrEnginePool>().WarmUp();
        scanner = services.GetRequiredService<ImageScanner>();
        var policies = services.GetRequiredService<PolicyResolver>();
        redact = policies.Resolve(null).Policy!;
        logOnly = policies.Resolve(new Hub.Core.Policies.PolicyDocument(DefaultAction: "LOG")).Policy!;
        png800x600 = [TestImages.Render(TestImages.PiiLines, 800, 600).DataUrl];
        png1920x1080 = [TestImages.Render(TestImages.PiiLines, 1920, 1080, textSize: 24).DataUrl];
    }

    [GlobalCleanup]
    public void Cleanup() => services.Dispose();

    [Benchmark(Baseline = true)]
    public int Png_800x600_LogOnly() => Scan(png800x600, logOnly);

    [Benchmark]
    public int Png_800x600_Redacted() => Scan(png800x600, redact);

    [Benchmark]
    public int Png_1920x1080_LogOnly() => Scan(png1920x1080, logOnly);

    [Benchmark]
    public int Png_1920x1080_Redacted() => Scan(png1920x1080, redact);

    private int Scan(string[] images, ScanPolicy policy) =>
        scanner.ScanAsync(images, policy, CancellationToken.None).GetAwaiter().GetResult().Findings.Count;
}
