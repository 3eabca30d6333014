using Hub.Scanner.Ocr;
using Hub.Testing.Fakes.AzureVision;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hub.Scanner.Tests.Ocr.Azure;

/// <summary>Hosts built as the scanner builds them (<see cref="OcrExtensions.AddOcr"/>), with Azure pointed at a fake.</summary>
internal static class AzureVisionTestKit
{
    /// <summary>OCR on, engine azure, the fake's endpoint and key; <paramref name="overrides"/> replace or (null) remove settings.</summary>
    public static IHost Host(FakeAzureVision? fake, Dictionary<string, string?>? overrides = null, ILoggerProvider? logs = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Scanner:Ocr:Enabled"] = "true",
            ["Scanner:Ocr:Engine"] = "azure",
            ["Scanner:Ocr:Azure:Endpoint"] = fake?.Root,
            ["Scanner:Ocr:Azure:Key"] = FakeAzureVision.ApiKey,
        };
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings.Where(s => s.Value is not null));
        if (logs is not null)
        {
            builder.Logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
        }

        builder.Services.AddOcr();
        return builder.Build();
    }

    public static IImageTextReader Reader(IHost host) => host.Services.GetRequiredService<IImageTextReader>();
}
