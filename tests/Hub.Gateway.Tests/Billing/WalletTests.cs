using System.Text.Json;
using Hub.Core.Billing;
using Hub.Gateway.Tests.Governance;
using Hub.Testing;

namespace Hub.Gateway.Tests.Billing;

/// <summary>The wallet through the real gateway: 402 before anything is sent, the output cap, settlement at the real cost.</summary>
public sealed class WalletTests(GatewayFixture fixture)
{
    /// <summary>The fake's usage for a text answer: 19 prompt and 7 completion tokens.</summary>
    private const long FakeAnswerCost = 25 + 19;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EmptyWallet_402WithBalanceAndEstimate_NothingSent()
    {
        var tenant = await fixture.NewTenantAsync(walletCredits: 0);
        using var client = fixture.CreateClient(tenant.ProjectKey);
        var marker = Guid.NewGuid().ToString("N");

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(CreditsArrange.Chat(marker, ",\"max_tokens\":100")), Cancel);

        var error = await PaymentRequiredAsync(response, "insufficient_balance");
        var required = error.GetProperty("required").GetInt64();
        Assert.Equal(0, error.GetProperty("balance").GetInt64());
        Assert.Equal("credits", error.GetProperty("currency").GetString());
        Assert.Equal(OpenAIAssert.CorrelationId(response), error.GetProperty("correlation_id").GetString());
        Assert.Equal($"Insufficient balance: request needs an estimated {required:N0} credits, 0 available.", error.GetProperty("message").GetString());
        Assert.True(PromptCost(required, 100) > 0, "The estimate covers the prompt as well as the output allowance.");
        Assert.DoesNotContain(fixture.Upstream.Requests, r => r.BodyText.Contains(marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ShortBalance_LowersMaxTokensToWhatItPays_UpstreamSeesTheLowerValue()
    {
        var tenant = await fixture.NewTenantAsync(walletCredits: 0);
        using var client = fixture.CreateClient(tenant.ProjectKey);
        var marker = Guid.NewGuid().ToString("N");
        var body = CreditsArrange.Chat(marker, ",\"max_tokens\":1000,\"temperature\":0.5");
        var prompt = await PromptCostAsync(client, body);
        await fixture.TopUpAsync(tenant.OrganizationId, prompt + 300);

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(body), Cancel);

        var granted = (int)(300 * 1_000_000 / CreditsArrange.OutputPerMillion);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal($"1000->{granted}", Assert.Single(response.Headers.GetValues("x-hub-max-tokens-capped")));
        var received = fixture.Upstream.Requests.Single(r => r.BodyText.Contains(marker, StringComparison.Ordinal));
        Assert.Equal(body.Replace("fake/fake-model", "fake-model", StringComparison.Ordinal).Replace("\"max_tokens\":1000", $"\"max_tokens\":{granted}", StringComparison.Ordinal), received.BodyText);
    }

    [Fact]
    public async Task ShortBalance_NoLimitInRequest_AddsOne()
    {
        var tenant = await fixture.NewTenantAsync(walletCredits: 0);
        using var client = fixture.CreateClient(tenant.ProjectKey);
        var marker = Guid.NewGuid().ToString("N");
        var body = CreditsArrange.Chat(marker);
        var prompt = await PromptCostAsync(client, CreditsArrange.Chat(marker, ",\"max_tokens\":1"));
        await fixture.TopUpAsync(tenant.OrganizationId, prompt + 100);

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(body), Cancel);

        var granted = (int)(100 * 1_000_000 / CreditsArrange.OutputPerMillion);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal($"4096->{granted}", Assert.Single(response.Headers.GetValues("x-hub-max-tokens-capped")));
        var received = fixture.Upstream.Requests.Single(r => r.BodyText.Contains(marker, StringComparison.Ordinal));
        Assert.Equal("{\"max_tokens\":" + granted + "," + body[1..].Replace("fake/fake-model", "fake-model", StringComparison.Ordinal), received.BodyText);
    }

    [Fact]
    public async Task BalanceBelowPromptPlusMinimumOutput_402()
    {
        var tenant = await fixture.NewTenantAsync(walletCredits: 0);
        using var client = fixture.CreateClient(tenant.ProjectKey);
        var body = CreditsArrange.Chat(Guid.NewGuid().ToString("N"), ",\"max_tokens\":500");
        var prompt = await PromptCostAsync(client, body);

        // At 2.6 credits a token, 41 credits buy 15 tokens of output: one short of the default minimum of 16; 42 buy 16.
        await fixture.TopUpAsync(tenant.OrganizationId, prompt + 41);
        using var refused = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(body), Cancel);
        await fixture.TopUpAsync(tenant.OrganizationId, 1);
        using var accepted = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(body), Cancel);

        await PaymentRequiredAsync(refused, "insufficient_balance");
        Assert.Equal(200, (int)accepted.StatusCode);
        Assert.Equal("500->16", Assert.Single(accepted.Headers.GetValues("x-hub-max-tokens-capped")));
    }

    [Fact]
    public async Task Answered_ChargesTheReportedUsageAtTheManagedPrice_ReleasesTheRest()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(CreditsArrange.Chat("settle")), Cancel);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.False(response.Headers.Contains("x-hub-max-tokens-capped"));
        Assert.Equal((TestTenant.DefaultWalletCredits, FakeAnswerCost, 0L), await fixture.WalletAsync(tenant.OrganizationId));
        var (_, auditEvent) = await fixture.AuditEventAsync(OpenAIAssert.CorrelationId(response));
        Assert.Equal(FakeAnswerCost, auditEvent.CostMicros);
        Assert.Equal(new LedgerCharge(-FakeAnswerCost, FakeAnswerCost, BillingModes.Managed), auditEvent.Charge);
    }

    [Theory]
    [InlineData(",\"stream\":true,\"stream_options\":{\"include_usage\":true}", true)]
    [InlineData(",\"stream\":true", false)]
    public async Task Streamed_ChargesTheFinalUsage_AskedForByTheClientOrNot(string streaming, bool clientSeesUsage)
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(CreditsArrange.Chat("stream", streaming)), Cancel);
        var sse = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(clientSeesUsage, sse.Contains("\"usage\"", StringComparison.Ordinal));
        Assert.Equal((TestTenant.DefaultWalletCredits, FakeAnswerCost, 0L), await fixture.WalletAsync(tenant.OrganizationId));
    }

    [Theory]
    [InlineData("fake/fake-error-400")]
    [InlineData("fake/fake-error-500")]
    [InlineData("down/any-model")]
    public async Task NotServed_ChargesNothing_ReleasesTheHold(string model)
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(CreditsArrange.Chat("failed", model: model)), Cancel);

        Assert.True((int)response.StatusCode >= 400);
        Assert.Equal((TestTenant.DefaultWalletCredits, 0L, 0L), await fixture.WalletAsync(tenant.OrganizationId));
        var (_, auditEvent) = await fixture.AuditEventAsync(OpenAIAssert.CorrelationId(response));
        Assert.Equal(new LedgerCharge(0, 0, BillingModes.Managed), auditEvent.Charge);
    }

    [Fact]
    public async Task Ledger_RecordsEachChargeOnce_EvenWhenEventsAreDeliveredTwice()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(CreditsArrange.Chat($"ledger {i}")), Cancel);
            Assert.Equal(200, (int)response.StatusCode);
        }

        await fixture.StoreAuditEventsAsync(tenant.OrganizationId);
        await fixture.StoreAuditEventsAsync(tenant.OrganizationId);

        var snapshot = await new WalletRepository(fixture.Infrastructure.DataSource).SnapshotAsync(tenant.OrganizationId, Cancel);
        Assert.Equal(new WalletSnapshot(TestTenant.DefaultWalletCredits, 3 * FakeAnswerCost, snapshot.TopUpSeq), snapshot);
    }

    [Fact]
    public async Task RedisLosesTheWallet_RebuiltFromTheLedger()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);
        using (var first = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(CreditsArrange.Chat("before")), Cancel))
        {
            Assert.Equal(200, (int)first.StatusCode);
        }

        await fixture.StoreAuditEventsAsync(tenant.OrganizationId);
        await fixture.ForgetCreditsAsync(tenant.OrganizationId);
        Assert.Null(await fixture.WalletAsync(tenant.OrganizationId));

        using var second = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(CreditsArrange.Chat("after")), Cancel);

        Assert.Equal(200, (int)second.StatusCode);
        Assert.Equal((TestTenant.DefaultWalletCredits, 2 * FakeAnswerCost, 0L), await fixture.WalletAsync(tenant.OrganizationId));
    }

    [Fact]
    public async Task UnpricedModel_403_NothingSent()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);

        // "unpriced" has no UnlistedModelPrice in the fixture: Hub cannot bill its unlisted models.
        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(CreditsArrange.Chat("x", model: "unpriced/some-model")), Cancel);

        var error = await OpenAIAssert.ErrorAsync(response, 403, "invalid_request_error", "model_not_priced");
        Assert.Contains("no price", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    /// <summary>The prompt's estimated cost, read off the 402 of a wallet that cannot pay anything (max_tokens in the body decides the output part).</summary>
    private static async Task<long> PromptCostAsync(HttpClient emptyWalletClient, string body)
    {
        using var response = await emptyWalletClient.PostAsync("/v1/chat/completions", OpenAIAssert.Json(body), Cancel);
        var error = await PaymentRequiredAsync(response, "insufficient_balance");
        using var request = JsonDocument.Parse(body);
        var output = request.RootElement.GetProperty("max_tokens").GetInt32();
        return PromptCost(error.GetProperty("required").GetInt64(), output);
    }

    private static long PromptCost(long required, int outputTokens) => required - Credits.ForTokens(outputTokens, CreditsArrange.OutputPerMillion);

    internal static async Task<JsonElement> PaymentRequiredAsync(HttpResponseMessage response, string type)
    {
        Assert.Equal(402, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        var error = json.RootElement.GetProperty("error");
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.Equal(402, error.GetProperty("code").GetInt32());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
        return error.Clone();
    }
}
