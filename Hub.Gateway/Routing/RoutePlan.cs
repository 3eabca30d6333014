using Hub.Gateway.Providers;

namespace Hub.Gateway.Routing;

/// <summary>
/// The router's decision for one request: the providers to try, in order (one when fallbacks are
/// off), and, for an aggregator upstream (OpenRouter), how far it may route on its own.
/// </summary>
/// <param name="Candidates">Every one passed every filter; try them in order.</param>
/// <param name="Downstream">Hub's restrictions for an upstream that routes further; null when nothing restricts.</param>
internal sealed record RoutePlan(IReadOnlyList<RouteOffer> Candidates, DownstreamRestrictions? Downstream);
