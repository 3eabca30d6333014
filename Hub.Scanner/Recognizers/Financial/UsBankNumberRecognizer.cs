using Hub.Core.Entities;
using Hub.Scanner.Checksums;
using Hub.Scanner.Recognizers.Numbers;

namespace Hub.Scanner.Recognizers.Financial;

/// <summary>
/// US bank account numbers: 8–17 digits standing alone. Nothing in the number itself proves it, so it is weak
/// unless words such as "account" or "routing" are near; a valid ABA routing number close by makes the
/// account likelier, and a routing number itself is reported too (it identifies the account's bank).
/// </summary>
internal sealed class UsBankNumberRecognizer : IRecognizer
{
    /// <summary>Any 8–17 digits: needs context (+0.35 → 0.55).</summary>
    public const double BareScore = 0.2;

    /// <summary>The number is itself a valid ABA routing number.</summary>
    public const double RoutingScore = 0.3;

    /// <summary>An ABA-valid routing number stands within <see cref="RoutingReach"/> characters.</summary>
    public const double NearRoutingScore = 0.4;

    public const int RoutingReach = 120;

    private const int MinDigits = 8;
    private const int MaxDigits = 17;
    private const int MaxRoutingNumbers = 8;

    public string Name => nameof(UsBankNumberRecognizer);

    public IReadOnlyList<EntityDefinition> Entities { get; } =
    [
        new(EntityNames.UsBankNumber, "US bank account or routing number (8–17 digits), found with banking context.",
            ["account", "acct", "a/c", "routing", "aba", "rtn", "bank", "checking", "savings", "deposit", "wire", "debit"]),
    ];

    public void Analyze(string text, IReadOnlySet<string> enabled, List<RecognizerResult> results)
    {
        if (!enabled.Contains(EntityNames.UsBankNumber))
        {
            return;
        }

        Span<int> routing = stackalloc int[MaxRoutingNumbers];
        var routingCount = 0;
        var first = results.Count;
        var position = 0;
        while (NumberScan.NextDigitGroup(text, position, out var start, out var end))
        {
            position = end;
            var digits = text.AsSpan(start, end - start);
            if (digits.Length is < MinDigits or > MaxDigits || !NumberScan.StandsAlone(text, start, end, '\0')
                || NumberScan.IsOneRepeatedDigit(digits))
            {
                continue;
            }

            var isRouting = AbaRouting.IsValid(digits);
            if (isRouting && routingCount < MaxRoutingNumbers)
            {
                routing[routingCount++] = start;
            }

            results.Add(new RecognizerResult(EntityNames.UsBankNumber, start, end, isRouting ? RoutingScore : BareScore));
        }

        for (var i = first; i < results.Count && routingCount > 0; i++)
        {
            var candidate = results[i];
            if (candidate.Score == BareScore && IsNear(candidate.Start, routing[..routingCount]))
            {
                results[i] = candidate with { Score = NearRoutingScore };
            }
        }
    }

    private static bool IsNear(int start, ReadOnlySpan<int> routing)
    {
        foreach (var at in routing)
        {
            if (at != start && Math.Abs(at - start) <= RoutingReach)
            {
                return true;
            }
        }

        return false;
    }
}
