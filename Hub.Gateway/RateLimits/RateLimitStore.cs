using System.Globalization;
using Hub.Gateway.Auth;
using StackExchange.Redis;

namespace Hub.Gateway.RateLimits;

/// <summary>
/// Every counter of one request, checked and charged in one Lua script: one Redis round trip, atomic
/// across gateway instances, all or nothing (a refused request charges no counter and is no repeat).
/// </summary>
/// <remarks>
/// <para>
/// Algorithm: GCRA (the generic cell rate algorithm, a token bucket kept as one value), chosen over a
/// sliding-window counter because it is exact rather than an interpolation of two fixed windows,
/// keeps one small value per counter instead of two, and answers OpenAI's headers directly: what is
/// left, when the bucket is full again (<c>x-ratelimit-reset-*</c>) and when the refused amount fits
/// (<c>Retry-After</c>). A limit of L per minute lets a burst of L through, then replenishes
/// continuously: at 3 RPM, one request every 20 s.
/// </para>
/// <para>
/// Each counter is stored as <c>"debt:at"</c>: the amount in the bucket, in units of one request or
/// token times the 60,000 ms window, and the time it was computed for. In those units every step is
/// integer arithmetic that Lua's doubles hold exactly (at most 2³¹ × 60,000 ≈ 1.3 × 10¹⁴ &lt; 2⁵³): a
/// request adds cost × 60,000, a millisecond drains L, the bucket holds L × 60,000. A changed limit
/// applies at once to the debt already there. Loop protection keeps the times of a key's last N
/// repeats of a prompt in a list (exact "more than N within the window", N small).
/// </para>
/// <para>
/// Time is the gateway's <see cref="TimeProvider"/>, passed in, not Redis TIME: tests are exact, and
/// clock skew between gateways only shifts a refill by the skew (a counter never goes back in time).
/// All keys of a request share the organization's hash tag, so the script also runs on Redis Cluster.
/// </para>
/// </remarks>
internal sealed class RateLimitStore(IConnectionMultiplexer redis)
{
    /// <summary>
    /// KEYS[1]: the loop list (times of the latest repeats, newest first); KEYS[2..]: the counters.
    /// ARGV[1]: now (ms); ARGV[2], ARGV[3]: loop protection's max repeats (0: off) and window (ms);
    /// then per counter its limit and cost. Returns {2, wait} for a loop, else {0 admitted | 1 limited}
    /// followed by remaining, reset (ms) and wait (ms) per counter: after this request when admitted,
    /// as they stand (nothing charged) when limited.
    /// </summary>
    private const string Script = """
        local now = tonumber(ARGV[1])
        local maxRepeats = tonumber(ARGV[2])
        if maxRepeats > 0 then
          local oldest = redis.call('LINDEX', KEYS[1], maxRepeats - 1)
          if oldest then
            local free = tonumber(oldest) + tonumber(ARGV[3])
            if free > now then
              return {2, free - now}
            end
          end
        end

        local window = 60000
        local counters = {}
        local refused = false
        for i = 2, #KEYS do
          local limit = tonumber(ARGV[2 * i])
          local debt, at = 0, now
          local state = redis.call('GET', KEYS[i])
          if state then
            local colon = string.find(state, ':', 1, true)
            debt = tonumber(string.sub(state, 1, colon - 1))
            at = tonumber(string.sub(state, colon + 1))
            if now > at then
              debt = math.max(0, debt - (now - at) * limit)
              at = now
            end
          end
          local after = debt + tonumber(ARGV[2 * i + 1]) * window
          if after > limit * window then
            refused = true
          end
          counters[i] = {limit, debt, after, at}
        end

        local result = {refused and 1 or 0}
        for i = 2, #KEYS do
          local limit, debt, after, at = unpack(counters[i])
          if refused then
            local wait = math.max(0, math.ceil((after - limit * window) / limit))
            table.insert(result, limit - math.ceil(debt / window))
            table.insert(result, math.ceil(debt / limit))
            table.insert(result, wait)
          else
            local reset = math.ceil(after / limit)
            table.insert(result, limit - math.ceil(after / window))
            table.insert(result, reset)
            table.insert(result, 0)
            redis.call('SET', KEYS[i], string.format('%.0f:%.0f', after, at), 'PX', at - now + reset + 1)
          end
        end

        if not refused and maxRepeats > 0 then
          redis.call('LPUSH', KEYS[1], now)
          redis.call('LTRIM', KEYS[1], 0, maxRepeats - 1)
          redis.call('PEXPIRE', KEYS[1], ARGV[3])
        end
        return result
        """;

    private const int FixedArguments = 3;

    /// <param name="counters">The counters that apply; may be empty when only loop protection does.</param>
    /// <param name="maxRepeats">Loop protection's limit; 0 skips it.</param>
    /// <exception cref="RedisException">Redis could not run the script; the caller must fail closed.</exception>
    /// <exception cref="RedisTimeoutException">Redis did not answer in time; the caller must fail closed.</exception>
    public async Task<RateLimitAnswer> AdmitAsync(
        GatewayCaller caller, RateLimitCounter[] counters, string promptSha256, int maxRepeats, long loopWindowMilliseconds, long nowMilliseconds)
    {
        var prefix = $"hub:rl:{{{caller.OrganizationId:N}}}:";
        var keys = new RedisKey[1 + counters.Length];
        var values = new RedisValue[FixedArguments + (2 * counters.Length)];
        keys[0] = $"{prefix}loop:{caller.KeyId:N}:{promptSha256}";
        values[0] = nowMilliseconds;
        values[1] = maxRepeats;
        values[2] = loopWindowMilliseconds;
        for (var i = 0; i < counters.Length; i++)
        {
            var counter = counters[i];
            var scope = counter.Scope == RateLimitScope.Key ? $"key:{caller.KeyId:N}" : $"project:{caller.ProjectId:N}";
            keys[1 + i] = $"{prefix}{scope}:{(counter.Kind == RateLimitKind.Requests ? "requests" : "tokens")}";
            values[FixedArguments + (2 * i)] = counter.Limit;
            values[FixedArguments + (2 * i) + 1] = counter.Cost;
        }

        var reply = (long[])(await redis.GetDatabase().ScriptEvaluateAsync(Script, keys, values))!;
        return Read(reply, counters.Length);
    }

    private static RateLimitAnswer Read(long[] reply, int counterCount)
    {
        var outcome = (AdmissionOutcome)reply[0];
        if (outcome == AdmissionOutcome.LoopDetected)
        {
            return new RateLimitAnswer(outcome, reply[1], []);
        }

        if (reply.Length != 1 + (3 * counterCount))
        {
            throw new RedisException(string.Create(CultureInfo.InvariantCulture, $"The rate limit script answered {reply.Length} values for {counterCount} counters."));
        }

        var states = new CounterState[counterCount];
        for (var i = 0; i < counterCount; i++)
        {
            states[i] = new CounterState(reply[1 + (3 * i)], reply[2 + (3 * i)], reply[3 + (3 * i)]);
        }

        return new RateLimitAnswer(outcome, 0, states);
    }
}

internal enum AdmissionOutcome
{
    Admitted = 0,
    Limited = 1,
    LoopDetected = 2,
}

/// <summary>What the store did with one request.</summary>
/// <param name="LoopWaitMilliseconds">For <see cref="AdmissionOutcome.LoopDetected"/>: until the oldest counted repeat leaves the window.</param>
/// <param name="Counters">One per counter, in the order given (empty for a loop).</param>
internal sealed record RateLimitAnswer(AdmissionOutcome Outcome, long LoopWaitMilliseconds, CounterState[] Counters);

/// <summary>One counter as the store left it.</summary>
/// <param name="Remaining">What could still pass now; negative when a lowered limit is below what is in the bucket.</param>
/// <param name="ResetMilliseconds">Until the bucket is empty again (OpenAI's <c>x-ratelimit-reset-*</c>).</param>
/// <param name="WaitMilliseconds">Until the refused amount fits; 0 when this counter would have admitted it.</param>
internal readonly record struct CounterState(long Remaining, long ResetMilliseconds, long WaitMilliseconds);
