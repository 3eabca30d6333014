using System.Collections.Frozen;
using System.Net;
using Hub.Core.Providers;
using Hub.Core.Randomness;
using Hub.Gateway.Providers.Mock;
using Microsoft.Extensions.Options;

namespace Hub.Gateway.Providers;

/// <summary>The enabled providers by id, built once from configuration (read-mostly, lock-free lookups).</summary>
internal sealed class ProviderRegistry : IDisposable
{
    private readonly HttpMessageInvoker upstreamHttp;

    public ProviderRegistry(IOptions<ProvidersOptions> options, IEnumerable<IChatProtocol> protocols, TimeProvider time, IRandomSource random)
    {
        upstreamHttp = CreateUpstreamClient();
        var byName = protocols.ToFrozenDictionary(protocol => protocol.Name, StringComparer.OrdinalIgnoreCase);
        var providers = new Dictionary<string, IChatProvider>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, settings) in options.Value)
        {
            if (!options.Value.IsEnabled(name))
            {
                continue;
            }

            var id = name.ToLowerInvariant();
            providers[id] = string.Equals(id, ProvidersOptions.MockName, StringComparison.Ordinal)
                ? new MockEchoProvider(time, random)
                : byName[KnownProviders.ProtocolOf(id, settings.Protocol)].Create(id, settings, settings.BaseUrlOf(id)!, upstreamHttp);
        }

        Providers = providers.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        CreatedAt = time.GetUtcNow().ToUnixTimeSeconds();
    }

    public FrozenDictionary<string, IChatProvider> Providers { get; }

    /// <summary>The <c>created</c> time /v1/models reports: when this configuration was loaded.</summary>
    public long CreatedAt { get; }

    public void Dispose() => upstreamHttp.Dispose();

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
