using Hub.Core.RateLimits;
using Hub.Core.Tenancy;
using Hub.Gateway.Auth;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Hub.Gateway.RateLimits;

/// <summary>
/// The pipeline's rate limit stage, shared by every gateway instance through Redis:
/// 1. the counters that apply: requests and tokens per minute of the key and of its project, each
///    the key's or project's own limit (Hub.Admin) or else the configured default, skipped when unlimited;
/// 2. a request that needs more tokens than a whole minute allows is refused at once (waiting cannot help);
/// 3. one Redis round trip checks loop protection and every counter and charges them, all or nothing (<see cref="RateLimitStore"/>);
/// 4. the decision: admitted with OpenAI's headers, or 429; 503 when Redis cannot answer (fail closed).
/// </summary>
internal sealed partial class RateLimiter
{
    private readonly RateLimitStore store;
    private readonly TimeProvider time;
    private readonly ILogger<RateLimiter> logger;
    private readonly ScopeRateLimitOptions keyDefaults;
    private readonly ScopeRateLimitOptions projectDefaults;
    private readonly int maxRepeats;
    private readonly int loopWindowSeconds;

    public RateLimiter(RateLimitStore store, IOptions<RateLimitOptions> options, TimeProvider time, ILogger<RateLimiter> logger)
    {
        this.store = store;
        this.time = time;
        this.logger = logger;
        var settings = options.Value;
        keyDefaults = settings.Key;
        projectDefaults = settings.Project;
        maxRepeats = settings.Loop.MaxRepeats;
        loopWindowSeconds = settings.Loop.WindowSeconds;
    }

    /// <param name="caller">The key; its own limits travel with it (<see cref="GatewayCaller.Limits"/>).</param>
    /// <param name="project">The caller's project as cached with its rules, for its own limits; null for account keys.</param>
    /// <param name="promptSha256">The request's prompt fingerprint, for loop protection.</param>
    /// <param name="estimatedTokens">Prompt estimate plus output allowance: what the tokens-per-minute limits are charged.</param>
    public async ValueTask<RateLimitDecision> AdmitAsync(
        GatewayCaller caller, Project? project, string promptSha256, long estimatedTokens, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(estimatedTokens);

        // Step 1
        var counters = CountersFor(caller, project, estimatedTokens);
        if (counters.Length == 0 && maxRepeats == 0)
        {
            return RateLimitDecision.Unlimited;
        }

        // Step 2
        foreach (var counter in counters)
        {
            if (counter.Cost > counter.Limit)
            {
                Log.RequestTooLarge(logger, caller.KeyId, counter.Scope, counter.Kind);
                return RateLimitDecision.TooLarge(counter, caller);
            }
        }

        // Step 3
        cancellationToken.ThrowIfCancellationRequested();
        RateLimitAnswer answer;
        try
        {
            answer = await store.AdmitAsync(caller, counters, promptSha256, maxRepeats, loopWindowSeconds * 1000L, time.GetUtcNow().ToUnixTimeMilliseconds());
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            Log.StoreUnavailable(logger, ex);
            return RateLimitDecision.Unavailable();
        }

        // Step 4
        switch (answer.Outcome)
        {
            case AdmissionOutcome.Admitted:
                return RateLimitDecision.Admitted(counters, answer.Counters);
            case AdmissionOutcome.LoopDetected:
                Log.LoopDetected(logger, caller.KeyId, maxRepeats, loopWindowSeconds);
                return RateLimitDecision.LoopDetected(maxRepeats, loopWindowSeconds, answer.LoopWaitMilliseconds);
            default:
                Log.Limited(logger, caller.KeyId);
                return RateLimitDecision.Limited(counters, answer.Counters, caller);
        }
    }

    private RateLimitCounter[] CountersFor(GatewayCaller caller, Project? project, long estimatedTokens)
    {
        var projectLimits = caller.ProjectId is null ? null : project?.Limits ?? RateLimitOverrides.None;
        var keyRequests = caller.Limits.RequestsPerMinute ?? keyDefaults.RequestsPerMinute;
        var keyTokens = caller.Limits.TokensPerMinute ?? keyDefaults.TokensPerMinute;
        var projectRequests = projectLimits is null ? null : projectLimits.RequestsPerMinute ?? projectDefaults.RequestsPerMinute;
        var projectTokens = projectLimits is null ? null : projectLimits.TokensPerMinute ?? projectDefaults.TokensPerMinute;

        var count = (keyRequests is null ? 0 : 1) + (keyTokens is null ? 0 : 1) + (projectRequests is null ? 0 : 1) + (projectTokens is null ? 0 : 1);
        if (count == 0)
        {
            return [];
        }

        var counters = new RateLimitCounter[count];
        var next = 0;
        Add(counters, ref next, RateLimitScope.Key, RateLimitKind.Requests, keyRequests, 1);
        Add(counters, ref next, RateLimitScope.Key, RateLimitKind.Tokens, keyTokens, estimatedTokens);
        Add(counters, ref next, RateLimitScope.Project, RateLimitKind.Requests, projectRequests, 1);
        Add(counters, ref next, RateLimitScope.Project, RateLimitKind.Tokens, projectTokens, estimatedTokens);
        return counters;
    }

    private static void Add(RateLimitCounter[] counters, ref int next, RateLimitScope scope, RateLimitKind kind, int? limit, long cost)
    {
        if (limit is { } perMinute)
        {
            counters[next++] = new RateLimitCounter(scope, kind, perMinute, cost);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.RateLimitStoreUnavailable, EventName = "RateLimitStoreUnavailable", Level = LogLevel.Error,
            Message = "Rate limits could not be checked in Redis; request refused")]
        public static partial void StoreUnavailable(ILogger logger, Exception exception);

        [LoggerMessage(EventId = Diagnostics.EventIds.RateLimited, EventName = "RateLimited", Level = LogLevel.Debug,
            Message = "Key {KeyId} refused by a rate limit")]
        public static partial void Limited(ILogger logger, Guid keyId);

        [LoggerMessage(EventId = Diagnostics.EventIds.RateLimitRequestTooLarge, EventName = "RateLimitRequestTooLarge", Level = LogLevel.Debug,
            Message = "Key {KeyId} sent a request larger than its {Scope} {Kind} per minute limit")]
        public static partial void RequestTooLarge(ILogger logger, Guid keyId, RateLimitScope scope, RateLimitKind kind);

        [LoggerMessage(EventId = Diagnostics.EventIds.LoopDetected, EventName = "LoopDetected", Level = LogLevel.Information,
            Message = "Key {KeyId} repeated one prompt more than {MaxRepeats} times within {WindowSeconds} s; repeat refused")]
        public static partial void LoopDetected(ILogger logger, Guid keyId, int maxRepeats, int windowSeconds);
    }
}
