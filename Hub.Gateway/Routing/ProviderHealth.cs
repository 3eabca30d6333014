using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Hub.Gateway.Routing;

/// <summary>
/// Each provider's recent health on this gateway: a circuit breaker fed by the outcome of every call,
/// and moving averages the router breaks ties with and sorts by (<c>sort: latency | throughput</c>).
/// In memory per instance: a breaker reacts to what this gateway sees, within one failure threshold.
/// </summary>
internal sealed class ProviderHealthBoard(IOptions<RoutingOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ProviderHealth> providers = new(StringComparer.OrdinalIgnoreCase);
    private readonly CircuitBreakerOptions breaker = options.Value.CircuitBreaker;

    public ProviderHealth For(string provider) => providers.GetOrAdd(provider, static (_, state) => new ProviderHealth(state.breaker, state.time), (breaker, time));
}

/// <summary>
/// One provider's breaker and averages. The breaker is closed (calls go through) until
/// <see cref="CircuitBreakerOptions.FailureThreshold"/> consecutive failures open it; while open the
/// provider is skipped; after <see cref="CircuitBreakerOptions.OpenSeconds"/> one trial call is let
/// through (half-open): success closes the breaker, failure opens it again. Thread-safe.
/// </summary>
internal sealed class ProviderHealth(CircuitBreakerOptions options, TimeProvider time)
{
    /// <summary>Weight of the newest sample in the moving averages.</summary>
    private const double Alpha = 0.2;

    private readonly Lock gate = new();
    private int consecutiveFailures;
    private long openUntil;
    private bool trialInFlight;

    /// <summary>Share of recent calls that succeeded (1 until a call is seen).</summary>
    public double SuccessRate { get; private set; } = 1;

    /// <summary>Recent time to response headers in ms; null until a call succeeded.</summary>
    public double? LatencyMs { get; private set; }

    /// <summary>Recent output tokens per second after the first byte; null until measured.</summary>
    public double? TokensPerSecond { get; private set; }

    public bool IsOpen
    {
        get
        {
            lock (gate)
            {
                return openUntil != 0 && (time.GetUtcNow().ToUnixTimeMilliseconds() < openUntil || trialInFlight);
            }
        }
    }

    /// <summary>Whether a call may go to this provider now; while half-open, true for one caller only.</summary>
    public bool TryAcquire()
    {
        lock (gate)
        {
            if (openUntil == 0)
            {
                return true;
            }

            if (trialInFlight || time.GetUtcNow().ToUnixTimeMilliseconds() < openUntil)
            {
                return false;
            }

            trialInFlight = true;
            return true;
        }
    }

    /// <summary>The provider answered (any status that is not its own failure: a 400 is the client's).</summary>
    public void RecordSuccess(double latencyMs)
    {
        lock (gate)
        {
            consecutiveFailures = 0;
            openUntil = 0;
            trialInFlight = false;
            SuccessRate += Alpha * (1 - SuccessRate);
            LatencyMs = LatencyMs is { } average ? average + (Alpha * (latencyMs - average)) : latencyMs;
        }
    }

    /// <summary>A connection failure, timeout, 429 or 5xx.</summary>
    public void RecordFailure()
    {
        lock (gate)
        {
            SuccessRate -= Alpha * SuccessRate;
            trialInFlight = false;
            if (++consecutiveFailures >= options.FailureThreshold || openUntil != 0)
            {
                openUntil = time.GetUtcNow().AddSeconds(options.OpenSeconds).ToUnixTimeMilliseconds();
            }
        }
    }

    /// <summary>The output speed of a finished answer.</summary>
    public void RecordThroughput(int completionTokens, double generationMs)
    {
        if (completionTokens <= 0 || generationMs <= 0)
        {
            return;
        }

        var sample = completionTokens * 1000 / generationMs;
        lock (gate)
        {
            TokensPerSecond = TokensPerSecond is { } average ? average + (Alpha * (sample - average)) : sample;
        }
    }
}
