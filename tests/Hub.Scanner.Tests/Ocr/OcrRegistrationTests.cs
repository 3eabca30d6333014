using Hub.Scanner.Ocr;
using Hub.Testing.Images;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hub.Scanner.Tests.Ocr;

public sealed class OcrRegistrationTests
{
    [Fact]
    public async Task AddOcr_ByDefault_IsOffAndStartsNoEngine()
    {
        using var host = Build([]);
        await host.StartAsync(TestContext.Current.CancellationToken);

        var result = host.Services.GetRequiredService<OcrReader>().Read(TestImages.Render(TestImages.PiiLines).Bytes, TestContext.Current.CancellationToken);

        Assert.Equal(OcrRefusal.Disabled, result.Refusal);
        Assert.Equal(0, host.Services.GetRequiredService<OcrEnginePool>().Started);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task AddOcr_Enabled_StartsEveryEngineAtStartAndReads()
    {
        using var host = Build(new() { ["Scanner:Ocr:Enabled"] = "true", ["Scanner:Ocr:Engines"] = "2", ["Scanner:Ocr:DeadlineMs"] = "120000" });
        await host.StartAsync(TestContext.Current.CancellationToken);

        var pool = host.Services.GetRequiredService<OcrEnginePool>();
        Assert.Equal((2, 2), (pool.Size, pool.Started));
        var result = host.Services.GetRequiredService<OcrReader>().Read(TestImages.Render(TestImages.PiiLines).Bytes, TestContext.Current.CancellationToken);
        Assert.Contains("john.doe@example.com", result.Text, StringComparison.Ordinal);
        Assert.Equal(2, pool.Started);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void OcrOptions_Defaults_AreTheDocumentedLimits()
    {
        var options = new OcrOptions();

        Assert.False(options.Enabled);
        Assert.Equal(Environment.ProcessorCount, options.Engines);
        Assert.Equal(1000, options.DeadlineMs);
        Assert.Equal(20 * 1024 * 1024, options.MaxBytes);
        Assert.Equal(40_000_000, options.MaxPixels);
    }

    [Theory]
    [InlineData("Engines", "0")]
    [InlineData("DeadlineMs", "0")]
    [InlineData("MaxBytes", "0")]
    [InlineData("MaxPixels", "0")]
    [InlineData("MaxPixels", "600000000")]
    public async Task AddOcr_InvalidLimit_StopsTheStart(string name, string value)
    {
        using var host = Build(new() { [$"Scanner:Ocr:{name}"] = value });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddOcr();
        return builder.Build();
    }
}
