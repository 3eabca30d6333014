
namespace Hub.Scanner.Recognizers.Names;

internal static class NameAndPlaceRecognizersExtensions
{
    /// <summary>PERSON, LOCATION, NRP, STREET_ADDRESS.</summary>
    public static IServiceCollection AddNameAndPlaceRecognizers(this IServiceCollection services)
    {
        // Filled in by the recognizers of this folder: services.TryAddEnumerable(ServiceDescriptor.Singleton<IRecognizer, XRecognizer>());
        return services;
    }
}
