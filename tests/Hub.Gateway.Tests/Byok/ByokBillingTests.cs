using Hub.Core.Billing;
using Hub.Core.Byok;
using Hub.Gateway.Tests.Billing;
using Hub.Gateway.Tests.Governance;
using Hub.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Gateway.Tests.Byok;

/// <summary>
/// A request on the organization's own key: the key goes upstream, the wallet is not charged, budgets
/// count the list price, and the response and audit event say <c>byok</c>.
/// </summary>
public sealed class ByokBillingTests(GatewayFixture fixture)
{
    /// <summary>The fake's usage for a text answer (19 prompt, 7 completion tokens) at the list price of unlisted models, 1 and 2 USD per million.</summary>
    private const long FakeAnswerListPrice = 19 + 14;

    /// <summary>The same at the managed price (30 % markup, rounded up per kind).</summary>
    private const long FakeAnswerManagedPrice = 25 + 19;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OwnKey_GoesUpstream_WalletUntouched_BudgetCountsListPrice()
    {
        var tenant = await fixture.NewTenantAsync();
        var budget = await fixture.SetBudgetAsync(tenant.OrganizationId, BudgetScopes.Project, tenant.ProjectId.ToString("D"), Credits.PerUsd);
        var key = fixture.NewOpenAIKey();
        var stored = await fixture.StoreKeyAsync(tenant.OrganizationId, "fake", new ByokCredentials(ApiKey: key));
        using var client = fixture.CreateClient(tenant.ProjectKey);
        var marker = Guid.NewGuid().ToString("N");

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(CreditsArrange.Chat(marker)), Cancel);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("byok", Assert.Single(response.Headers.GetValues("x-hub-billing")));
        Assert.Equal(key, fixture.BearerSeenFor(marker));
        Assert.Equal((TestTenant.DefaultWalletCredits, 0L, 0L), await fixture.WalletAsync(tenant.OrganizationId));
        var (_, auditEvent) = await fixture.AuditEventAsync(OpenAIAssert.CorrelationId(response));
        Assert.Equal(BillingModes.Byok, auditEvent.Billing);
        Assert.Equal(stored.Id, auditEvent.ByokKeyId);
        Assert.Equal(FakeAnswerListPrice, auditEvent.CostMicros);
        Assert.Equal(new LedgerCharge(0, FakeAnswerListPrice, BillingModes.Byok), auditEvent.Charge);

        await fixture.StoreAuditEventsAsync(tenant.OrganizationId);
        var (start, end) = BudgetPeriods.Window(budget.Period, DateTimeOffset.UtcNow, TimeZoneInfo.Utc);
        var spent = await fixture.Services.GetRequiredService<BudgetRepository>().SpentAsync(budget, budget.ScopeId, start, end, Cancel);
        Assert.Equal(FakeAnswerListPrice, spent);
    }

    [Fact]
    public async Task WithoutOwnKey_SameRequestIsManaged_AndChargesTheWallet()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);
        var marker = Guid.NewGuid().ToString("N");

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(CreditsArrange.Chat(marker)), Cancel);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("managed", Assert.Single(response.Headers.GetValues("x-hub-billing")));
        Assert.Equal(Hub.Testing.FakeOpenAIUpstream.ApiKey, fixture.BearerSeenFor(marker));
        Assert.Equal((TestTenant.DefaultWalletCredits, FakeAnswerManagedPrice, 0L), await fixture.WalletAsync(tenant.OrganizationId));
        var (_, auditEvent) = await fixture.AuditEventAsync(OpenAIAssert.CorrelationId(response));
        Assert.Equal(BillingModes.Managed, auditEvent.Billing);
        Assert.Null(auditEvent.ByokKeyId);
    }

    [Fact]
    public async Task EmptyWallet_ManagedRefused402_OwnKeyStillServed()
    {
        var tenant = await fixture.NewTenantAsync(walletCredits: 0);
        using var client = fixture.CreateClient(tenant.ProjectKey);

        using var managed = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(CreditsArrange.Chat("managed", model: "listed/fake-model")), Cancel);
        await fixture.StoreKeyAsync(tenant.OrganizationId, "fake", new ByokCredentials(ApiKey: fixture.NewOpenAIKey()));
        using var byok = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(CreditsArrange.Chat("byok")), Cancel);

        await WalletTests.PaymentRequiredAsync(managed, "insufficient_balance");
        Assert.Equal(200, (int)byok.StatusCode);
        Assert.Equal("byok", Assert.Single(byok.Headers.GetValues("x-hub-billing")));
        Assert.Equal((0L, 0L, 0L), await fixture.WalletAsync(tenant.OrganizationId));
    }

    [Fact]
    public async Task BudgetTooSmall_RefusesOwnKeyRequestsToo()
    {
        var tenant = await fixture.NewTenantAsync();
        await fixture.SetBudgetAsync(tenant.OrganizationId, BudgetScopes.Project, tenant.ProjectId.ToString("D"), 10);
        await fixture.StoreKeyAsync(tenant.OrganizationId, "fake", new ByokCredentials(ApiKey: fixture.NewOpenAIKey()));
        using var client = fixture.CreateClient(tenant.ProjectKey);
        var marker = Guid.NewGuid().ToString("N");

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(CreditsArrange.Chat(marker)), Cancel);

        await WalletTests.PaymentRequiredAsync(response, "budget_exceeded");
        Assert.DoesNotContain(fixture.Upstream.Requests, request => request.BodyText.Contains(marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnpricedModel_RefusedManaged_ServedOnOwnKeyAtNoCharge()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);

        using var managed = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(CreditsArrange.Chat("unpriced", model: "unpriced/fake-model")), Cancel);
        await fixture.StoreKeyAsync(tenant.OrganizationId, "unpriced", new ByokCredentials(ApiKey: fixture.NewOpenAIKey()));
        using var byok = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(CreditsArrange.Chat("unpriced", model: "unpriced/fake-model")), Cancel);

        Assert.Equal(403, (int)managed.StatusCode);
        Assert.Equal(200, (int)byok.StatusCode);
        var (_, auditEvent) = await fixture.AuditEventAsync(OpenAIAssert.CorrelationId(byok));
        Assert.Equal(new LedgerCharge(0, 0, BillingModes.Byok), auditEvent.Charge);
    }
}
