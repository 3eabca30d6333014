using Hub.Scanner.Images.Remote;
using Hub.Scanner.Ocr;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hub.Scanner.Vision;

internal static class VisionExtensions
{
    /// <summary>
    /// OCR (<see cref="OcrExtensions.AddOcr"/>), fetching remote images (<see cref="RemoteImageExtensions.AddRemoteImages"/>) and the
    /// <see cref="ImageScanner"/> the scan API sends images to.
    /// </summary>
    public static IServiceCollection AddImageScanning(this IServiceCollection services)
    {
        services.AddOcr();
        services.AddRemoteImages();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ImageScanner>();
        return services;
    }
}
