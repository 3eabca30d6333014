using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hub.Scanner.Recognizers.Injection;

internal static class InjectionRecognizerExtensions
{
    /// <summary>PROMPT_INJECTION.</summary>
    public static IServiceCollection AddInjectionRecognizer(this IServiceCollection services)
    {
        services.TryAddSingleton(_ => new InjectionDetector(InjectionClassifier.LoadEmbedded()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRecognizer, InjectionRecognizer>());
        return services;
    }
}
