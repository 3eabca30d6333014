using Hub.Scanner.Ocr;
using Hub.Testing;
using Hub.Testing.Images;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hub.Scanner.Tests.Ocr;

/// <summary>Logs of the OCR path carry reasons, sizes and counts at every level, never what was read.</summary>
public sealed class OcrTextNeverLoggedTests
{
    [Fact]
    public void Read_ReadTimedOutAndRefused_LogNoTextFromTheImage()
    {
        var captured = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(captured));
        var options = new OcrOptions { Enabled = true, Engines = 1, DeadlineMs = 120_000 };
        using var pool = new OcrEnginePool(Options.Create(options), loggers.CreateLogger<OcrEnginePool>());
        pool.WarmUp();
        var reader = new OcrReader(pool, Options.Create(options), loggers.CreateLogger<OcrReader>());
        var hurried = new OcrReader(pool, Options.Create(new OcrOptions { Enabled = true, Engines = 1, DeadlineMs = 5 }), loggers.CreateLogger<OcrReader>());
        var ct = TestContext.Current.CancellationToken;

        var read = reader.Read(TestImages.Render(TestImages.PiiLines).Bytes, ct);
        var timedOut = hurried.Read(TestImages.Dense().Bytes, ct);
        var refused = reader.Read(TestImages.PngHeaderOnly(16_000, 16_000), ct);

        Assert.Contains("john.doe@example.com", read.Text, StringComparison.Ordinal);
        Assert.True(timedOut.TimedOut);
        Assert.NotNull(refused.Refusal);
        var log = string.Join('\n', captured.Lines);
        Assert.Contains("OcrDeadlineReached", log, StringComparison.Ordinal);
        Assert.Contains("OcrImageRefused", log, StringComparison.Ordinal);
        foreach (var word in read.Words.Concat(timedOut.Words).Select(w => w.Text).Where(w => w.Length >= 4))
        {
            Assert.DoesNotContain(word, log, StringComparison.Ordinal);
        }
    }
}
