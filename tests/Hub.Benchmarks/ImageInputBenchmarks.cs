extern alias scanner;

using System.Buffers.Binary;
using System.Text;
using BenchmarkDotNet.Attributes;
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
        png = [.. Png(1920, 1080), .. Chunk("IDAT", idat), .. Chunk("IEND", [])];
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

    private static byte[] Png(uint width, uint height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;
        ihdr[9] = 6;
        return [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, .. Chunk("IHDR", ihdr)];
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        Encoding.ASCII.GetBytes(type, chunk.AsSpan(4));
        data.CopyTo(chunk.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), PngCrc32.Compute(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }
}
