using Hub.Core.Secrets;
using Hub.Gateway.ChatCompletions;
using Hub.Gateway.Errors;
using Hub.Gateway.Providers;
using Hub.Gateway.Scanning;

namespace Hub.Gateway.Routing;

/// <summary>What forwarding came to: the provider that answered (or failed last), its outcome, and the providers tried before it.</summary>
/// <param name="Offer">Null when no candidate could be tried at all (every breaker open).</param>
/// <param name="AnsweredAt">The <see cref="TimeProvider"/> timestamp of that provider's response headers: its stream's output speed is measured from there.</param>
internal sealed record ForwardResult(RouteOffer? Offer, ProviderOutcome Outcome, IReadOnlyList<string> Fallbacks, long AnsweredAt);

/// <summary>
/// Sends a request to the plan's candidates in order until one answers. It moves on only when the
/// provider failed before sending anything (connection failure, timeout, 429, 5xx: the outcome says
/// <see cref="ProviderOutcome.MayFallback"/>); a request the upstream judged wrong or refused for its
/// content is answered, not routed around. Nothing here runs once bytes reach the client: the relay
/// starts after this returns. Every outcome feeds the provider's breaker; a provider whose breaker is
/// open is skipped without a call. A candidate paid by the caller's own key gets it opened for this
/// call only; a key that does not open fails that candidate (never the provider's breaker) and the
/// next is tried.
/// </summary>
internal sealed partial class FallbackSender(ProviderHealthBoard health, TimeProvider time, ILogger<FallbackSender> logger)
{
    public async Task<ForwardResult> SendAsync(RoutePlan plan, ChatRequest request, ScanVerdict verdict, CancellationToken cancellationToken)
    {
        var fallbacks = new List<string>();
        ForwardResult? failed = null;
        for (var i = 0; i < plan.Candidates.Count; i++)
        {
            var offer = plan.Candidates[i];
            if (!TryOpenKey(plan, offer, out var credentials, out var unreadable))
            {
                if (failed is not null)
                {
                    fallbacks.Add(failed.Offer!.ProviderId);
                    await DiscardAsync(failed.Outcome);
                }

                failed = new ForwardResult(offer, unreadable, fallbacks, 0);
                continue;
            }

            var state = health.For(offer.ProviderId);
            if (!state.TryAcquire())
            {
                Log.CircuitOpen(logger, offer.ProviderId);
                continue;
            }

            if (failed is not null)
            {
                var status = StatusOf(failed.Outcome);
                Log.FallingBack(logger, failed.Offer!.ProviderId, status, offer.ProviderId);
                fallbacks.Add(failed.Offer.ProviderId);
                await DiscardAsync(failed.Outcome);
            }

            var started = time.GetTimestamp();
            var outcome = await offer.Provider.SendAsync(UpstreamRequest(plan, request, offer, verdict, credentials), cancellationToken);
            if (credentials is not null && outcome.Error is { Code: "provider_auth_failed" })
            {
                outcome = ProviderOutcome.Failure(HubError.OwnKeyRejected(offer.ProviderId, plan.KeyFor(offer)!.Key.Last4), outcome.MayFallback);
            }

            var answeredAt = time.GetTimestamp();
            if (!outcome.MayFallback)
            {
                // An answer, or the upstream's verdict on the request itself: the provider is up either way.
                state.RecordSuccess(time.GetElapsedTime(started, answeredAt).TotalMilliseconds);
                return new ForwardResult(offer, outcome, fallbacks, answeredAt);
            }

            state.RecordFailure();
            failed = new ForwardResult(offer, outcome, fallbacks, answeredAt);
        }

        // The last provider tried failed too (its error is the answer), or none could be tried.
        return failed ?? new ForwardResult(null, ProviderOutcome.Failure(AllCircuitsOpen(plan), mayFallback: false), fallbacks, 0);
    }

    private static ProviderRequest UpstreamRequest(
        RoutePlan plan, ChatRequest request, RouteOffer offer, ScanVerdict verdict, ProviderCredentials? credentials) => new(
        request.ToUpstreamBody(offer.UpstreamModel, verdict.RedactedTexts, offer.Provider.OutputLimitField, verdict.RedactedImages),
        request.Stream,
        offer.UpstreamModel,
        offer.MaxOutputTokens ?? ProviderRequest.FallbackMaxTokens,
        credentials,
        Downstream: offer.Provider.RoutesDownstream ? plan.Downstream : null);

    /// <summary>The caller's own credentials for the offer (null: the provider's configured ones), or false when they do not open.</summary>
    private bool TryOpenKey(RoutePlan plan, RouteOffer offer, out ProviderCredentials? credentials, out ProviderOutcome unreadable)
    {
        (credentials, unreadable) = (null, default);
        if (plan.KeyFor(offer) is not { } key)
        {
            return true;
        }

        try
        {
            var opened = plan.Keys.Organization.Open(key);
            credentials = new ProviderCredentials(opened.ApiKey, opened.AccessKeyId, opened.SecretAccessKey, opened.SessionToken, opened.Region);
            return true;
        }
        catch (SecretUnreadableException)
        {
            // The reason is already logged where the keys were loaded, or is a tampered row: either way, name only the key.
            Log.KeyUnreadable(logger, offer.ProviderId, key.Key.Id);
            unreadable = ProviderOutcome.Failure(new HubError(StatusCodes.Status503ServiceUnavailable, "service_unavailable_error", "byok_key_unreadable",
                $"Your organization's key for {offer.ProviderId} cannot be decrypted by this gateway, so it was not used. Ask your administrator to store it again or check Hub's master key."),
                mayFallback: true);
            return false;
        }
    }

    private static int StatusOf(ProviderOutcome outcome) => outcome.Response?.StatusCode ?? outcome.Error?.Status ?? 0;

    private static ValueTask DiscardAsync(ProviderOutcome outcome) => outcome.Response?.DisposeAsync() ?? ValueTask.CompletedTask;

    private static HubError AllCircuitsOpen(RoutePlan plan)
    {
        var providers = string.Join(", ", plan.Candidates.Select(candidate => candidate.ProviderId));
        return new HubError(StatusCodes.Status503ServiceUnavailable, "service_unavailable_error", "providers_unavailable",
            $"Every provider allowed for this request is failing and paused ({providers}); try again shortly.");
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.ByokKeyUnreadable, EventName = nameof(KeyUnreadable), Level = LogLevel.Error,
            Message = "The stored key {KeyId} for provider {Provider} did not decrypt; that candidate was skipped")]
        public static partial void KeyUnreadable(ILogger logger, string provider, Guid keyId);

        [LoggerMessage(EventId = Diagnostics.EventIds.FallingBack, EventName = nameof(FallingBack), Level = LogLevel.Information,
            Message = "Provider {Provider} failed before answering (HTTP {Status}); falling back to {Next}")]
        public static partial void FallingBack(ILogger logger, string provider, int status, string next);

        [LoggerMessage(EventId = Diagnostics.EventIds.CircuitOpen, EventName = nameof(CircuitOpen), Level = LogLevel.Debug,
            Message = "Provider {Provider} skipped: its circuit breaker is open")]
        public static partial void CircuitOpen(ILogger logger, string provider);
    }
}
