using Hub.Scanner.Ocr;
using Hub.Scanner.Ocr.Azure;
using Hub.Testing.Fakes.AzureVision;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hub.Scanner.Tests.Ocr.Azure;

/// <summary><c>Scanner:Ocr:Engine</c> picks the <see cref="IImageTextReader"/>; Azure's settings are checked at start when it is picked.</summary>
public sealed class AzureVisionRegistrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("azure")]
    [InlineData("Azure")]
    public async Task AddOcr_EngineAzure_ReadsWithAzureAndStartsNoTesseractEngine(string engine)
    {
        using var host = AzureVisionTestKit.Host(null, new()
        {
            ["Scanner:Ocr:Engine"] = engine,
            ["Scanner:Ocr:Azure:Endpoint"] = "https://my-vision.cognitiveservices.azure.com",
        });
        await host.StartAsync(Ct);

        Assert.IsType<AzureVisionReader>(AzureVisionTestKit.Reader(host));
        Assert.Equal(0, host.Services.GetRequiredService<OcrEnginePool>().Started);
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task AddOcr_ByDefault_ReadsWithTesseract()
    {
        using var host = AzureVisionTestKit.Host(null, new()
        {
            ["Scanner:Ocr:Enabled"] = null,
            ["Scanner:Ocr:Engine"] = null,
            ["Scanner:Ocr:Azure:Key"] = null,
        });
        await host.StartAsync(Ct);

        Assert.IsType<OcrReader>(AzureVisionTestKit.Reader(host));
        Assert.Equal(OcrOptions.EngineTesseract, host.Services.GetRequiredService<IOptions<OcrOptions>>().Value.Engine);
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task AddOcr_EngineAzureButOcrOff_NeedsNoAzureSettings()
    {
        using var host = AzureVisionTestKit.Host(null, new() { ["Scanner:Ocr:Enabled"] = "false", ["Scanner:Ocr:Azure:Key"] = null });
        await host.StartAsync(Ct);

        var result = await AzureVisionTestKit.Reader(host).ReadAsync(new byte[] { 1, 2, 3 }, Ct);

        Assert.Equal(OcrRefusal.Disabled, result.Refusal);
        await host.StopAsync(Ct);
    }

    public static TheoryData<string, string?, string> BadAzureSettings() => new()
    {
        { "Scanner:Ocr:Azure:Endpoint", null, "Endpoint" },
        { "Scanner:Ocr:Azure:Endpoint", "my-vision.cognitiveservices.azure.com", "Endpoint" },
        { "Scanner:Ocr:Azure:Endpoint", "http://my-vision.cognitiveservices.azure.com", "Endpoint" },
        { "Scanner:Ocr:Azure:Endpoint", "https://my-vision.cognitiveservices.azure.com/?key=x", "Endpoint" },
        { "Scanner:Ocr:Azure:Key", null, "Key" },
        { "Scanner:Ocr:Azure:Key", " ", "Key" },
        { "Scanner:Ocr:Azure:TimeoutMs", "0", "TimeoutMs" },
        { "Scanner:Ocr:Engine", "google", "Engine" },
    };

    [Theory]
    [MemberData(nameof(BadAzureSettings))]
    public async Task AddOcr_EngineAzureWithABadSetting_StopsTheStart(string setting, string? value, string named)
    {
        using var host = AzureVisionTestKit.Host(null, new()
        {
            ["Scanner:Ocr:Azure:Endpoint"] = "https://my-vision.cognitiveservices.azure.com",
            [setting] = value,
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeAzureVision.ApiKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AzureVisionOptions_Defaults()
    {
        var options = new AzureVisionOptions();

        Assert.Null(options.Endpoint);
        Assert.Null(options.Key);
        Assert.Equal(5000, options.TimeoutMs);
        Assert.Equal(OcrOptions.EngineTesseract, new OcrOptions().Engine);
    }
}
