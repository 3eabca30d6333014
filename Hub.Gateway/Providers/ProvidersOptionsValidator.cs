using System.Text.RegularExpressions;
using Hub.Core.Providers;
using Microsoft.Extensions.Options;

namespace Hub.Gateway.Providers;

/// <summary>Bad provider configuration stops the gateway at boot, not at the first request.</summary>
internal sealed partial class ProvidersOptionsValidator(IEnumerable<IChatProtocol> protocols) : IValidateOptions<ProvidersOptions>
{
    private readonly HashSet<string> protocolNames = protocols.Select(protocol => protocol.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);

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

            var protocol = KnownProviders.ProtocolOf(provider, settings.Protocol);
            if (!protocolNames.Contains(protocol))
            {
                errors.AddError($"Providers:{provider}:Protocol '{protocol}' is not one of: {string.Join(", ", protocolNames.Order())}.");
            }

            var baseUrl = settings.BaseUrlOf(provider);
            if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                errors.AddError($"Providers:{provider}:BaseUrl must be an absolute http(s) URL; it is '{baseUrl}'.");
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
