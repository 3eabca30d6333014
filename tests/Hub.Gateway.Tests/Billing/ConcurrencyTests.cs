using Hub.Core.Billing;
using Hub.Testing;

namespace Hub.Gateway.Tests.Billing;

/// <summary>
/// The guarantee competitors lack: 500 requests at once, spread over three gateway instances sharing
/// Redis and Postgres, against a wallet or budget that pays for exactly 100. At most 100 are served,
/// nothing is overspent, and the ledger agrees with the live balance to the credit.
/// </summary>
public sealed class ConcurrencyTests(GatewayFixture fixture) : IAsyncLifetime
{
    private const int Affordable = 100;
    private const int Attempts = 500;

    private readonly List<SideGateway> extraGateways = [];
    private readonly List<Uri> gatewayUrls = [];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        gatewayUrls.Add(fixture.GatewayUrl);
        for (var i = 0; i < 2; i++)
        {
            var gateway = SideGateway.Start(fixture);
            extraGateways.Add(gateway);
            gatewayUrls.Add(gateway.Url);
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var gateway in extraGateways)
        {
            await gateway.DisposeAsync();
        }
    }

    [Fact]
    public async Task Wallet_PaysForExactly100_500ConcurrentOnThreeGateways_NoOvershoot()
    {
        var hold = await new BudgetTests(fixture).HoldOfOneTokenRequestAsync();
        var tenant = await fixture.NewTenantAsync(walletCredits: Affordable * hold);

        var served = await FireAsync(tenant);

        Assert.Equal(Affordable, served);
        await AssertBalancedAsync(tenant, Affordable * hold, served * hold);
        Assert.Equal((Affordable * hold, Affordable * hold, 0L), await fixture.WalletAsync(tenant.OrganizationId));
    }

    [Fact]
    public async Task ProjectBudget_PaysForExactly100_500ConcurrentOnThreeGateways_NoOvershoot()
    {
        var hold = await new BudgetTests(fixture).HoldOfOneTokenRequestAsync();
        var tenant = await fixture.NewTenantAsync();
        var budget = await fixture.SetBudgetAsync(tenant.OrganizationId, BudgetScopes.Project, tenant.ProjectId.ToString("D"), Affordable * hold);

        var served = await FireAsync(tenant);

        Assert.Equal(Affordable, served);
        await AssertBalancedAsync(tenant, TestTenant.DefaultWalletCredits, served * hold);
        var spent = await new BudgetRepository(fixture.Infrastructure.DataSource).SpentAsync(
            budget, budget.ScopeId, DateTimeOffset.UnixEpoch, null, Cancel);
        Assert.Equal(Affordable * hold, spent);
    }

    /// <summary>Sends <see cref="Attempts"/> one-token requests at once, round-robin over the gateways; every answer is 200 or 402.</summary>
    private async Task<int> FireAsync(TestTenant tenant)
    {
        var clients = gatewayUrls.Select(url =>
        {
            var client = new HttpClient { BaseAddress = url };
            client.DefaultRequestHeaders.Authorization = new("Bearer", tenant.ProjectKey);
            return client;
        }).ToList();
        using var start = new SemaphoreSlim(0);
        var requests = Enumerable.Range(0, Attempts).Select(async i =>
        {
            await start.WaitAsync(Cancel);
            using var response = await clients[i % clients.Count].PostAsync("/v1/chat/completions", OpenAIAssert.Json(BudgetTests.OneToken()), Cancel);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(Cancel));
        }).ToList();
        start.Release(Attempts);
        var statuses = await Task.WhenAll(requests);
        clients.ForEach(client => client.Dispose());

        Assert.All(statuses, answer => Assert.True(answer.Item1 is 200 or 402, $"Unexpected status {answer.Item1}: {answer.Item2}"));
        return statuses.Count(answer => answer.Item1 == 200);
    }

    /// <summary>After settlement: no hold left, and the ledger (the audit events stored as Admin stores them) matches Redis to the credit.</summary>
    private async Task AssertBalancedAsync(TestTenant tenant, long topUps, long charges)
    {
        var live = await fixture.WalletAsync(tenant.OrganizationId);
        Assert.Equal((topUps, charges, 0L), live);
        Assert.True(live!.Value.Limit - live.Value.Used >= 0, "The balance went below zero.");

        await fixture.StoreAuditEventsAsync(tenant.OrganizationId);
        var ledger = await new WalletRepository(fixture.Infrastructure.DataSource).SnapshotAsync(tenant.OrganizationId, Cancel);
        Assert.Equal(topUps, ledger.Limit);
        Assert.Equal(charges, ledger.Used);
        Assert.Equal(topUps, ledger.Balance + ledger.Used);
    }
}
