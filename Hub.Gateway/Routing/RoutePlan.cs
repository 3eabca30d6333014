using Hub.Core.Billing;
using Hub.Core.Byok;
using Hub.Gateway.Byok;
using Hub.Gateway.Providers;

namespace Hub.Gateway.Routing;

/// <summary>
/// The router's decision for one request: the providers to try, in order (one when fallbacks are
/// off), and, for an aggregator upstream (OpenRouter), how far it may route on its own.
/// </summary>
/// <param name="Candidates">Every one passed every filter; try them in order.</param>
/// <param name="Downstream">Hub's restrictions for an upstream that routes further; null when nothing restricts.</param>
/// <param name="Keys">The caller's own provider keys: a candidate with one is sent on it and paid by the organization (BYOK).</param>
internal sealed record RoutePlan(IReadOnlyList<RouteOffer> Candidates, DownstreamRestrictions? Downstream, CallerKeys Keys = default)
{
    /// <summary>The caller's own key for the offer's provider; null when Hub's key (managed) pays.</summary>
    public SealedByokKey? KeyFor(RouteOffer offer) => Keys.For(offer.ProviderId);

    /// <summary>Who pays the offer's provider: <see cref="BillingModes.Byok"/> or <see cref="BillingModes.Managed"/>.</summary>
    public string BillingOf(RouteOffer offer) => KeyFor(offer) is null ? BillingModes.Managed : BillingModes.Byok;
}
