using System.Globalization;
using Hub.Core.Billing;
using StackExchange.Redis;

namespace Hub.Gateway.Billing;

/// <summary>
/// Holds and settlements against the live figures in Redis (<see cref="CreditScripts"/>): one atomic
/// script each, so no number of concurrent requests on any number of gateways can spend a credit
/// twice. An account Redis does not have is rebuilt from Postgres first (<see cref="CreditAccountLoader"/>).
/// </summary>
internal sealed class CreditStore(IConnectionMultiplexer redis, CreditAccountLoader loader, TimeProvider time)
{
    /// <summary>How long a settled correlation id is remembered, so a repeated settlement is recognised.</summary>
    private const int SettledMarkerSeconds = 7 * 24 * 3600;

    /// <summary>Rebuilds per reservation: an account can only go missing again if Redis is flushed in between.</summary>
    private const int MaxLoads = 4;

    /// <exception cref="RedisException">Redis cannot be reached: the caller fails closed.</exception>
    /// <exception cref="Npgsql.NpgsqlException">An account had to be rebuilt and Postgres cannot be reached.</exception>
    public async Task<(CreditHold? Hold, CreditShortfall? Shortfall)> ReserveAsync(
        IReadOnlyList<CreditAccount> accounts, ChargeRates rates, int promptTokens, int requestedOutput, int minimumOutput,
        string correlationId, TimeSpan holdFor, CancellationToken cancellationToken)
    {
        var keys = new RedisKey[accounts.Count * 2];
        var values = new RedisValue[5 + (accounts.Count * 3)];
        for (var i = 0; i < accounts.Count; i++)
        {
            var price = rates.For(accounts[i]);
            keys[i] = accounts[i].Key;
            keys[accounts.Count + i] = accounts[i].ExpiryKey;
            values[5 + (i * 3)] = accounts[i].Budget?.AmountCredits ?? -1;
            values[6 + (i * 3)] = Credits.ForTokens(promptTokens, price.InputPerMillion);
            values[7 + (i * 3)] = price.OutputPerMillion;
        }

        values[2] = correlationId;
        values[3] = requestedOutput;
        values[4] = Math.Min(minimumOutput, requestedOutput);
        for (var attempt = 0; ; attempt++)
        {
            var now = time.GetUtcNow();
            values[0] = now.ToUnixTimeMilliseconds();
            values[1] = (now + holdFor).ToUnixTimeMilliseconds();
            var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(CreditScripts.Reserve, keys, values))!;
            var status = (int)result[0];
            if (status == 1)
            {
                var granted = (int)result[1];
                var amounts = new long[accounts.Count];
                for (var i = 0; i < amounts.Length; i++)
                {
                    amounts[i] = (long)result[i + 2];
                }

                return (new CreditHold(correlationId, accounts, amounts, rates, promptTokens, granted), null);
            }

            var account = accounts[(int)result[1] - 1];
            if (status == 0)
            {
                if (account.Budget is { } budget && budget.AlertThresholds.Contains(100))
                {
                    await redis.GetDatabase().ScriptEvaluateAsync(
                        CreditScripts.Exhausted, [account.Key, Hub.Core.Billing.Alerts.BudgetAlertFeed.Key], [BudgetAlertPrefix.Of(account, now)]);
                }

                var price = rates.For(account);
                return (null, new CreditShortfall(account, (long)result[2], price.CostOf(promptTokens, requestedOutput)));
            }

            if (status != -1 || attempt == MaxLoads)
            {
                throw new InvalidOperationException($"Credits could not be reserved for {correlationId} (reservation status {status}).");
            }

            await loader.LoadAsync(account, now, cancellationToken);
        }
    }

    /// <summary>
    /// Charges what the request cost, releases the rest of its holds, fires the budget alerts the charge
    /// crosses, and appends its audit event — in one step, once per correlation id.
    /// </summary>
    /// <returns>False when this correlation id was settled before (nothing changed).</returns>
    /// <exception cref="RedisException">Redis cannot be reached: the caller retries later (the step is idempotent).</exception>
    public async Task<bool> SettleAsync(CreditHold hold, long walletCost, long spendCost, string auditEventJson, DateTimeOffset now)
    {
        var accounts = hold.Accounts;
        var keys = new RedisKey[(accounts.Count * 2) + 3];
        var values = new RedisValue[3 + (accounts.Count * 3)];
        for (var i = 0; i < accounts.Count; i++)
        {
            keys[i] = accounts[i].Key;
            keys[accounts.Count + i] = accounts[i].ExpiryKey;
            values[3 + (i * 3)] = accounts[i].Budget is null ? walletCost : spendCost;
            values[4 + (i * 3)] = accounts[i].Budget is { } budget ? string.Join(',', budget.AlertThresholds) : string.Empty;
            values[5 + (i * 3)] = accounts[i].Budget is null ? string.Empty : BudgetAlertPrefix.Of(accounts[i], now);
        }

        keys[accounts.Count * 2] = CreditKeys.Settled(accounts[0].OrganizationId, hold.CorrelationId);
        keys[(accounts.Count * 2) + 1] = Hub.Core.Audit.AuditFeed.Key;
        keys[(accounts.Count * 2) + 2] = Hub.Core.Billing.Alerts.BudgetAlertFeed.Key;
        values[0] = hold.CorrelationId;
        values[1] = auditEventJson;
        values[2] = SettledMarkerSeconds.ToString(CultureInfo.InvariantCulture);
        return (int)(await redis.GetDatabase().ScriptEvaluateAsync(CreditScripts.Settle, keys, values)) == 1;
    }
}
