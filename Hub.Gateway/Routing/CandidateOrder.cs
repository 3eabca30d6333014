using Hub.Gateway.Byok;

namespace Hub.Gateway.Routing;

/// <summary>
/// Orders the candidates that passed the filters: providers named in the request's <c>order</c> first,
/// in that order; then providers whose breaker is open last; then, for a project that prefers its own
/// keys (<c>prefer_byok</c>), those first; then by the request's <c>sort</c> (default price: the list
/// price of this request's estimated tokens); ties to the caller's own keys (BYOK), then by recent
/// health (success rate, then latency), then by provider id so the order is deterministic.
/// </summary>
internal static class CandidateOrder
{
    public static void Sort(
        Span<RouteOffer> candidates, ProviderPreferences preferences, int promptTokens, int outputTokens, ProviderHealthBoard health, CallerKeys keys, bool preferByok)
    {
        if (candidates.Length < 2)
        {
            return;
        }

        Span<Key> sortKeys = candidates.Length <= 32 ? stackalloc Key[candidates.Length] : new Key[candidates.Length];
        for (var i = 0; i < candidates.Length; i++)
        {
            var offer = candidates[i];
            var state = health.For(offer.ProviderId);
            var byok = keys.For(offer.ProviderId) is not null;
            sortKeys[i] = new Key(
                i,
                Rank(preferences.Order, offer.ProviderId),
                state.IsOpen,
                preferByok && byok,
                SortValue(preferences.Sort, state),
                offer.CostKey(promptTokens, outputTokens),
                byok,
                state.SuccessRate,
                state.LatencyMs ?? double.MaxValue);
        }

        // Insertion sort: a handful of candidates, and it is stable.
        for (var i = 1; i < sortKeys.Length; i++)
        {
            var key = sortKeys[i];
            var j = i - 1;
            while (j >= 0 && Compare(key, sortKeys[j], candidates) < 0)
            {
                sortKeys[j + 1] = sortKeys[j];
                j--;
            }

            sortKeys[j + 1] = key;
        }

        Span<RouteOffer> ordered = new RouteOffer[candidates.Length];
        for (var i = 0; i < sortKeys.Length; i++)
        {
            ordered[i] = candidates[sortKeys[i].Index];
        }

        ordered.CopyTo(candidates);
    }

    private static int Compare(in Key a, in Key b, Span<RouteOffer> candidates)
    {
        var byRank = a.Rank.CompareTo(b.Rank);
        if (byRank != 0)
        {
            return byRank;
        }

        if (a.Open != b.Open)
        {
            return a.Open ? 1 : -1;
        }

        if (a.Preferred != b.Preferred)
        {
            return a.Preferred ? -1 : 1;
        }

        var bySort = a.SortValue.CompareTo(b.SortValue);
        if (bySort != 0)
        {
            return bySort;
        }

        var byPrice = a.Price.CompareTo(b.Price);
        if (byPrice != 0)
        {
            return byPrice;
        }

        if (a.Byok != b.Byok)
        {
            return a.Byok ? -1 : 1;
        }

        var byHealth = b.SuccessRate.CompareTo(a.SuccessRate);
        if (byHealth != 0)
        {
            return byHealth;
        }

        var byLatency = a.LatencyMs.CompareTo(b.LatencyMs);
        return byLatency != 0 ? byLatency : string.CompareOrdinal(candidates[a.Index].ProviderId, candidates[b.Index].ProviderId);
    }

    /// <summary>Smaller sorts first: latency as is, throughput negated; unmeasured providers after measured ones. Price sorts on <see cref="Key.Price"/>.</summary>
    private static double SortValue(ProviderSort sort, ProviderHealth state) => sort switch
    {
        ProviderSort.Latency => state.LatencyMs ?? double.MaxValue,
        ProviderSort.Throughput => state.TokensPerSecond is { } speed ? -speed : double.MaxValue,
        _ => 0,
    };

    private static int Rank(IReadOnlyList<string> order, string provider)
    {
        for (var i = 0; i < order.Count; i++)
        {
            if (string.Equals(order[i], provider, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    /// <param name="Preferred">A BYOK candidate of a project that prefers its own keys.</param>
    /// <param name="Byok">The caller's own key pays this provider.</param>
    private readonly record struct Key(int Index, int Rank, bool Open, bool Preferred, double SortValue, long Price, bool Byok, double SuccessRate, double LatencyMs);
}
