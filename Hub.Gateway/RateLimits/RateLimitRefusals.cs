using System.Globalization;
using Hub.Gateway.Auth;
using Hub.Gateway.Errors;

namespace Hub.Gateway.RateLimits;

/// <summary>The errors of this stage, worded as OpenAI words its own rate limit errors.</summary>
internal static class RateLimitRefusals
{
    public const string RateLimitExceeded = "rate_limit_exceeded";
    public const string LoopDetectedCode = "loop_detected";

    /// <summary>"Rate limit reached for requests per min (RPM) on key …: Limit 3, Used 3, Requested 1. Please try again in 20s."</summary>
    public static HubError Limited(RateLimitCounter counter, CounterState state, GatewayCaller caller) =>
        new(StatusCodes.Status429TooManyRequests, TypeOf(counter.Kind), RateLimitExceeded, string.Create(CultureInfo.InvariantCulture,
            $"Rate limit reached for {NameOf(counter.Kind)} on {Owner(counter.Scope, caller)}: Limit {counter.Limit}, Used {counter.Limit - state.Remaining}, Requested {counter.Cost}. Please try again in {OpenAIDuration.Format(state.WaitMilliseconds)}."));

    /// <summary>More tokens than the limit allows in a whole minute: waiting cannot help, so the client is told not to retry.</summary>
    public static HubError TooLarge(RateLimitCounter counter, GatewayCaller caller) =>
        new(StatusCodes.Status429TooManyRequests, TypeOf(counter.Kind), RateLimitExceeded, string.Create(CultureInfo.InvariantCulture,
            $"Request too large for {NameOf(counter.Kind)} on {Owner(counter.Scope, caller)}: Limit {counter.Limit}, Requested {counter.Cost}. The input or output tokens must be reduced in order to run successfully."));

    public static HubError LoopDetected(int maxRepeats, int windowSeconds, long waitMilliseconds) =>
        new(StatusCodes.Status429TooManyRequests, TypeOf(RateLimitKind.Requests), LoopDetectedCode, string.Create(CultureInfo.InvariantCulture,
            $"Loop detected: this key sent the same prompt {maxRepeats} times within {windowSeconds}s, so further repeats are refused to stop a runaway loop. Change the prompt, or try again in {OpenAIDuration.Format(waitMilliseconds)}."));

    public static HubError Unavailable() =>
        new(StatusCodes.Status503ServiceUnavailable, "service_unavailable_error", "rate_limits_unavailable",
            "The gateway cannot check rate limits right now, so the request was not sent. Try again shortly.");

    /// <summary>OpenAI's error type for the limit: <c>requests</c> or <c>tokens</c>.</summary>
    public static string TypeOf(RateLimitKind kind) => kind == RateLimitKind.Requests ? "requests" : "tokens";

    private static string NameOf(RateLimitKind kind) => kind == RateLimitKind.Requests ? "requests per min (RPM)" : "tokens per min (TPM)";

    /// <summary>The id the Admin API takes to change the limit.</summary>
    private static string Owner(RateLimitScope scope, GatewayCaller caller) => scope == RateLimitScope.Key
        ? string.Create(CultureInfo.InvariantCulture, $"key {caller.KeyId}")
        : string.Create(CultureInfo.InvariantCulture, $"project {caller.ProjectId}");
}
