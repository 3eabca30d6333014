extern alias scanner;

using BenchmarkDotNet.Attributes;
using Hub.Testing.Images;
using scanner::Hub.Scanner.Images;

namespace Hub.Benchmarks;

/// <summary>
/// The cost of letting an image through the gate before OCR (issue #9): a 1 MB PNG as a data URL (as a
/// chat request carries it) parsed, base64-decoded into a pooled buffer and sized from its header; and the
/// header read alone. The PNG is a real header with a 1 MB IDAT of filler; nothing is decoded.
/// </summary>
[MemoryDiagnoser]
public class ImageInputBenchmarks
{
    private string dataUrl = null!;
    private string wrappedBase64 = null!;
    private byte[] png = null!;

    [GlobalSetup]
    public void Setup()
    {
        var idat = new byte[1024 * 1024];
        new Random(9).NextBytes(idat);
        png = [.. PngBytes.Header(1920, 1080), .. PngBytes.Chunk("IDAT", idat), .. PngBytes.Chunk("IEND", [])];
        dataUrl = "data:image/png;base64," + Convert.ToBase64String(png);
        wrappedBase64 = Convert.ToBase64String(png, Base64FormattingOptions.InsertLineBreaks);
    }

    [Benchmark(Baseline = true)]
    public int Gate_DataUrl1Mb()
    {
        using var result = ImageGate.Check(dataUrl, ImageLimits.Default);
        return result.Dimensions.Width;
    }

    [Benchmark]
    public int Gate_MimeWrappedBase64_1Mb()
    {
        using var result = ImageGate.Check(wrappedBase64, ImageLimits.Default);
        return result.Dimensions.Width;
    }

    [Benchmark]
    public int HeaderRead_Png() => ImageHeader.Read(png).Dimensions.Width;
}
