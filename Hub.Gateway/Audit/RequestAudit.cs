using Hub.Core.Audit;
using Hub.Core.Billing;
using Hub.Gateway.Auth;
using Hub.Gateway.Billing;
using Hub.Gateway.ChatCompletions;
using Hub.Gateway.Policies;
using Hub.Gateway.Routing;
using Hub.Gateway.Scanning;
using Hub.Gateway.Streaming;

namespace Hub.Gateway.Audit;

/// <summary>
/// Collects what one request did as the pipeline runs, for its <see cref="AuditEvent"/>. Each stage
/// reports what it learned; whatever stage the request stopped at, the event still gets written.
/// Holds counts, ids and the prompt's hash only, never text.
/// </summary>
internal sealed class RequestAudit(GatewayCaller caller, string correlationId, DateTimeOffset occurredAt, string? userHeader)
{
    private ChatRequest? request;
    private RouteOffer? route;
    private IReadOnlyList<string> fallbacks = [];
    private EffectivePolicy policy = EffectivePolicy.Default;
    private ScanVerdict? verdict;
    private double? upstreamMs;
    private TokenUsage? usage;
    private bool answered;
    private bool completed;
    private ChargeRates? servedRates;
    private bool served;
    private string? billing;
    private Guid? byokKeyId;

    /// <summary>The end user the request is made for: the body's <c>safety_identifier</c> or <c>user</c>, else the <c>x-hub-user</c> header.</summary>
    public string? EndUser => request?.EndUser ?? userHeader;

    /// <summary>The credits held for the request, settled when its event is recorded.</summary>
    public CreditHold? Hold { get; private set; }

    public void Read(ChatRequest chatRequest) => request = chatRequest;

    public void Reserved(CreditHold hold) => Hold = hold;

    /// <summary>A provider accepted the request (a 2xx answer is on its way) at <paramref name="rates"/>: from here on it costs money.</summary>
    public void Served(ChargeRates? rates) => (served, servedRates) = (true, rates);

    /// <summary>
    /// The provider chosen (first the plan's first candidate; after forwarding, the one that answered),
    /// those tried before it, and who pays it: Hub (managed) or the organization's own key (<paramref name="byokKey"/>).
    /// </summary>
    public void Routed(RouteOffer offer, IReadOnlyList<string> tried, Guid? byokKey) =>
        (route, fallbacks, billing, byokKeyId) = (offer, tried, byokKey is null ? BillingModes.Managed : BillingModes.Byok, byokKey);

    public void Scanned(EffectivePolicy used, ScanVerdict result) => (policy, verdict) = (used, result);

    /// <summary>A provider answered (any status) after <paramref name="milliseconds"/>.</summary>
    public void Answered(double milliseconds, TokenUsage? tokens) => (answered, upstreamMs, usage) = (true, milliseconds, tokens);

    /// <summary>The request's one event; null if it was already taken (a request is recorded once).</summary>
    /// <param name="status">The status the client got.</param>
    /// <param name="errorType">The OpenAI error type when the gateway refused the request itself.</param>
    public AuditEvent? TryComplete(int status, string? errorType)
    {
        if (completed)
        {
            return null;
        }

        completed = true;
        var auditEvent = ToEvent(status, errorType);
        if (Hold is not { } hold)
        {
            return auditEvent;
        }

        var (wallet, spend) = Cost(hold);
        return auditEvent with { CostMicros = spend, Charge = new LedgerCharge(-wallet, spend, billing ?? BillingModes.Managed) };
    }

    /// <summary>
    /// What the request is charged: nothing if no provider served it; the served price of the reported
    /// usage; the whole hold when the usage never became known (the client left mid-stream). Never more
    /// than the hold, so neither the balance nor a budget can be overdrawn; the estimate errs high.
    /// </summary>
    private (long Wallet, long Spend) Cost(CreditHold hold)
    {
        if (!served)
        {
            return (0, 0);
        }

        var whole = hold.Whole;
        if (usage is not { } tokens || servedRates is not { } rates)
        {
            return whole;
        }

        var wallet = rates.Wallet.CostOf(tokens.PromptTokens, tokens.CompletionTokens);
        var spend = rates.Spend.CostOf(tokens.PromptTokens, tokens.CompletionTokens);
        return (Math.Min(wallet, whole.Wallet), Math.Min(spend, whole.Spend));
    }

    private AuditEvent ToEvent(int status, string? errorType) => new(
        correlationId,
        occurredAt,
        caller.OrganizationId,
        caller.ProjectId,
        caller.KeyId,
        EndUser,
        request?.Model,
        route?.UpstreamModel,
        route?.ProviderId,
        EntityCounts(),
        policy.Id,
        policy.Version,
        Math.Round(verdict?.RoundTripMs ?? 0, 3),
        upstreamMs is { } ms ? Math.Round(ms, 3) : null,
        status,
        errorType == SecurityViolationResult.ErrorType ? AuditOutcomes.Blocked : answered ? AuditOutcomes.Completed : AuditOutcomes.Failed,
        errorType,
        usage?.PromptTokens,
        usage?.CompletionTokens,
        CostMicros: null,
        Fallbacks: [.. fallbacks],
        request?.PromptSha256)
    {
        Billing = route is null ? null : billing,
        ByokKeyId = route is null ? null : byokKeyId,
    };

    private List<AuditEntityCount> EntityCounts()
    {
        var counts = new List<AuditEntityCount>();
        foreach (var finding in verdict?.Findings ?? [])
        {
            var index = counts.FindIndex(c => c.Entity == finding.Entity && c.Action == finding.Action);
            if (index < 0)
            {
                counts.Add(new AuditEntityCount(finding.Entity, finding.Action, 1));
            }
            else
            {
                counts[index] = counts[index] with { Count = counts[index].Count + 1 };
            }
        }

        return counts;
    }
}
