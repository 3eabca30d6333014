using System.Globalization;

namespace Hub.Core.Billing;

/// <summary>Hub's money: integer credits, 1 USD = 1,000,000 credits (a credit is a micro-dollar). Never floating point.</summary>
public static class Credits
{
    public const long PerUsd = 1_000_000;

    /// <summary>USD to credits, rounded up to a whole credit (a fraction of a credit is never given away).</summary>
    public static long FromUsd(decimal usd) => (long)decimal.Ceiling(usd * PerUsd);

    public static decimal ToUsd(long credits) => (decimal)credits / PerUsd;

    /// <summary>Grouped for messages: <c>1,840</c>.</summary>
    public static string Format(long credits) => credits.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>
    /// The cost of <paramref name="tokens"/> at a price in credits per million tokens, rounded up.
    /// Exact in 64-bit integers for any real request (tokens ≤ 10⁷, prices ≤ 10¹⁰).
    /// </summary>
    public static long ForTokens(long tokens, long creditsPerMillion) => ((tokens * creditsPerMillion) + 999_999) / 1_000_000;
}
