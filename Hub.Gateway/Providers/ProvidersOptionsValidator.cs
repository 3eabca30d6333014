using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Hub.Gateway.Providers;

/// <summary>Bad provider configuration stops the gateway at boot, not at the first request.</summary>
internal sealed partial class ProvidersOptionsValidator : IValidateOptions<ProvidersOptions>
{
    public ValidateOptionsResult Validate(string? name, ProvidersOptions options)
    {
        var errors = new ValidateOptionsResultBuilder();
        foreach (var (provider, settings) in options)
        {
            if (!ProviderName().IsMatch(provider))
            {
                errors.AddError($"Provider name '{provider}' must be lower-case letters, digits and dashes.");
            }

            if (!options.IsEnabled(provider) || string.Equals(provider, ProvidersOptions.MockName, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!Uri.TryCreate(settings.BaseUrl, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
            {
                errors.AddError($"Providers:{provider}:BaseUrl must be an absolute http(s) URL; it is '{settings.BaseUrl}'.");
            }

            if (settings.TimeoutSeconds is < 1 or > 3600)
            {
                errors.AddError($"Providers:{provider}:TimeoutSeconds must be between 1 and 3600.");
            }
        }

        return errors.Build();
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex ProviderName();
}
