using Hub.Core.Billing;
using Hub.Gateway.Auth;
using Hub.Gateway.ChatCompletions;
using Hub.Gateway.Errors;
using Hub.Gateway.Providers;
using Hub.Gateway.Routing;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace Hub.Gateway.Billing;

/// <summary>A request cleared to spend: its hold, and the request and plan to forward (output possibly capped, unpriced offers dropped).</summary>
/// <param name="CappedFrom">The output allowance before the cap, when the balance could pay for less.</param>
internal sealed record Reservation(CreditHold Hold, ChatRequest Request, RoutePlan Plan, int? CappedFrom);

/// <summary>
/// The budget step, before anything is sent: estimate what the request can cost with whichever
/// candidate serves it (prompt tokens counted, output at the request's allowance, the dearest
/// candidate's price for each account: a candidate paid by the organization's own key costs the
/// wallet nothing, <see cref="OfferRates"/>), then hold that much in the wallet and every budget covering the request, in one
/// atomic step. When the accounts cover the prompt but not the whole allowance, the hold is what they
/// can pay and the request's output limit is lowered to match; when they cannot pay for the prompt
/// plus <see cref="BillingOptions.MinimumOutputTokens"/>, the request is refused (402). If the credit
/// store cannot answer, nothing is sent (503).
/// </summary>
internal sealed partial class CreditReservation(
    BudgetCache budgets, CreditStore store, IOptions<BillingOptions> options, TimeProvider time, ILogger<CreditReservation> logger)
{
    private readonly BillingOptions settings = options.Value;
    private readonly TimeZoneInfo zone = options.Value.Zone();
    private readonly TimeSpan holdFor = TimeSpan.FromSeconds(options.Value.HoldSeconds);

    public async Task<(Reservation? Reservation, HubError? Error, CreditShortfall? Shortfall)> ReserveAsync(
        GatewayCaller caller, ChatRequest request, RoutePlan plan, string? endUser, string correlationId, int promptTokens, CancellationToken cancellationToken)
    {
        var (priced, worst) = Payable(plan);
        if (priced.Count == 0)
        {
            Log.ModelNotPriced(logger, plan.Candidates[0].ProviderId);
            return (null, NotPriced(request.Model), null);
        }

        var requestedOutput = request.MaxTokens ?? priced.Max(offer => offer.MaxOutputTokens ?? ProviderRequest.FallbackMaxTokens);
        try
        {
            var accounts = PayingAccounts.For(caller, endUser, await budgets.ForAsync(caller.OrganizationId, cancellationToken), time.GetUtcNow(), zone);
            var (hold, shortfall) = await store.ReserveAsync(
                accounts, worst, promptTokens, requestedOutput, settings.MinimumOutputTokens, correlationId, holdFor, cancellationToken);
            if (hold is null)
            {
                return (null, null, shortfall);
            }

            var capped = hold.GrantedOutputTokens < requestedOutput;
            var forwarded = capped ? request with { OutputCap = hold.GrantedOutputTokens } : request;
            var keptPlan = priced.Count == plan.Candidates.Count ? plan : plan with { Candidates = priced };
            return (new Reservation(hold, forwarded, keptPlan, capped ? requestedOutput : null), null, null);
        }
        catch (Exception ex) when (ex is RedisException or NpgsqlException or TimeoutException)
        {
            Log.CreditStoreUnavailable(logger, ex);
            return (null, Unavailable(), null);
        }
    }

    /// <summary>What the offer that served costs each account (null only for an offer this step would have dropped).</summary>
    public ChargeRates? RatesOf(RoutePlan plan, RouteOffer offer) => OfferRates.Of(offer, plan.BillingOf(offer), settings);

    /// <summary>The candidates Hub can bill (or need not: BYOK), and the dearest price among them for each account.</summary>
    private (List<RouteOffer> Payable, ChargeRates Worst) Payable(RoutePlan plan)
    {
        var payable = new List<RouteOffer>(plan.Candidates.Count);
        var worst = new ChargeRates(new TokenPrice(0, 0), new TokenPrice(0, 0));
        foreach (var offer in plan.Candidates)
        {
            if (RatesOf(plan, offer) is { } rates)
            {
                payable.Add(offer);
                worst = OfferRates.Max(worst, rates);
            }
        }

        return (payable, worst);
    }

    private static HubError NotPriced(string model) => new(StatusCodes.Status403Forbidden, "invalid_request_error", "model_not_priced",
        $"The model `{model}` has no price in Hub's catalog, so Hub cannot bill it. Ask your administrator to price it (catalog, or Providers:<id>:UnlistedModelPrice).", "model");

    private static HubError Unavailable() => new(StatusCodes.Status503ServiceUnavailable, "service_unavailable_error", "budget_unavailable",
        "The gateway cannot check this organization's balance and budgets right now, so the request was not sent. Try again shortly.");

    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.CreditStoreUnavailable, EventName = nameof(CreditStoreUnavailable), Level = LogLevel.Error,
            Message = "Credits could not be reserved (credit store unavailable); request refused")]
        public static partial void CreditStoreUnavailable(ILogger logger, Exception exception);

        [LoggerMessage(EventId = Diagnostics.EventIds.ModelNotPriced, EventName = nameof(ModelNotPriced), Level = LogLevel.Warning,
            Message = "A request for a model without a price at provider {Provider} was refused")]
        public static partial void ModelNotPriced(ILogger logger, string provider);
    }
}
