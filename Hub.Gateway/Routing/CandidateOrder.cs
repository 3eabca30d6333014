namespace Hub.Gateway.Routing;

/// <summary>
/// Orders the candidates that passed the filters: providers named in the request's <c>order</c> first,
/// in that order; then providers whose breaker is open last; then by the request's <c>sort</c>
/// (default price: the list price of this request's estimated tokens); ties by recent health
/// (success rate, then latency), then by provider id so the order is deterministic.
/// </summary>
internal static class CandidateOrder
{
    public static void Sort(Span<RouteOffer> candidates, ProviderPreferences preferences, int promptTokens, int outputTokens, ProviderHealthBoard health)
    {
        if (candidates.Length < 2)
        {
            return;
        }

        Span<Key> keys = candidates.Length <= 32 ? stackalloc Key[candidates.Length] : new Key[candidates.Length];
        for (var i = 0; i < candidates.Length; i++)
        {
            var offer = candidates[i];
            var state = health.For(offer.ProviderId);
            keys[i] = new Key(
                i,
                Rank(preferences.Order, offer.ProviderId),
                state.IsOpen,
                SortValue(preferences.Sort, state),
                offer.CostKey(promptTokens, outputTokens),
                state.SuccessRate,
                state.LatencyMs ?? double.MaxValue);
        }

        // Insertion sort: a handful of candidates, and it is stable.
        for (var i = 1; i < keys.Length; i++)
        {
            var key = keys[i];
            var j = i - 1;
            while (j >= 0 && Compare(key, keys[j], candidates) < 0)
            {
                keys[j + 1] = keys[j];
                j--;
            }

            keys[j + 1] = key;
        }

        Span<RouteOffer> ordered = new RouteOffer[candidates.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            ordered[i] = candidates[keys[i].Index];
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

    private readonly record struct Key(int Index, int Rank, bool Open, double SortValue, long Price, double SuccessRate, double LatencyMs);
}
