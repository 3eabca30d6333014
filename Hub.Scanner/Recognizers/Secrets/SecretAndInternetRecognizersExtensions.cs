
namespace Hub.Scanner.Recognizers.Secrets;

internal static class SecretAndInternetRecognizersExtensions
{
    /// <summary>API_KEY, AWS_ACCESS_KEY, AWS_SECRET_KEY, PRIVATE_KEY, GITHUB_TOKEN, SLACK_WEBHOOK, EMAIL_ADDRESS, URL, IP_ADDRESS, MAC_ADDRESS, DATE_TIME.</summary>
    public static IServiceCollection AddSecretAndInternetRecognizers(this IServiceCollection services)
    {
        // Filled in by the recognizers of this folder: services.TryAddEnumerable(ServiceDescriptor.Singleton<IRecognizer, XRecognizer>());
        return services;
    }
}
