using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hub.Testing;
using OpenAI;
using OpenAI.Chat;

namespace Hub.IntegrationTests.Billing;

/// <summary>
/// The whole loop with every service running: an administrator tops up and sets a project budget with
/// a webhook through the admin API, the .NET SDK spends until the budget refuses, the webhook receives
/// each threshold once with a valid signature, and the admin API reports the spend from the ledger.
/// </summary>
public sealed class BudgetEndToEndTests(GatewayFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TopUpBudgetWebhook_SdkSpendsUntil402_AlertsSignedOnce_LedgerAgrees()
    {
        var tenant = await TestTenant.CreateAsync(fixture.Infrastructure.DataSource, Cancel, walletCredits: 0);
        using var admin = fixture.CreateAdminClient(tenant);
        var webhooks = await fixture.WebhooksAsync();
        var hook = $"budget-{tenant.OrganizationId:N}";

        using var topUp = await admin.PostAsJsonAsync("wallet/topups", new { credits = 5_000_000, note = "e2e" }, Cancel);
        using var budget = await admin.PutAsJsonAsync($"projects/{tenant.ProjectId}/budgets/daily", new { amount_usd = 0.001, alert_thresholds = new[] { 50, 100 } }, Cancel);
        using var webhook = await admin.PutAsJsonAsync("webhooks/budget-alerts", new { url = webhooks.Url(hook) }, Cancel);
        Assert.Equal(HttpStatusCode.Created, topUp.StatusCode);
        Assert.Equal(HttpStatusCode.OK, budget.StatusCode);
        var secret = (await webhook.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("secret").GetString()!;

        // 1,000 credits of budget; each answer of the fake costs 44 at the managed price of its unlisted model.
        var client = new ChatClient("fake/fake-model", new ApiKeyCredential(tenant.ProjectKey),
            new OpenAIClientOptions { Endpoint = fixture.BaseUrl, RetryPolicy = new ClientRetryPolicy(maxRetries: 0) });
        var served = 0;
        ClientResultException? refused = null;
        while (refused is null && served < 100)
        {
            try
            {
                // A different prompt each time: the same one over 20 times a minute would be stopped as a loop (429).
                await client.CompleteChatAsync([new UserChatMessage($"Say hello {served}")], new ChatCompletionOptions { MaxOutputTokenCount = 20 }, Cancel);
                served++;
            }
            catch (ClientResultException ex)
            {
                refused = ex;
            }
        }

        Assert.NotNull(refused);
        Assert.Equal(402, refused.Status);
        Assert.Contains("Budget exceeded: the project budget (daily, 0.00 USD)", refused.Message, StringComparison.Ordinal);
        Assert.InRange(served, 10, 30);

        var delivered = await Eventually.Until(() => Task.FromResult(webhooks.For(hook)), received => received.Count >= 2, "both alerts to be delivered");
        Assert.Equal([50, 100], delivered.Select(w => JsonDocument.Parse(w.Body).RootElement.GetProperty("threshold").GetInt32()).Order());
        foreach (var received in delivered)
        {
            var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(
                Encoding.UTF8.GetBytes(secret), (byte[])[.. Encoding.UTF8.GetBytes(received.Headers["x-hub-timestamp"] + "."), .. received.Body]));
            Assert.Equal(expected, received.Headers["x-hub-signature"]);
        }

        var spent = await Eventually.Until(
            async () => (await admin.GetFromJsonAsync<JsonElement>("budgets", Cancel))[0].GetProperty("spent_credits").GetInt64(),
            value => value == served * 44L,
            "the ledger to hold every charge");
        var wallet = await admin.GetFromJsonAsync<JsonElement>("wallet", Cancel);
        Assert.Equal(5_000_000 - spent, wallet.GetProperty("balance").GetInt64());
        Assert.Equal(0, wallet.GetProperty("held").GetInt64());
        await Task.Delay(TimeSpan.FromSeconds(1), Cancel);
        Assert.Equal(2, webhooks.For(hook).Count);
    }
}
