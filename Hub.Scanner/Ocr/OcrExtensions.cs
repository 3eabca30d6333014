using Hub.Scanner.Ocr.Azure;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hub.Scanner.Ocr;

internal static class OcrExtensions
{
    /// <summary>
    /// The engine pool and <see cref="OcrReader"/>, configured by <c>Scanner:Ocr</c>, and <see cref="AzureVisionReader"/>
    /// (<c>Scanner:Ocr:Azure</c>). <see cref="IImageTextReader"/> is the one <see cref="OcrOptions.Engine"/> selects.
    /// Tesseract's engines start at boot only when <see cref="OcrOptions.Enabled"/> and Tesseract is the engine; otherwise
    /// Tesseract is never loaded.
    /// </summary>
    public static IServiceCollection AddOcr(this IServiceCollection services)
    {
        services.AddOptions<OcrOptions>().BindConfiguration(OcrOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OcrOptions>, OcrOptionsValidator>());
        services.TryAddSingleton<OcrEnginePool>();
        services.TryAddSingleton<OcrReader>();
        services.AddAzureVision();
        services.TryAddSingleton<IImageTextReader>(provider => provider.GetRequiredService<IOptions<OcrOptions>>().Value.UsesAzure
            ? provider.GetRequiredService<AzureVisionReader>()
            : provider.GetRequiredService<OcrReader>());
        services.AddHostedService<OcrWarmUp>();
        return services;
    }

    private static void AddAzureVision(this IServiceCollection services)
    {
        services.AddOptions<AzureVisionOptions>().BindConfiguration(AzureVisionOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AzureVisionOptions>, AzureVisionOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AzureVisionOptions>, AzureVisionSelectedValidator>());
        services.AddHttpClient(AzureVisionReader.HttpClientName, client =>
        {
            // The reader's own TimeoutMs bounds each call; a second, longer timeout here would only blur which one fired.
            client.Timeout = Timeout.InfiniteTimeSpan;
            client.MaxResponseContentBufferSize = AzureVisionReader.MaxResponseBytes;
        });
        services.TryAddSingleton<AzureVisionReader>();
    }
}
