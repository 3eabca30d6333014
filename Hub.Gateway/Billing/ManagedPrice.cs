using Hub.Core.Billing;
using Hub.Gateway.Routing;

namespace Hub.Gateway.Billing;

/// <summary>A price in credits per million tokens, input and output.</summary>
internal readonly record struct TokenPrice(long InputPerMillion, long OutputPerMillion)
{
    public long CostOf(int promptTokens, int completionTokens) =>
        Credits.ForTokens(promptTokens, InputPerMillion) + Credits.ForTokens(completionTokens, OutputPerMillion);

    /// <summary>The larger price of each kind: enough for whichever of two offers serves.</summary>
    public TokenPrice Max(TokenPrice other) => new(Math.Max(InputPerMillion, other.InputPerMillion), Math.Max(OutputPerMillion, other.OutputPerMillion));
}

/// <summary>What Hub charges for an offer it pays the provider for: the list price plus the markup of the model's kind, rounded up.</summary>
internal static class ManagedPrice
{
    /// <returns>Null when the offer has no list price (Hub cannot bill it).</returns>
    public static TokenPrice? Of(RouteOffer offer, BillingOptions options)
    {
        if (offer.InputMicrosPerMillion is not { } input || offer.OutputMicrosPerMillion is not { } output)
        {
            return null;
        }

        var percent = offer.OpenWeight ? options.OpenWeightMarkupPercent : options.ClosedMarkupPercent;
        return new TokenPrice(WithMarkup(input, percent), WithMarkup(output, percent));
    }

    private static long WithMarkup(long listPrice, int percent) => ((listPrice * (100 + percent)) + 99) / 100;
}
