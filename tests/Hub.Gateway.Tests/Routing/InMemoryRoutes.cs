using Hub.Core.Catalog;
using Hub.Core.Randomness;
using Hub.Gateway.Byok;
using Hub.Gateway.ChatCompletions;
using Hub.Gateway.Providers;
using Hub.Gateway.Providers.OpenAICompatible;
using Hub.Gateway.Routing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hub.Gateway.Tests.Routing;

/// <summary>A route catalog built in memory (no Postgres, no calls): providers p1…pN configured, offers as the test lists them.</summary>
internal static class InMemoryRoutes
{
    public static RouteCatalogSnapshot Snapshot(CatalogProvider[] providers, params CatalogOffer[] offers)
    {
        var options = new ProvidersOptions();
        foreach (var provider in providers)
        {
            options[provider.Id] = new ProviderOptions { BaseUrl = $"http://127.0.0.1:9/{provider.Id}/v1" };
        }

        options["custom"] = new ProviderOptions { BaseUrl = "http://127.0.0.1:9/custom/v1", Models = ["only-this"] };
        var registry = new ProviderRegistry(Options.Create(options), Options.Create(new ByokOptions()), [new OpenAICompatibleProtocol(NullLogger<OpenAICompatibleProvider>.Instance)],
            TimeProvider.System, CryptoRandomSource.Instance);
        var models = offers.Select(offer => offer.ModelId).Distinct().Select(id => new CatalogModel(id, true)).ToList();
        return RouteCatalogSnapshot.Build(new CatalogContents(providers, models, offers), registry, options);
    }

    public static CatalogProvider Provider(string id, string region = "us", bool trains = false, int retentionDays = 30, params string[] certifications) =>
        new(id, id, [region], trains, retentionDays, certifications);

    /// <summary>An offer of <paramref name="model"/> at these USD-per-million prices.</summary>
    public static CatalogOffer Offer(string model, string provider, decimal input, decimal output) =>
        new(model, provider, $"{model}@{provider}", (long)(input * 1_000_000m), (long)(output * 1_000_000m), null, 100_000, 8192);

    public static ChatRequest Request(string model, string extra = "")
    {
        var (request, error) = ChatRequestReader.Parse(System.Text.Encoding.UTF8.GetBytes(
            $$"""{"model":"{{model}}","messages":[{"role":"user","content":"Say hello"}]{{extra}}}"""));
        Assert.Null(error);
        return request!;
    }

    public static ModelRouter Router(ProviderHealthBoard? health = null, RoutingOptions? options = null)
    {
        options ??= new RoutingOptions();
        return new ModelRouter(health ?? new ProviderHealthBoard(Options.Create(options), TimeProvider.System), Options.Create(options));
    }
}
