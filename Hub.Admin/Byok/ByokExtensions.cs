using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hub.Admin.Byok;

internal static class ByokExtensions
{
    /// <summary>Organizations' own provider keys: which providers take one, and the live check. Needs AddHubStorage (repository, master keys).</summary>
    public static IHostApplicationBuilder AddByok(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ByokProvidersOptions>().BindConfiguration(ByokProvidersOptions.SectionName);
        builder.Services.TryAddSingleton<ByokProviderResolver>();
        builder.Services.TryAddSingleton(services => new CredentialProbe(
            CredentialProbe.CreateHandler(), services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<CredentialProbe>>()));
        return builder;
    }
}
