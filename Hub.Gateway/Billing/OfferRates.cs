using Hub.Core.Billing;
using Hub.Gateway.Routing;

namespace Hub.Gateway.Billing;

/// <summary>
/// What serving a request through one offer costs each kind of account. Managed (Hub's key): the
/// wallet and budgets both pay the managed price. BYOK (the organization's own key): the wallet pays
/// nothing, and budgets count the list price, so a budget still caps what a project spends with its
/// providers (zero for a model the catalog does not price, which Hub then need not refuse: it bills nothing).
/// </summary>
internal static class OfferRates
{
    private static readonly TokenPrice Free = new(0, 0);

    /// <returns>Null for a managed offer Hub cannot price (it cannot bill it).</returns>
    public static ChargeRates? Of(RouteOffer offer, string billing, BillingOptions options)
    {
        if (billing == BillingModes.Byok)
        {
            return new ChargeRates(Free, ListPrice(offer) ?? Free);
        }

        return ManagedPrice.Of(offer, options) is { } managed ? new ChargeRates(managed, managed) : null;
    }

    /// <summary>The larger price of each kind for each account: enough for whichever of two offers serves.</summary>
    public static ChargeRates Max(ChargeRates a, ChargeRates b) => new(a.Wallet.Max(b.Wallet), a.Spend.Max(b.Spend));

    private static TokenPrice? ListPrice(RouteOffer offer) =>
        offer.InputMicrosPerMillion is { } input && offer.OutputMicrosPerMillion is { } output ? new TokenPrice(input, output) : null;
}
