using Hub.Core.Tenancy;
using Hub.Gateway.Byok;
using Hub.Gateway.Routing;

namespace Hub.Gateway.Models;

internal sealed record ModelList(string Object, IReadOnlyList<ModelEntry> Data);

/// <summary>
/// OpenAI's <c>Model</c> (<c>id</c>, <c>object</c>, <c>created</c>, <c>owned_by</c>) plus what a Hub client
/// needs to choose: list prices in USD per million tokens (null where the catalog has none), the context
/// window, whether the weights are open, and for <c>oah/…</c> models each provider the caller may reach.
/// </summary>
internal sealed record ModelEntry(
    string Id, string Object, long Created, string OwnedBy, ModelPricing? Pricing, int? ContextWindow, bool? OpenWeight, IReadOnlyList<ModelOffer>? Providers);

internal sealed record ModelPricing(decimal InputPerMillionUsd, decimal OutputPerMillionUsd);

internal sealed record ModelOffer(string Provider, string Model, ModelPricing? Pricing);

/// <summary>
/// What a caller may use, through the same filters as routing (project lists, classification, region):
/// each catalog model with at least one allowed provider as <c>oah/&lt;model&gt;</c> (priced at its
/// cheapest allowed offer), each allowed offer as <c>&lt;provider&gt;/&lt;id&gt;</c>, and the models of
/// configured providers outside the catalog. A provider Hub has no key for is listed only to callers
/// whose organization stored its own. Sorted by id.
/// </summary>
internal static class ModelListing
{
    public static List<ModelEntry> For(RouteCatalogSnapshot catalog, Project? project, RoutingOptions routing, CallerKeys keys)
    {
        var classification = routing.Classifications.For(project?.Classification ?? routing.AccountClassification);
        var entries = new List<ModelEntry>();
        foreach (var model in catalog.Models.Values)
        {
            var virtualId = RouteCatalogSnapshot.VirtualPrefix + model.Id;
            var allowed = model.Offers
                .Where(offer => keys.CanUse(offer) && new CandidateFilter(project, virtualId, classification, ProviderPreferences.None).Check(offer) == Exclusion.None)
                .OrderBy(offer => offer.CostKey(1, 1)).ThenBy(offer => offer.ProviderId, StringComparer.Ordinal)
                .ToList();
            if (allowed.Count == 0)
            {
                continue;
            }

            entries.Add(new ModelEntry(virtualId, "model", catalog.CreatedAt, "hub", PricingOf(allowed[0]), allowed[0].ContextWindow, model.OpenWeight,
                [.. allowed.Select(offer => new ModelOffer(offer.ProviderId, offer.UpstreamModel, PricingOf(offer)))]));
            entries.AddRange(allowed.Where(offer => Allows(project, classification, offer, $"{offer.ProviderId}/{offer.UpstreamModel}"))
                .Select(offer => Forced(catalog, offer, model.OpenWeight)));
        }

        foreach (var provider in catalog.Providers.Values)
        {
            foreach (var id in provider.Provider.Models)
            {
                if (!provider.OffersByUpstreamId.ContainsKey(id))
                {
                    var offer = new RouteOffer(provider.Provider, null, id, null, null, null, provider.Traits) { ByokOnly = provider.ByokOnly };
                    if (keys.CanUse(offer) && Allows(project, classification, offer, $"{offer.ProviderId}/{id}"))
                    {
                        entries.Add(Forced(catalog, offer, openWeight: null));
                    }
                }
            }
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return entries;
    }

    private static bool Allows(Project? project, ClassificationRule classification, RouteOffer offer, string id) =>
        new CandidateFilter(project, id, classification, ProviderPreferences.None).Check(offer) == Exclusion.None;

    private static ModelEntry Forced(RouteCatalogSnapshot catalog, RouteOffer offer, bool? openWeight) =>
        new($"{offer.ProviderId}/{offer.UpstreamModel}", "model", catalog.CreatedAt, offer.ProviderId, PricingOf(offer), offer.ContextWindow, openWeight, null);

    private static ModelPricing? PricingOf(RouteOffer offer) =>
        offer.InputMicrosPerMillion is { } input && offer.OutputMicrosPerMillion is { } output
            ? new ModelPricing(input / 1_000_000m, output / 1_000_000m)
            : null;
}
