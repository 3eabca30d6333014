using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hub.Scanner.Ocr;

internal static class OcrExtensions
{
    /// <summary>
    /// The engine pool and <see cref="OcrReader"/>, configured by <c>Scanner:Ocr</c>. The engines start at boot only when
    /// <see cref="OcrOptions.Enabled"/>; otherwise the reader refuses every image and Tesseract is never loaded.
    /// </summary>
    public static IServiceCollection AddOcr(this IServiceCollection services)
    {
        services.AddOptions<OcrOptions>().BindConfiguration(OcrOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OcrOptions>, OcrOptionsValidator>());
        services.TryAddSingleton<OcrEnginePool>();
        services.TryAddSingleton<OcrReader>();
        services.TryAddSingleton<IImageTextReader>(provider => provider.GetRequiredService<OcrReader>());
        services.AddHostedService<OcrWarmUp>();
        return services;
    }
}
