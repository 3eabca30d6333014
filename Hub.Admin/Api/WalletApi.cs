using System.Security.Claims;
using Hub.Admin.Auth;
using Hub.Core.Billing;
using Microsoft.AspNetCore.Http.HttpResults;
using StackExchange.Redis;

namespace Hub.Admin.Api;

/// <summary>
/// <c>/admin/v1/wallet</c>: the organization's prepaid credits (1 USD = 1,000,000). A top-up is written
/// to the ledger first (the source of truth), then applied to the live balance in Redis, each exactly
/// once (<see cref="CreditScripts.ApplyTopUp"/>); if Redis is unreachable the next read or rebuild applies it.
/// </summary>
internal static partial class WalletApi
{
    /// <summary>The most one top-up may add: a billion USD, far beyond any real payment and far from overflow.</summary>
    private const long MaxTopUpCredits = 1_000_000_000 * Credits.PerUsd;

    public static RouteGroupBuilder MapWalletApi(this RouteGroupBuilder admin)
    {
        admin.MapGet("/wallet", GetAsync);
        admin.MapPost("/wallet/topups", TopUpAsync);
        return admin;
    }

    public static async Task<Ok<WalletResponse>> GetAsync(
        ClaimsPrincipal user, WalletRepository wallets, IConnectionMultiplexer redis, ILogger<WalletRepository> logger, CancellationToken cancellationToken)
    {
        var organizationId = user.OrganizationId();
        var live = await LiveAsync(organizationId, wallets, redis, logger, cancellationToken);
        if (live is not null)
        {
            return TypedResults.Ok(live);
        }

        var snapshot = await wallets.SnapshotAsync(organizationId, cancellationToken);
        return TypedResults.Ok(WalletResponse.Of(snapshot.Limit, snapshot.Used, held: 0));
    }

    public static async Task<Results<Created<WalletResponse>, ValidationProblem>> TopUpAsync(
        TopUpRequest body, ClaimsPrincipal user, WalletRepository wallets, IConnectionMultiplexer redis, TimeProvider time,
        ILogger<WalletRepository> logger, CancellationToken cancellationToken)
    {
        if (body.Credits is not (> 0 and <= MaxTopUpCredits))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["credits"] = [$"A whole number of credits from 1 to {MaxTopUpCredits} (1 USD = 1,000,000 credits)."] });
        }

        if (body.Note is { Length: > 500 })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["note"] = ["At most 500 characters."] });
        }

        var organizationId = user.OrganizationId();
        var (seq, balance) = await wallets.AddAsync(organizationId, body.Credits.Value, body.Note, time.GetUtcNow(), cancellationToken);
        var live = await LiveAsync(organizationId, wallets, redis, logger, cancellationToken);
        return TypedResults.Created($"/admin/v1/wallet/topups/{seq}", live ?? WalletResponse.Of(balance, 0, 0));
    }

    /// <summary>
    /// The live figures, after applying any top-up Redis has not seen yet (each applies once, so this
    /// is safe to repeat); null when the wallet is not in Redis (the first request loads it) or Redis is down.
    /// </summary>
    private static async Task<WalletResponse?> LiveAsync(
        Guid organizationId, WalletRepository wallets, IConnectionMultiplexer redis, ILogger logger, CancellationToken cancellationToken)
    {
        var key = CreditKeys.Wallet(organizationId);
        try
        {
            var database = redis.GetDatabase();
            var seq = await database.HashGetAsync(key, "seq");
            if (seq.IsNull)
            {
                return null;
            }

            foreach (var topUp in await wallets.TopUpsAfterAsync(organizationId, (long)seq, cancellationToken))
            {
                await database.ScriptEvaluateAsync(CreditScripts.ApplyTopUp, [key], [topUp.Seq, topUp.Credits]);
            }

            var figures = await database.HashGetAsync(key, ["limit", "used", "held"]);
            return WalletResponse.Of((long)figures[0], (long)figures[1], (long)figures[2]);
        }
        catch (RedisException ex)
        {
            Log.LiveBalanceUnavailable(logger, ex);
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.LiveBalanceUnavailable, EventName = nameof(LiveBalanceUnavailable), Level = LogLevel.Warning,
            Message = "The live wallet balance could not be read from Redis; answering from the ledger")]
        public static partial void LiveBalanceUnavailable(ILogger logger, Exception exception);
    }
}

/// <param name="Credits">Whole credits to add (1 USD = 1,000,000).</param>
/// <param name="Note">A reference for the ledger, such as an invoice number.</param>
public sealed record TopUpRequest(long? Credits, string? Note);

/// <param name="Balance">Paid in minus charged.</param>
/// <param name="Held">Set aside for requests in flight.</param>
/// <param name="Available">What new requests may spend: balance minus held.</param>
public sealed record WalletResponse(long Balance, long Held, long Available, decimal BalanceUsd, string Currency)
{
    public static WalletResponse Of(long limit, long used, long held) =>
        new(limit - used, held, limit - used - held, Credits.ToUsd(limit - used), "credits");
}
