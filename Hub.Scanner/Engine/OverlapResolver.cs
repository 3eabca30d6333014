using Hub.Scanner.Recognizers;

namespace Hub.Scanner.Engine;

/// <summary>
/// Resolves overlapping candidates once, across all types: the highest score wins, then the longest
/// span, then the earliest, then the entity name (so equal candidates always resolve the same way). Kept spans never overlap, so a sorted list and a binary search decide
/// each candidate in O(log n): no quadratic blow-up on a document with thousands of findings.
/// </summary>
internal static class OverlapResolver
{
    private static readonly Comparison<RecognizerResult> ByPriority = (a, b) =>
    {
        var byScore = b.Score.CompareTo(a.Score);
        if (byScore != 0)
        {
            return byScore;
        }

        var byLength = b.Length.CompareTo(a.Length);
        if (byLength != 0)
        {
            return byLength;
        }

        // Last keys only make ties deterministic (List.Sort is unstable).
        var byStart = a.Start.CompareTo(b.Start);
        return byStart != 0 ? byStart : string.CompareOrdinal(a.Entity, b.Entity);
    };

    /// <summary>Returns the kept candidates ordered by start.</summary>
    public static List<RecognizerResult> Resolve(List<RecognizerResult> candidates)
    {
        if (candidates.Count <= 1)
        {
            return candidates;
        }

        candidates.Sort(ByPriority);
        var kept = new List<RecognizerResult>(candidates.Count);
        foreach (var candidate in candidates)
        {
            var index = LowerBound(kept, candidate.Start);

            // The kept span starting at or after our start must begin at or after our end, and the one
            // before must end at or before our start.
            var clearAfter = index == kept.Count || kept[index].Start >= candidate.End;
            var clearBefore = index == 0 || kept[index - 1].End <= candidate.Start;
            if (clearAfter && clearBefore && candidate.Length > 0)
            {
                kept.Insert(index, candidate);
            }
        }

        return kept;
    }

    /// <summary>The first index whose span starts at or after <paramref name="start"/>.</summary>
    private static int LowerBound(List<RecognizerResult> kept, int start)
    {
        int low = 0, high = kept.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (kept[middle].Start < start)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
