using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hub.Scanner.Images.Remote;

internal static class RemoteImageExtensions
{
    /// <summary>The <see cref="RemoteImageFetcher"/> (one connection pool for the process), configured by <c>Scanner:RemoteImages</c>.</summary>
    public static IServiceCollection AddRemoteImages(this IServiceCollection services)
    {
        services.AddOptions<RemoteImageOptions>().BindConfiguration(RemoteImageOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RemoteImageOptions>, RemoteImageOptionsValidator>());
        services.TryAddSingleton(provider => new RemoteImageFetcher(
            provider.GetRequiredService<IOptions<RemoteImageOptions>>(), provider.GetRequiredService<ILogger<RemoteImageFetcher>>()));
        return services;
    }
}
