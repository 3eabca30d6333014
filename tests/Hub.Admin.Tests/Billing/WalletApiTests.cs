using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.Core.Billing;
using Hub.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Hub.Admin.Tests.Billing;

public sealed class WalletApiTests(AdminFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TopUp_RecordedInTheLedger_BalanceAnswered()
    {
        var tenant = await TestTenant.CreateAsync(fixture.Infrastructure.DataSource, Cancel, walletCredits: 0);
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var created = await client.PostAsJsonAsync("/admin/v1/wallet/topups", new { credits = 2_500_000, note = "invoice 17" }, Cancel);
        var wallet = await client.GetFromJsonAsync<JsonElement>("/admin/v1/wallet", Cancel);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(2_500_000, body.RootElement.GetProperty("balance").GetInt64());
        Assert.Equal(2_500_000, wallet.GetProperty("balance").GetInt64());
        Assert.Equal(2_500_000, wallet.GetProperty("available").GetInt64());
        Assert.Equal(2.5m, wallet.GetProperty("balance_usd").GetDecimal());
        Assert.Equal("credits", wallet.GetProperty("currency").GetString());
        var ledger = await new WalletRepository(fixture.Infrastructure.DataSource).SnapshotAsync(tenant.OrganizationId, Cancel);
        Assert.Equal(2_500_000, ledger.Balance);
    }

    [Fact]
    public async Task TopUp_WhenTheWalletIsLive_AppliedToRedisOnce()
    {
        var tenant = await TestTenant.CreateAsync(fixture.Infrastructure.DataSource, Cancel, walletCredits: 1_000);
        var redis = fixture.Factory.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var snapshot = await new WalletRepository(fixture.Infrastructure.DataSource).SnapshotAsync(tenant.OrganizationId, Cancel);
        var key = CreditKeys.Wallet(tenant.OrganizationId);
        await redis.ScriptEvaluateAsync(CreditScripts.Load, [key], [snapshot.Limit, snapshot.Used, snapshot.TopUpSeq, 0]);
        await redis.HashSetAsync(key, "held", 300);
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var created = await client.PostAsJsonAsync("/admin/v1/wallet/topups", new { credits = 500 }, Cancel);
        var wallet = await client.GetFromJsonAsync<JsonElement>("/admin/v1/wallet", Cancel);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(1_500, (long)await redis.HashGetAsync(key, "limit"));
        Assert.Equal(1_500, wallet.GetProperty("balance").GetInt64());
        Assert.Equal(300, wallet.GetProperty("held").GetInt64());
        Assert.Equal(1_200, wallet.GetProperty("available").GetInt64());
    }

    [Theory]
    [InlineData("""{"credits":0}""")]
    [InlineData("""{"credits":-5}""")]
    [InlineData("""{"credits":1000000000000000001}""")]
    [InlineData("""{}""")]
    public async Task TopUp_InvalidAmount_400(string body)
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.AdminToken);

        using var response = await client.PostAsync("/admin/v1/wallet/topups", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Wallet_IsTheCallersOrganizationsOnly()
    {
        var mine = await TestTenant.CreateAsync(fixture.Infrastructure.DataSource, Cancel, walletCredits: 7);
        var theirs = await TestTenant.CreateAsync(fixture.Infrastructure.DataSource, Cancel, walletCredits: 9_000);
        using var client = fixture.CreateClient(mine.AdminToken);

        var wallet = await client.GetFromJsonAsync<JsonElement>("/admin/v1/wallet", Cancel);
        using var anonymous = fixture.CreateClient(null);
        using var refused = await anonymous.GetAsync("/admin/v1/wallet", Cancel);

        Assert.Equal(7, wallet.GetProperty("balance").GetInt64());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.NotEqual(mine.OrganizationId, theirs.OrganizationId);
    }
}
