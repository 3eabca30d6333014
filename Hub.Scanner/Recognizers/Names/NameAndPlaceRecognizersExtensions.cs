using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hub.Scanner.Recognizers.Names;

internal static class NameAndPlaceRecognizersExtensions
{
    /// <summary>PERSON, LOCATION, NRP, STREET_ADDRESS.</summary>
    public static IServiceCollection AddNameAndPlaceRecognizers(this IServiceCollection services)
    {
        services.TryAddSingleton<NameLexicon>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRecognizer, NameAndPlaceRecognizer>());
        return services;
    }
}
