namespace Hub.Core.Billing;

/// <summary>
/// The Lua scripts that move credits in Redis (account layout in <see cref="CreditKeys"/>). Each runs
/// atomically, which is what makes a hold impossible to overspend under any concurrency and across
/// gateway instances. Integers are formatted with <c>%d</c> before they reach Redis: Lua's default
/// number format would write large values in exponent notation.
/// </summary>
public static class CreditScripts
{
    /// <summary>
    /// Reserve. KEYS: n accounts, then their n expiry sets. ARGV: now (ms), hold expiry (ms), correlation id,
    /// requested output tokens, minimum output tokens, then per account: limit (−1: the stored one),
    /// prompt cost (credits), output price (credits per million tokens).
    /// Returns {1, granted output tokens, hold 1, …, hold n}; {0, account index, available} when an account
    /// cannot pay for the prompt plus the minimum output; {−1, account index} when an account is missing
    /// (rebuild it, then retry); {−2, account index} when the correlation id already holds credits.
    /// Expired holds are released first, so a hold whose gateway died returns to the balance by itself.
    /// </summary>
    public const string Reserve = """
        local n = #KEYS / 2
        local now = tonumber(ARGV[1])
        local field = 'h:' .. ARGV[3]
        local requested = tonumber(ARGV[4])
        local minimum = tonumber(ARGV[5])
        local granted = requested
        for i = 1, n do
          local key = KEYS[i]
          if redis.call('EXISTS', key) == 0 then return {-1, i} end
          local expired = redis.call('ZRANGEBYSCORE', KEYS[n + i], '-inf', now, 'LIMIT', 0, 100)
          for _, corr in ipairs(expired) do
            local amount = redis.call('HGET', key, 'h:' .. corr)
            if amount then
              redis.call('HINCRBY', key, 'held', string.format('%d', -tonumber(amount)))
              redis.call('HDEL', key, 'h:' .. corr)
            end
            redis.call('ZREM', KEYS[n + i], corr)
          end
          if redis.call('HEXISTS', key, field) == 1 then return {-2, i} end
          local base = 5 + (i - 1) * 3
          local limit = tonumber(ARGV[base + 1])
          if limit < 0 then
            limit = tonumber(redis.call('HGET', key, 'limit') or '0')
          else
            redis.call('HSET', key, 'limit', ARGV[base + 1])
          end
          local available = limit - tonumber(redis.call('HGET', key, 'used') or '0') - tonumber(redis.call('HGET', key, 'held') or '0')
          local prompt = tonumber(ARGV[base + 2])
          local rate = tonumber(ARGV[base + 3])
          local fits = requested
          if available < prompt then
            fits = -1
          elseif rate > 0 then
            fits = math.floor((available - prompt) * 1000000 / rate)
          end
          if fits < minimum then return {0, i, available} end
          if fits < granted then granted = fits end
        end
        local result = {1, granted}
        for i = 1, n do
          local base = 5 + (i - 1) * 3
          local amount = tonumber(ARGV[base + 2]) + math.floor((granted * tonumber(ARGV[base + 3]) + 999999) / 1000000)
          redis.call('HINCRBY', KEYS[i], 'held', string.format('%d', amount))
          redis.call('HSET', KEYS[i], field, string.format('%d', amount))
          redis.call('ZADD', KEYS[n + i], ARGV[2], ARGV[3])
          local ttl = redis.call('PTTL', KEYS[i])
          if ttl > 0 then redis.call('PEXPIRE', KEYS[n + i], ttl) end
          result[i + 2] = amount
        end
        return result
        """;

    /// <summary>
    /// Settle, once per correlation id. KEYS: n accounts, n expiry sets, the settled marker, the audit
    /// stream, the budget alert stream. ARGV: correlation id, the audit event JSON, marker lifetime (s),
    /// then per account: cost (credits), alert thresholds (comma-separated percentages, empty for none),
    /// the alert JSON up to its last two fields (<c>{…,</c>).
    /// Releases each hold, charges the cost, fires each threshold the charge crosses, and appends the
    /// audit event, all or nothing. An account Redis has lost is skipped: its rebuild reads the ledger.
    /// Returns 1, or 0 when the correlation id was settled before (nothing is done again).
    /// </summary>
    public const string Settle = """
        local n = (#KEYS - 3) / 2
        if not redis.call('SET', KEYS[2 * n + 1], '1', 'NX', 'EX', ARGV[3]) then return 0 end
        local field = 'h:' .. ARGV[1]
        for i = 1, n do
          local key = KEYS[i]
          if redis.call('EXISTS', key) == 1 then
            local held = redis.call('HGET', key, field)
            if held then
              redis.call('HINCRBY', key, 'held', string.format('%d', -tonumber(held)))
              redis.call('HDEL', key, field)
            end
            redis.call('ZREM', KEYS[n + i], ARGV[1])
            local base = 3 + (i - 1) * 3
            local cost = tonumber(ARGV[base + 1])
            local after = redis.call('HINCRBY', key, 'used', string.format('%d', cost))
            if cost > 0 and ARGV[base + 2] ~= '' then
              local limit = tonumber(redis.call('HGET', key, 'limit') or '0')
              local before = after - cost
              for threshold in string.gmatch(ARGV[base + 2], '%d+') do
                local mark = tonumber(threshold) * limit
                if before * 100 < mark and after * 100 >= mark then
                  if threshold == '100' then redis.call('HSET', key, 'exhausted', '1') end
                  redis.call('XADD', KEYS[2 * n + 3], '*', 'alert',
                    ARGV[base + 3] .. '"threshold":' .. threshold .. ',"spent_credits":' .. string.format('%d', after) .. '}')
                end
              end
            end
          end
        end
        redis.call('XADD', KEYS[2 * n + 2], '*', 'event', ARGV[2])
        return 1
        """;

    /// <summary>
    /// A budget refused a request: report it exhausted, once per period. KEYS: the budget account, the
    /// budget alert stream. ARGV: the alert JSON up to its last two fields. Its spend never reaches the
    /// amount exactly (every hold must fit), so this is when its 100 % alert fires if nothing crossed it.
    /// Returns 1 when the alert was appended, 0 when the account was reported before.
    /// </summary>
    public const string Exhausted = """
        if redis.call('HSETNX', KEYS[1], 'exhausted', '1') == 0 then return 0 end
        local used = tonumber(redis.call('HGET', KEYS[1], 'used') or '0')
        redis.call('XADD', KEYS[2], '*', 'alert', ARGV[1] .. '"threshold":100,"spent_credits":' .. string.format('%d', used) .. '}')
        return 1
        """;

    /// <summary>
    /// Rebuild an account Redis does not have. KEYS: the account. ARGV: limit, used, last top-up seq,
    /// lifetime in seconds (0: none). Does nothing if the account exists (another gateway was first).
    /// </summary>
    public const string Load = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        redis.call('HSET', KEYS[1], 'limit', ARGV[1], 'used', ARGV[2], 'held', '0', 'seq', ARGV[3])
        if tonumber(ARGV[4]) > 0 then redis.call('EXPIRE', KEYS[1], ARGV[4]) end
        return 1
        """;

    /// <summary>
    /// Apply a top-up recorded in the ledger. KEYS: the wallet. ARGV: its ledger seq, credits. Does nothing
    /// when the wallet is not in Redis (its rebuild will read the top-up), when a rebuild already included
    /// it (seq), or when it was applied before: each top-up counts exactly once.
    /// </summary>
    public const string ApplyTopUp = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        if tonumber(redis.call('HGET', KEYS[1], 'seq') or '0') >= tonumber(ARGV[1]) then return 0 end
        if redis.call('HSETNX', KEYS[1], 't:' .. ARGV[1], '1') == 0 then return 0 end
        redis.call('HINCRBY', KEYS[1], 'limit', ARGV[2])
        return 1
        """;
}
