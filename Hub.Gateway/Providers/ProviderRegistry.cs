using System.Collections.Frozen;
using System.Net;
using Hub.Core.Providers;
using Hub.Core.Randomness;
using Hub.Gateway.Byok;
using Hub.Gateway.Providers.Mock;
using Microsoft.Extensions.Options;

namespace Hub.Gateway.Providers;

/// <summary>The enabled providers by id, built once from configuration (read-mostly, lock-free lookups).</summary>
internal sealed class ProviderRegistry : IDisposable
{
    private readonly HttpMessageInvoker upstreamHttp;

    public ProviderRegistry(
        IOptions<ProvidersOptions> options, IOptions<ByokOptions> byok, IEnumerable<IChatProtocol> protocols, TimeProvider time, IRandomSource random)
    {
        upstreamHttp = CreateUpstreamClient();
        var byName = protocols.ToFrozenDictionary(protocol => protocol.Name, StringComparer.OrdinalIgnoreCase);
        var providers = new Dictionary<string, IChatProvider>(StringComparer.OrdinalIgnoreCase);
        var byokOnly = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, settings) in ConfiguredAndByokOnly(options.Value, byok.Value, byName))
        {
            if (!options.Value.IsEnabled(name))
            {
                continue;
            }

            var id = name.ToLowerInvariant();
            providers[id] = string.Equals(id, ProvidersOptions.MockName, StringComparison.Ordinal)
                ? new MockEchoProvider(time, random)
                : byName[KnownProviders.ProtocolOf(id, settings.Protocol)].Create(id, settings, settings.BaseUrlOf(id)!, upstreamHttp);
            if (settings.ByokOnly)
            {
                byokOnly.Add(id);
            }
        }

        Providers = providers.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        ByokOnly = byokOnly.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        CreatedAt = time.GetUtcNow().ToUnixTimeSeconds();
    }

    public FrozenDictionary<string, IChatProvider> Providers { get; }

    /// <summary>Providers Hub has no key for: only organizations with their own key may use them.</summary>
    public FrozenSet<string> ByokOnly { get; }

    /// <summary>The <c>created</c> time /v1/models reports: when this configuration was loaded.</summary>
    public long CreatedAt { get; }

    public void Dispose() => upstreamHttp.Dispose();

    /// <summary>
    /// The configured providers, then, when BYOK is on, every known provider with no configuration and a
    /// public endpoint (not Azure: its host is the customer's resource) as BYOK-only with its defaults,
    /// so an organization can bring a key for a provider Hub itself has none for. A provider configured
    /// with <c>Enabled: false</c> stays off for everyone.
    /// </summary>
    private static IEnumerable<(string Name, ProviderOptions Settings)> ConfiguredAndByokOnly(
        ProvidersOptions configured, ByokOptions byok, FrozenDictionary<string, IChatProtocol> protocols)
    {
        foreach (var (name, settings) in configured)
        {
            yield return (name, settings);
        }

        if (!byok.Enabled)
        {
            yield break;
        }

        foreach (var id in KnownProviders.Ids)
        {
            var settings = new ProviderOptions { ByokOnly = true };
            if (!configured.ContainsKey(id) && settings.BaseUrlOf(id) is not null && protocols.ContainsKey(KnownProviders.ProtocolOf(id, null)))
            {
                yield return (id, settings);
            }
        }
    }

    /// <summary>
    /// One connection pool for all upstreams. Not an IHttpClientFactory client: those get service
    /// discovery and, in Hub, are meant for our own services. No automatic decompression, so bytes
    /// pass through as sent; no overall timeout, since streams may run for minutes (each provider
    /// bounds the wait for headers instead).
    /// </summary>
    private static HttpMessageInvoker CreateUpstreamClient() => new(new SocketsHttpHandler
    {
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        AllowAutoRedirect = false,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        EnableMultipleHttp2Connections = true,
    });
}
