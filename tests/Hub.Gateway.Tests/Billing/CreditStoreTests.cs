using Hub.Core.Billing;
using Hub.Gateway.Billing;
using Hub.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Hub.Gateway.Tests.Billing;

/// <summary>The credit store against the fixture's Redis and Postgres, with a clock the test moves.</summary>
public sealed class CreditStoreTests(GatewayFixture fixture)
{
    private static readonly ChargeRates Rates = new(new TokenPrice(1_000_000, 2_000_000), new TokenPrice(1_000_000, 2_000_000));

    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Hold_NeverSettled_ExpiresAndTheBalanceComesBack()
    {
        var tenant = await fixture.NewTenantAsync(walletCredits: 1_000);
        var store = Store();
        var wallet = new[] { CreditAccount.Wallet(tenant.OrganizationId) };

        var (hold, _) = await store.ReserveAsync(wallet, Rates, 100, 400, 16, "req_dead_gateway", TimeSpan.FromMinutes(15), Cancel);
        var (_, whileHeld) = await store.ReserveAsync(wallet, Rates, 100, 400, 16, "req_while_held", TimeSpan.FromMinutes(15), Cancel);
        time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromMilliseconds(1));
        var (afterExpiry, _) = await store.ReserveAsync(wallet, Rates, 100, 400, 16, "req_after_expiry", TimeSpan.FromMinutes(15), Cancel);

        Assert.Equal(900, hold!.Amounts[0]);
        Assert.Equal(100, whileHeld!.Available);
        Assert.Equal(900, afterExpiry!.Amounts[0]);
    }

    [Fact]
    public async Task Settle_TwiceForOneCorrelationId_ChargesOnce_AppendsOneEvent()
    {
        var tenant = await fixture.NewTenantAsync(walletCredits: 1_000);
        var store = Store();
        var (hold, _) = await store.ReserveAsync([CreditAccount.Wallet(tenant.OrganizationId)], Rates, 10, 10, 1, $"req_{Guid.NewGuid():N}", TimeSpan.FromMinutes(1), Cancel);
        var json = Hub.Core.Audit.AuditFeed.Serialize(AuditEventSamples.Completed(tenant.OrganizationId) with { CorrelationId = hold!.CorrelationId });

        var first = await store.SettleAsync(hold, 25, 25, json, time.GetUtcNow());
        var second = await store.SettleAsync(hold, 25, 25, json, time.GetUtcNow());

        Assert.True(first);
        Assert.False(second);
        Assert.Equal((1_000L, 25L, 0L), await fixture.WalletAsync(tenant.OrganizationId));
        var events = await CreditsArrange.Redis(fixture).StreamRangeAsync(Hub.Core.Audit.AuditFeed.Key, "-", "+");
        Assert.Single(events, entry => entry[Hub.Core.Audit.AuditFeed.EventField].ToString().Contains(hold.CorrelationId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TopUp_RacingARebuild_CountsExactlyOnce()
    {
        var tenant = await fixture.NewTenantAsync(walletCredits: 500);
        var store = Store();
        var wallet = CreditAccount.Wallet(tenant.OrganizationId);
        var wallets = new WalletRepository(fixture.Infrastructure.DataSource);

        // A top-up recorded after the wallet was loaded, applied by Admin and then met again by a reload: once.
        await store.ReserveAsync([wallet], Rates, 1, 1, 1, $"req_{Guid.NewGuid():N}", TimeSpan.FromMinutes(1), Cancel);
        var (seq, _) = await wallets.AddAsync(tenant.OrganizationId, 300, null, time.GetUtcNow(), Cancel);
        var applied = await CreditsArrange.Redis(fixture).ScriptEvaluateAsync(CreditScripts.ApplyTopUp, [wallet.Key], [seq, 300]);
        var again = await CreditsArrange.Redis(fixture).ScriptEvaluateAsync(CreditScripts.ApplyTopUp, [wallet.Key], [seq, 300]);
        await Loader().LoadAsync(wallet, time.GetUtcNow(), Cancel);

        Assert.Equal(1, (int)applied);
        Assert.Equal(0, (int)again);
        Assert.Equal(800, (await fixture.WalletAsync(tenant.OrganizationId))!.Value.Limit);
    }

    [Fact]
    public async Task TopUp_WhileTheWalletIsNotInRedis_FoundByTheRebuild()
    {
        var tenant = await fixture.NewTenantAsync(walletCredits: 500);
        var wallet = CreditAccount.Wallet(tenant.OrganizationId);
        var (seq, _) = await new WalletRepository(fixture.Infrastructure.DataSource).AddAsync(tenant.OrganizationId, 300, null, time.GetUtcNow(), Cancel);

        var applied = await CreditsArrange.Redis(fixture).ScriptEvaluateAsync(CreditScripts.ApplyTopUp, [wallet.Key], [seq, 300]);
        await Loader().LoadAsync(wallet, time.GetUtcNow(), Cancel);

        Assert.Equal(0, (int)applied);
        Assert.Equal((800L, 0L, 0L), await fixture.WalletAsync(tenant.OrganizationId));
    }

    private CreditStore Store() => new(fixture.Services.GetRequiredService<IConnectionMultiplexer>(), Loader(), time);

    private CreditAccountLoader Loader() => new(
        fixture.Services.GetRequiredService<IConnectionMultiplexer>(),
        new WalletRepository(fixture.Infrastructure.DataSource),
        new BudgetRepository(fixture.Infrastructure.DataSource),
        NullLogger<CreditAccountLoader>.Instance);
}
