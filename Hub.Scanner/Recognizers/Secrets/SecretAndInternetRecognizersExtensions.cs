using Hub.Scanner.Recognizers.Dates;
using Hub.Scanner.Recognizers.Internet;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hub.Scanner.Recognizers.Secrets;

internal static class SecretAndInternetRecognizersExtensions
{
    /// <summary>API_KEY, AWS_ACCESS_KEY, AWS_SECRET_KEY, PRIVATE_KEY, GITHUB_TOKEN, SLACK_WEBHOOK, EMAIL_ADDRESS, URL, IP_ADDRESS, MAC_ADDRESS, DATE_TIME.</summary>
    public static IServiceCollection AddSecretAndInternetRecognizers(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRecognizer, SecretTokenRecognizer>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRecognizer, CredentialAssignmentRecognizer>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRecognizer, UrlPasswordRecognizer>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRecognizer, HighEntropyStringRecognizer>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRecognizer, AwsSecretKeyRecognizer>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRecognizer, PrivateKeyRecognizer>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRecognizer, EmailAddressRecognizer>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRecognizer, UrlRecognizer>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRecognizer, IpAddressRecognizer>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRecognizer, MacAddressRecognizer>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRecognizer, DateTimeRecognizer>());
        return services;
    }
}
