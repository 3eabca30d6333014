using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Hub.Core.Providers;
using Microsoft.Extensions.Options;

namespace Hub.Admin.Byok;

/// <summary>A provider an organization may store a key for: its id, protocol, and the endpoint the live check calls.</summary>
/// <param name="BaseUrl">Configured, else the known provider's public endpoint; null when there is neither (Azure, Bedrock's is built from the key's region).</param>
/// <param name="BaseUrlConfigured">Whether <paramref name="BaseUrl"/> came from configuration (Bedrock's check then calls it instead of AWS).</param>
internal sealed record ByokProvider(string Id, string Protocol, string? BaseUrl, bool BaseUrlConfigured, string ApiVersion);

/// <summary>
/// Which provider ids take a key: the ones Hub knows (<see cref="KnownProviders"/>) and the ones configured
/// in Admin's <c>Providers</c> section, never the built-in <c>mock</c>. Built once from configuration.
/// </summary>
internal sealed partial class ByokProviderResolver
{
    public const string MockId = "mock";
    public const string DefaultAzureApiVersion = "2024-10-21";

    private readonly FrozenDictionary<string, ByokProvider> providers;

    public ByokProviderResolver(IOptions<ByokProvidersOptions> options)
    {
        var all = new Dictionary<string, ByokProvider>(StringComparer.Ordinal);
        foreach (var id in KnownProviders.Ids)
        {
            all[id] = Describe(id, null);
        }

        foreach (var (name, settings) in options.Value)
        {
            var id = name.ToLowerInvariant();
            if (id != MockId)
            {
                all[id] = Describe(id, settings);
            }
        }

        providers = all.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Whether <paramref name="id"/> can name a stored key at all (the <c>byok_keys.provider</c> rule).</summary>
    public static bool IsWellFormed(string id) => WellFormedId().IsMatch(id);

    /// <returns>Null for an id that takes no key: unknown, or <c>mock</c>.</returns>
    public ByokProvider? Find(string id) => providers.GetValueOrDefault(id.ToLowerInvariant());

    private static ByokProvider Describe(string id, ByokProviderOptions? settings)
    {
        var protocol = KnownProviders.ProtocolOf(id, settings?.Protocol);
        var configured = !string.IsNullOrWhiteSpace(settings?.BaseUrl);
        var baseUrl = protocol == ProtocolNames.Bedrock && !configured
            ? null
            : KnownProviders.BaseUrlOf(id, settings?.Protocol, settings?.BaseUrl, settings?.Region);
        return new ByokProvider(id, protocol, baseUrl, configured, settings?.ApiVersion ?? DefaultAzureApiVersion);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex WellFormedId();
}
