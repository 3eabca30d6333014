using Hub.Gateway.Byok;
using Hub.Gateway.ChatCompletions;
using Hub.Gateway.Errors;
using Hub.Gateway.Policies;
using Microsoft.Extensions.Options;

namespace Hub.Gateway.Routing;

/// <summary>
/// Decides where a request may go and in which order. Synchronous and allocation-light: it runs on
/// every request (benchmarked in <c>RouterBenchmarks</c>).
/// 1. Resolve the model name to offers (<see cref="RouteCatalogSnapshot.Resolve"/>), keeping those the
///    caller can pay for (a provider Hub has no key for needs the caller's own); none: 404.
/// 2. Filter them (<see cref="CandidateFilter"/>); none left: 403 naming why each was removed.
/// 3. Order them (<see cref="CandidateOrder"/>): the request's <c>order</c> first, then by <c>sort</c>
///    (cheapest for the estimated tokens by default), ties to the caller's own keys, then by recent
///    health; a project with <c>prefer_byok</c> puts its own keys before price.
/// 4. <c>allow_fallbacks: false</c> keeps the first only.
/// </summary>
internal sealed class ModelRouter(ProviderHealthBoard health, IOptions<RoutingOptions> options)
{
    private readonly RoutingOptions routing = options.Value;

    public (RoutePlan? Plan, HubError? Error) Plan(RouteCatalogSnapshot catalog, ChatRequest request, ProjectRules rules, CallerKeys keys)
    {
        // Step 1
        var offers = Usable(catalog.Resolve(request.Model), keys);
        if (offers.Length == 0)
        {
            return (null, HubError.ModelNotFound(request.Model));
        }

        // Step 2
        var classification = rules.Project?.Classification ?? routing.AccountClassification;
        var filter = new CandidateFilter(rules.Project, request.Model, routing.Classifications.For(classification), request.Preferences);
        var kept = new RouteOffer[offers.Length];
        var count = 0;
        var routesDownstream = false;
        for (var i = 0; i < offers.Length; i++)
        {
            if (filter.Check(offers[i]) == Exclusion.None)
            {
                routesDownstream |= offers[i].Provider.RoutesDownstream;
                kept[count++] = offers[i];
            }
        }

        if (count == 0)
        {
            return (null, ExclusionMessage.NothingAllowed(request.Model, offers, filter, classification, rules.Project?.Region));
        }

        // Step 3
        var outputTokens = request.MaxTokens ?? routing.EstimatedOutputTokens;
        CandidateOrder.Sort(kept.AsSpan(0, count), request.Preferences, request.EstimatedPromptTokens(), outputTokens, health, keys, rules.Project?.PreferByok == true);

        // Step 4
        var candidates = request.Preferences.AllowFallbacks ? kept.AsSpan(0, count).ToArray() : [kept[0]];
        var downstream = routesDownstream ? DownstreamRules.For(catalog, rules.Project, routing.Classifications.For(classification), request.Preferences) : null;
        return (new RoutePlan(candidates, downstream, keys), null);
    }

    /// <summary>The offers the caller can pay for: all of them (no copy) unless some need a key of its own it lacks.</summary>
    private static RouteOffer[] Usable(RouteOffer[] offers, CallerKeys keys)
    {
        var usable = 0;
        foreach (var offer in offers)
        {
            usable += keys.CanUse(offer) ? 1 : 0;
        }

        if (usable == offers.Length)
        {
            return offers;
        }

        var kept = new RouteOffer[usable];
        var i = 0;
        foreach (var offer in offers)
        {
            if (keys.CanUse(offer))
            {
                kept[i++] = offer;
            }
        }

        return kept;
    }
}
