using Hub.Core.Billing;
using Hub.Testing;

namespace Hub.Gateway.Tests.Billing;

/// <summary>Budgets per organization, project, key and end user, enforced by the same holds as the wallet.</summary>
public sealed class BudgetTests(GatewayFixture fixture)
{
    /// <summary>The fake's text answer at the managed price (19 prompt, 7 completion tokens).</summary>
    private const long FakeAnswerCost = 44;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ProjectBudgetTooSmall_402NamesTheBudget_WalletUntouched()
    {
        var tenant = await fixture.NewTenantAsync();
        var budget = await fixture.SetBudgetAsync(tenant.OrganizationId, BudgetScopes.Project, tenant.ProjectId.ToString("D"), credits: 20);
        using var client = fixture.CreateClient(tenant.ProjectKey);

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(CreditsArrange.Chat("budget", ",\"max_tokens\":100")), Cancel);

        var error = await WalletTests.PaymentRequiredAsync(response, "budget_exceeded");
        var named = error.GetProperty("budget");
        Assert.Equal(budget.Id, named.GetProperty("id").GetGuid());
        Assert.Equal("project", named.GetProperty("scope").GetString());
        Assert.Equal(tenant.ProjectId.ToString("D"), named.GetProperty("scope_id").GetString());
        Assert.Equal("monthly", named.GetProperty("period").GetString());
        Assert.Equal(20, named.GetProperty("amount").GetInt64());
        Assert.Equal(20, error.GetProperty("available").GetInt64());
        Assert.StartsWith("Budget exceeded: the project budget (monthly, 0.00 USD) has 20 credits left", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal((TestTenant.DefaultWalletCredits, 0L, 0L), await fixture.WalletAsync(tenant.OrganizationId));
    }

    [Fact]
    public async Task OrganizationBudget_CountsManagedSpend_RefusesOnceSpent()
    {
        var tenant = await fixture.NewTenantAsync();
        var hold = await HoldOfOneTokenRequestAsync();
        await fixture.SetBudgetAsync(tenant.OrganizationId, BudgetScopes.Organization, tenant.OrganizationId.ToString("D"), credits: 3 * hold, BudgetPeriods.Daily);
        using var client = fixture.CreateClient(tenant.ProjectKey);

        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OneToken()), Cancel);
            statuses.Add((int)response.StatusCode);
        }

        // Each answer costs more than its one-token hold, so each is charged exactly the hold (never more).
        Assert.Equal([200, 200, 200, 402], statuses);
        Assert.Equal((TestTenant.DefaultWalletCredits, 3 * hold, 0L), await fixture.WalletAsync(tenant.OrganizationId));
    }

    [Fact]
    public async Task KeyBudget_AppliesToThatKeyOnly()
    {
        var tenant = await fixture.NewTenantAsync();
        var other = await tenant.Keys.IssueAsync(tenant.OrganizationId, tenant.ProjectId, Hub.Core.Keys.ApiKeyKind.Project, "other", null, Cancel);
        await fixture.SetBudgetAsync(tenant.OrganizationId, BudgetScopes.Key, other.Record.Id.ToString("D"), credits: 1);
        using var limited = fixture.CreateClient(other.Key);
        using var free = fixture.CreateClient(tenant.ProjectKey);

        using var refused = await limited.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OneToken()), Cancel);
        using var accepted = await free.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OneToken()), Cancel);

        Assert.Equal("key", (await WalletTests.PaymentRequiredAsync(refused, "budget_exceeded")).GetProperty("budget").GetProperty("scope").GetString());
        Assert.Equal(200, (int)accepted.StatusCode);
    }

    [Fact]
    public async Task EveryUserBudget_CapsEachEndUserSeparately_FromBodyOrHeader()
    {
        var tenant = await fixture.NewTenantAsync();
        var hold = await HoldOfOneTokenRequestAsync();
        await fixture.SetBudgetAsync(tenant.OrganizationId, BudgetScopes.User, Budget.EveryUser, credits: hold);
        using var client = fixture.CreateClient(tenant.ProjectKey);

        using var aliceFirst = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OneToken(",\"user\":\"alice\"")), Cancel);
        using var aliceAgain = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OneToken(",\"safety_identifier\":\"alice\"")), Cancel);
        using var bobRequest = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = OpenAIAssert.Json(OneToken()) };
        bobRequest.Headers.Add("x-hub-user", "bob");
        using var bob = await client.SendAsync(bobRequest, Cancel);
        using var nobody = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OneToken()), Cancel);

        Assert.Equal(200, (int)aliceFirst.StatusCode);
        var refused = await WalletTests.PaymentRequiredAsync(aliceAgain, "budget_exceeded");
        Assert.Equal("*", refused.GetProperty("budget").GetProperty("scope_id").GetString());
        Assert.Equal(200, (int)bob.StatusCode);
        Assert.Equal(200, (int)nobody.StatusCode);
    }

    [Fact]
    public async Task Alerts_EachThresholdOncePerPeriod_WithTheSpendThatCrossedIt()
    {
        var tenant = await fixture.NewTenantAsync();
        var hold = await HoldOfOneTokenRequestAsync();
        var budget = await fixture.SetBudgetAsync(tenant.OrganizationId, BudgetScopes.Project, tenant.ProjectId.ToString("D"), credits: 10 * hold);
        using var client = fixture.CreateClient(tenant.ProjectKey);

        for (var i = 0; i < 12; i++)
        {
            using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OneToken()), Cancel);
            Assert.Equal(i < 10 ? 200 : 402, (int)response.StatusCode);
        }

        var alerts = await fixture.AlertsAsync(budget.Id);
        Assert.Equal([50, 80, 100], alerts.Select(a => a.Threshold));
        Assert.Equal([5 * hold, 8 * hold, 10 * hold], alerts.Select(a => a.SpentCredits));
        Assert.True(alerts.All(a => a.PeriodStart.Second == 0));
        var first = alerts[0];
        Assert.Equal(tenant.OrganizationId, first.OrganizationId);
        Assert.Equal("project", first.Scope);
        Assert.Equal(tenant.ProjectId.ToString("D"), first.Subject);
        Assert.Equal(10 * hold, first.AmountCredits);
        Assert.Equal("monthly", first.Period);
        Assert.Equal(1, first.PeriodStart.Day);
    }

    [Fact]
    public async Task Alerts_BudgetRefusesBeforeItIsFullySpent_100PercentFiresOnce()
    {
        var tenant = await fixture.NewTenantAsync();
        var hold = await HoldOfOneTokenRequestAsync();
        var budget = await fixture.SetBudgetAsync(tenant.OrganizationId, BudgetScopes.Project, tenant.ProjectId.ToString("D"), credits: (2 * hold) + (hold / 2));
        using var client = fixture.CreateClient(tenant.ProjectKey);

        var statuses = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OneToken()), Cancel);
            statuses.Add((int)response.StatusCode);
        }

        var alerts = await fixture.AlertsAsync(budget.Id);
        Assert.Equal([200, 200, 402, 402, 402], statuses);
        Assert.Equal([50, 80, 100], alerts.Select(a => a.Threshold));
        Assert.Equal(2 * hold, alerts[^1].SpentCredits);
    }

    [Fact]
    public async Task BudgetRaised_AppliesFromTheNextRequest()
    {
        var tenant = await fixture.NewTenantAsync();
        await fixture.SetBudgetAsync(tenant.OrganizationId, BudgetScopes.Project, tenant.ProjectId.ToString("D"), credits: 1);
        using var client = fixture.CreateClient(tenant.ProjectKey);
        using var refused = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OneToken()), Cancel);

        await fixture.SetBudgetAsync(tenant.OrganizationId, BudgetScopes.Project, tenant.ProjectId.ToString("D"), credits: 1_000_000);

        Assert.Equal(402, (int)refused.StatusCode);
        await Eventually.Until(
            async () =>
            {
                using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OneToken()), Cancel);
                return (int)response.StatusCode;
            },
            status => status == 200,
            "the raised budget to apply");
    }

    /// <summary>A request whose answer (19 + 7 tokens) costs more than its hold: it is charged exactly the hold. Always the same text, so always the same hold.</summary>
    internal static string OneToken(string extra = "") => CreditsArrange.Chat("0000", ",\"max_tokens\":1" + extra);

    /// <summary>The hold of <see cref="OneToken"/>, read off the 402 of an organization with an empty wallet.</summary>
    internal async Task<long> HoldOfOneTokenRequestAsync()
    {
        var empty = await fixture.NewTenantAsync(walletCredits: 0);
        using var client = fixture.CreateClient(empty.ProjectKey);
        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OneToken()), Cancel);
        var hold = (await WalletTests.PaymentRequiredAsync(response, "insufficient_balance")).GetProperty("required").GetInt64();
        Assert.True(hold < FakeAnswerCost, "The one-token request must hold less than its answer costs.");
        return hold;
    }
}
