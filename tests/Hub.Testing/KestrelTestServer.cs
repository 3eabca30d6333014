using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Testing;

/// <summary>
/// A Hub service on a real Kestrel port on loopback (not the in-memory test server), for clients that
/// need a URL (the OpenAI SDKs, Node, wrk-like loops) and for streaming that must cross a socket.
/// </summary>
public static class KestrelTestServer
{
    public static (WebApplicationFactory<TProgram> Factory, Uri Address) Start<TProgram>(
        IReadOnlyDictionary<string, string> settings, Action<IWebHostBuilder>? configure = null)
        where TProgram : class
    {
        var factory = new WebApplicationFactory<TProgram>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }

            configure?.Invoke(web);
        });
        // An explicit loopback listener on port 0: UseKestrel(0) falls back to the default port 5000,
        // which parallel test assemblies would fight over.
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (factory, new Uri(address.Replace("localhost", "127.0.0.1", StringComparison.Ordinal)));
    }

    /// <summary>Settings for a service whose logs nobody reads: warnings and errors only.</summary>
    public static Dictionary<string, string> QuietSettings() => new() { ["Logging:LogLevel:Default"] = "Warning" };

    /// <summary>The master key every service of a test run shares, so what Admin seals a gateway opens (a fresh one per run).</summary>
    public static readonly string MasterKey = Hub.Core.Secrets.MasterKeyRing.NewKeyText();

    /// <summary>
    /// The gateway's settings for the test servers: connection strings, the scanner's address (as
    /// Aspire's <c>services__scanner__http__0</c>), the run's master key and the fake upstream as provider <c>fake</c>.
    /// </summary>
    public static Dictionary<string, string> GatewaySettings(LocalInfrastructure infrastructure, FakeOpenAIUpstream upstream, Uri scanner) => new()
    {
        ["ConnectionStrings:hubdb"] = infrastructure.DatabaseConnectionString,
        ["ConnectionStrings:cache"] = infrastructure.RedisConnectionString,
        ["services:scanner:http:0"] = scanner.ToString().TrimEnd('/'),
        ["Hub:Secrets:MasterKey"] = MasterKey,
        ["Providers:fake:BaseUrl"] = upstream.BaseUrl,
        ["Providers:fake:ApiKey"] = FakeOpenAIUpstream.ApiKey,
    };

    /// <summary>List price of models the catalog does not list, in tests: 1 USD per million input tokens, 2 per million output.</summary>
    public const decimal UnlistedInputPerMillionUsd = 1m;

    /// <inheritdoc cref="UnlistedInputPerMillionUsd"/>
    public const decimal UnlistedOutputPerMillionUsd = 2m;

    /// <summary>
    /// Gives every provider in <paramref name="settings"/> a price for models the catalog does not list
    /// (the fakes' ids), so test requests are billed like real ones instead of refused as unpriced.
    /// </summary>
    public static Dictionary<string, string> PriceUnlistedModels(Dictionary<string, string> settings)
    {
        var providers = settings.Keys
            .Where(key => key.StartsWith("Providers:", StringComparison.Ordinal))
            .Select(key => key.Split(':')[1])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        foreach (var provider in providers)
        {
            settings.TryAdd($"Providers:{provider}:UnlistedModelPrice:InputPerMillionUsd", UnlistedInputPerMillionUsd.ToString(System.Globalization.CultureInfo.InvariantCulture));
            settings.TryAdd($"Providers:{provider}:UnlistedModelPrice:OutputPerMillionUsd", UnlistedOutputPerMillionUsd.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return settings;
    }
}
