using System.Globalization;
using Hub.Gateway.Auth;
using Hub.Gateway.Errors;

namespace Hub.Gateway.RateLimits;

/// <summary>
/// The outcome of <see cref="RateLimiter.AdmitAsync"/>: admitted, or refused with <see cref="Error"/>,
/// and in both cases OpenAI's rate limit headers for the client. Where a key and its project both
/// limit the same thing, the headers show the tighter (fewer remaining; on a tie, the later reset).
/// </summary>
internal sealed class RateLimitDecision
{
    /// <summary>No limit applies: nothing to refuse, no headers.</summary>
    public static readonly RateLimitDecision Unlimited = new(null, null, null, null, doNotRetry: false);

    private readonly LimitHeaders? requests;
    private readonly LimitHeaders? tokens;
    private readonly long? retryAfterMilliseconds;
    private readonly bool doNotRetry;

    private RateLimitDecision(HubError? error, LimitHeaders? requests, LimitHeaders? tokens, long? retryAfterMilliseconds, bool doNotRetry)
    {
        Error = error;
        this.requests = requests;
        this.tokens = tokens;
        this.retryAfterMilliseconds = retryAfterMilliseconds;
        this.doNotRetry = doNotRetry;
    }

    /// <summary>Null when the request may go on.</summary>
    public HubError? Error { get; }

    public static RateLimitDecision Admitted(RateLimitCounter[] counters, CounterState[] states) =>
        counters.Length == 0
            ? Unlimited
            : new(null, Tightest(counters, states, RateLimitKind.Requests), Tightest(counters, states, RateLimitKind.Tokens), null, doNotRetry: false);

    /// <summary>Refused by the counter that makes the client wait longest: it names the error and its kind's headers.</summary>
    public static RateLimitDecision Limited(RateLimitCounter[] counters, CounterState[] states, GatewayCaller caller)
    {
        var refusing = 0;
        for (var i = 1; i < states.Length; i++)
        {
            if (states[i].WaitMilliseconds > states[refusing].WaitMilliseconds)
            {
                refusing = i;
            }
        }

        var counter = counters[refusing];
        var state = states[refusing];
        var own = LimitHeaders.Of(counter, state);
        return new(
            RateLimitRefusals.Limited(counter, state, caller),
            counter.Kind == RateLimitKind.Requests ? own : Tightest(counters, states, RateLimitKind.Requests),
            counter.Kind == RateLimitKind.Tokens ? own : Tightest(counters, states, RateLimitKind.Tokens),
            state.WaitMilliseconds,
            doNotRetry: false);
    }

    public static RateLimitDecision TooLarge(RateLimitCounter counter, GatewayCaller caller) =>
        new(RateLimitRefusals.TooLarge(counter, caller), null, null, null, doNotRetry: true);

    public static RateLimitDecision LoopDetected(int maxRepeats, int windowSeconds, long waitMilliseconds) =>
        new(RateLimitRefusals.LoopDetected(maxRepeats, windowSeconds, waitMilliseconds), null, null, waitMilliseconds, doNotRetry: false);

    public static RateLimitDecision Unavailable() => new(RateLimitRefusals.Unavailable(), null, null, null, doNotRetry: false);

    /// <summary>
    /// OpenAI's <c>x-ratelimit-{limit,remaining,reset}-{requests,tokens}</c>, and on a refusal
    /// <c>Retry-After</c> (whole seconds, rounded up) with <c>retry-after-ms</c>, which the OpenAI SDKs
    /// prefer; <c>x-should-retry: false</c> when waiting cannot help.
    /// </summary>
    public void WriteHeaders(HttpResponse response)
    {
        var headers = response.Headers;
        requests?.WriteTo(headers, "x-ratelimit-limit-requests", "x-ratelimit-remaining-requests", "x-ratelimit-reset-requests");
        tokens?.WriteTo(headers, "x-ratelimit-limit-tokens", "x-ratelimit-remaining-tokens", "x-ratelimit-reset-tokens");
        if (retryAfterMilliseconds is { } wait)
        {
            headers.RetryAfter = ((wait + 999) / 1000).ToString(CultureInfo.InvariantCulture);
            headers["retry-after-ms"] = wait.ToString(CultureInfo.InvariantCulture);
        }

        if (doNotRetry)
        {
            headers["x-should-retry"] = "false";
        }
    }

    private static LimitHeaders? Tightest(RateLimitCounter[] counters, CounterState[] states, RateLimitKind kind)
    {
        LimitHeaders? tightest = null;
        for (var i = 0; i < counters.Length; i++)
        {
            if (counters[i].Kind != kind)
            {
                continue;
            }

            var candidate = LimitHeaders.Of(counters[i], states[i]);
            if (tightest is not { } current || candidate.Remaining < current.Remaining
                || (candidate.Remaining == current.Remaining && candidate.ResetMilliseconds > current.ResetMilliseconds))
            {
                tightest = candidate;
            }
        }

        return tightest;
    }

    private readonly record struct LimitHeaders(int Limit, long Remaining, long ResetMilliseconds)
    {
        /// <summary>Remaining is shown as 0 when a lowered limit is below what the bucket already holds.</summary>
        public static LimitHeaders Of(RateLimitCounter counter, CounterState state) =>
            new(counter.Limit, Math.Max(0, state.Remaining), state.ResetMilliseconds);

        public void WriteTo(IHeaderDictionary headers, string limitName, string remainingName, string resetName)
        {
            headers[limitName] = Limit.ToString(CultureInfo.InvariantCulture);
            headers[remainingName] = Remaining.ToString(CultureInfo.InvariantCulture);
            headers[resetName] = OpenAIDuration.Format(ResetMilliseconds);
        }
    }
}
