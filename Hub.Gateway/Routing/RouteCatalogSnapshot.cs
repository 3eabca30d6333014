using System.Collections.Frozen;
using Hub.Core.Billing;
using Hub.Core.Catalog;
using Hub.Gateway.Providers;

namespace Hub.Gateway.Routing;

/// <summary>One way to serve a request: a configured provider, the id it knows the model by, its list price.</summary>
/// <param name="ModelId">The catalog's canonical name; null for a model the catalog does not list (a forced route to any id).</param>
/// <param name="InputMicrosPerMillion">Null when the catalog has no price (such offers sort last).</param>
internal sealed record RouteOffer(
    IChatProvider Provider, string? ModelId, string UpstreamModel, long? InputMicrosPerMillion, long? OutputMicrosPerMillion, int? MaxOutputTokens, ProviderTraits Traits)
{
    public int? ContextWindow { get; init; }

    /// <summary>Whether the catalog lists the model as open-weight (its managed markup differs).</summary>
    public bool OpenWeight { get; init; }

    /// <summary>Hub has no key for this provider: only a caller with its own key (BYOK) can use the offer.</summary>
    public bool ByokOnly { get; init; }

    public string ProviderId => Provider.Name;

    /// <summary>The list price of this request's estimated tokens, in micro-USD per million (compare, don't display).</summary>
    public long CostKey(int promptTokens, int outputTokens) =>
        InputMicrosPerMillion is { } input && OutputMicrosPerMillion is { } output ? (promptTokens * input) + (outputTokens * output) : long.MaxValue;
}

/// <summary>A catalog model with the offers of the providers configured on this gateway.</summary>
internal sealed record RouteModel(string Id, bool OpenWeight, RouteOffer[] Offers);

/// <summary>A configured provider as the router sees it.</summary>
/// <param name="UnlistedPrice">Input and output list prices (micro-USD per million) of models the catalog does not list here; null: none.</param>
internal sealed record RouteProvider(
    IChatProvider Provider,
    ProviderTraits Traits,
    FrozenDictionary<string, RouteOffer> OffersByUpstreamId,
    FrozenDictionary<string, RouteOffer> OffersByModelId,
    (long Input, long Output)? UnlistedPrice = null,
    bool ByokOnly = false);

/// <summary>
/// The catalog joined with this gateway's configured providers, immutable and swapped whole on reload
/// (readers take no locks). Answers what a model name means: <c>oah/&lt;model&gt;</c> is every
/// configured provider that serves the catalog model; <c>&lt;provider&gt;/&lt;id&gt;</c> forces one
/// provider, the id being its own model id or the catalog's name.
/// </summary>
internal sealed class RouteCatalogSnapshot
{
    public const string VirtualPrefix = "oah/";

    private readonly FrozenDictionary<string, RouteModel>.AlternateLookup<ReadOnlySpan<char>> modelLookup;
    private readonly FrozenDictionary<string, RouteProvider>.AlternateLookup<ReadOnlySpan<char>> providerLookup;

    private RouteCatalogSnapshot(
        FrozenDictionary<string, RouteModel> models, FrozenDictionary<string, RouteProvider> providers, FrozenDictionary<string, ProviderTraits> downstreamTraits, long createdAt)
    {
        Models = models;
        Providers = providers;
        DownstreamTraits = downstreamTraits;
        CreatedAt = createdAt;
        modelLookup = models.GetAlternateLookup<ReadOnlySpan<char>>();
        providerLookup = providers.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Catalog models served by at least one configured provider, by canonical name.</summary>
    public FrozenDictionary<string, RouteModel> Models { get; }

    /// <summary>Every configured provider by id (case-insensitive), catalog or not.</summary>
    public FrozenDictionary<string, RouteProvider> Providers { get; }

    /// <summary>Every catalog provider's traits (configured here or not): what an aggregator upstream may be allowed to reach.</summary>
    public FrozenDictionary<string, ProviderTraits> DownstreamTraits { get; }

    /// <summary>When the providers were configured: the <c>created</c> time /v1/models reports.</summary>
    public long CreatedAt { get; }

    public static RouteCatalogSnapshot Build(CatalogContents catalog, ProviderRegistry registry, ProvidersOptions options)
    {
        var catalogProviders = catalog.Providers.ToDictionary(provider => provider.Id, StringComparer.OrdinalIgnoreCase);
        var traits = new Dictionary<string, ProviderTraits>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, provider) in registry.Providers)
        {
            traits[id] = ProviderTraits.Of(catalogProviders.GetValueOrDefault(id), options.GetValueOrDefault(id) ?? new ProviderOptions());
        }

        var openWeight = catalog.Models.ToDictionary(model => model.Id, model => model.OpenWeight, StringComparer.Ordinal);
        var offers = new List<RouteOffer>();
        foreach (var offer in catalog.Offers)
        {
            if (registry.Providers.TryGetValue(offer.ProviderId, out var provider) && Accepts(provider, offer))
            {
                offers.Add(new RouteOffer(provider, offer.ModelId, offer.UpstreamModelId, offer.InputMicrosPerMillion,
                    offer.OutputMicrosPerMillion, offer.MaxOutputTokens, traits[provider.Name])
                {
                    ContextWindow = offer.ContextWindow,
                    OpenWeight = openWeight.GetValueOrDefault(offer.ModelId),
                    ByokOnly = registry.ByokOnly.Contains(provider.Name),
                });
            }
        }

        var models = offers.GroupBy(offer => offer.ModelId!, StringComparer.Ordinal).ToFrozenDictionary(
            group => group.Key, group => new RouteModel(group.Key, openWeight.GetValueOrDefault(group.Key), [.. group]), StringComparer.Ordinal);
        var providers = registry.Providers.Values.ToFrozenDictionary(
            provider => provider.Name,
            provider => new RouteProvider(
                provider,
                traits[provider.Name],
                offers.Where(offer => offer.Provider == provider).ToFrozenDictionary(offer => offer.UpstreamModel, StringComparer.Ordinal),
                offers.Where(offer => offer.Provider == provider).ToFrozenDictionary(offer => offer.ModelId!, StringComparer.Ordinal),
                UnlistedPriceOf(options.GetValueOrDefault(provider.Name)),
                registry.ByokOnly.Contains(provider.Name)),
            StringComparer.OrdinalIgnoreCase);
        var downstreamTraits = catalog.Providers.ToFrozenDictionary(
            provider => provider.Id, provider => ProviderTraits.Of(provider, options.GetValueOrDefault(provider.Id) ?? new ProviderOptions()), StringComparer.OrdinalIgnoreCase);
        return new RouteCatalogSnapshot(models, providers, downstreamTraits, registry.CreatedAt);
    }

    /// <summary>
    /// The offers a model name stands for: all of a catalog model's for <c>oah/…</c>, one for a forced
    /// route; empty when nothing configured serves it (the caller answers 404).
    /// </summary>
    public RouteOffer[] Resolve(string model)
    {
        var name = model.AsSpan();
        if (name.StartsWith(VirtualPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return modelLookup.TryGetValue(name[VirtualPrefix.Length..], out var virtualModel) ? virtualModel.Offers : [];
        }

        var slash = name.IndexOf('/');
        if (slash <= 0 || slash == name.Length - 1 || !providerLookup.TryGetValue(name[..slash], out var provider))
        {
            return [];
        }

        var id = name[(slash + 1)..];
        if (provider.OffersByUpstreamId.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(id, out var offer)
            || provider.OffersByModelId.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(id, out offer))
        {
            return [offer];
        }

        var upstreamModel = id.ToString();
        if (provider.Provider.Models.Count > 0 && !provider.Provider.Models.Contains(upstreamModel, StringComparer.Ordinal))
        {
            return [];
        }

        // A model the catalog does not list: the provider is asked as is, at the price configured for such models, if any.
        return [new RouteOffer(provider.Provider, null, upstreamModel, provider.UnlistedPrice?.Input, provider.UnlistedPrice?.Output, null, provider.Traits)
        {
            ByokOnly = provider.ByokOnly,
        }];
    }

    private static (long Input, long Output)? UnlistedPriceOf(ProviderOptions? options) =>
        options?.UnlistedModelPrice is { } price ? (Credits.FromUsd(price.InputPerMillionUsd), Credits.FromUsd(price.OutputPerMillionUsd)) : null;

    /// <summary>A provider configured with a model list serves only those models.</summary>
    private static bool Accepts(IChatProvider provider, CatalogOffer offer) =>
        provider.Models.Count == 0 || provider.Models.Contains(offer.UpstreamModelId, StringComparer.Ordinal);
}
