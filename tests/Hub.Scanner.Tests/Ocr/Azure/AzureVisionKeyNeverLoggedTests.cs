using Hub.Scanner.Ocr;
using Hub.Testing;
using Hub.Testing.Fakes.AzureVision;
using Hub.Testing.Images;

namespace Hub.Scanner.Tests.Ocr.Azure;

/// <summary>At every level, the Azure path logs statuses, codes, sizes and event ids: never the key, the image or what was read.</summary>
public sealed class AzureVisionKeyNeverLoggedTests
{
    [Fact]
    public async Task Read_ReadRefusedTimedOutAndFailed_LogNeitherTheKeyNorTheText()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fake = await FakeAzureVision.StartAsync();
        fake.Lines = [new([FakeAzureWord.At("john.doe@example.com", 10, 10, 200, 20), FakeAzureWord.At("123-45-6789", 220, 10, 120, 20)])];
        var captured = new CapturingLoggerProvider();
        using var host = AzureVisionTestKit.Host(fake, new() { ["Scanner:Ocr:Azure:TimeoutMs"] = "3000" }, captured);
        await host.StartAsync(ct);
        var reader = AzureVisionTestKit.Reader(host);
        var image = TestImages.Render(TestImages.PiiLines).Bytes;

        var read = await reader.ReadAsync(image, ct);
        var refused = await reader.ReadAsync(TestImages.PngHeaderOnly(16_000, 16_000), ct);
        fake.Delay = TimeSpan.FromMinutes(2);
        var timedOut = await reader.ReadAsync(image, ct);
        fake.Delay = TimeSpan.Zero;
        fake.ErrorStatus = 401;
        await Assert.ThrowsAsync<OcrEngineUnavailableException>(() => reader.ReadAsync(image, ct).AsTask());
        fake.ErrorStatus = null;
        fake.RawAnswer = $$"""{"error":"{{FakeAzureVision.ApiKey}}"}""";
        await Assert.ThrowsAsync<OcrEngineUnavailableException>(() => reader.ReadAsync(image, ct).AsTask());
        await host.StopAsync(ct);

        Assert.Equal(2, read.Words.Count);
        Assert.NotNull(refused.Refusal);
        Assert.True(timedOut.TimedOut);
        var log = string.Join('\n', captured.Lines);
        Assert.Contains("AzureVisionImageRefused", log, StringComparison.Ordinal);
        Assert.Contains("AzureVisionTimedOut", log, StringComparison.Ordinal);
        Assert.Contains("AzureVisionFailed", log, StringComparison.Ordinal);
        Assert.Contains("AzureVisionUnparseable", log, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeAzureVision.ApiKey, log, StringComparison.Ordinal);
        Assert.DoesNotContain("john.doe", log, StringComparison.Ordinal);
        Assert.DoesNotContain("123-45-6789", log, StringComparison.Ordinal);
    }
}
