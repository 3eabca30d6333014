using System.ClientModel;
using System.ClientModel.Primitives;
using Hub.IntegrationTests.OpenAINpm;
using Hub.Testing;
using OpenAI;
using OpenAI.Chat;

namespace Hub.IntegrationTests.Billing;

/// <summary>
/// The official clients meet the budget step: a 402 surfaces as the client's own payment error with
/// Hub's message and figures, and a capped answer is an ordinary answer with the cap in a header.
/// </summary>
public sealed class BillingClientTests(GatewayFixture fixture)
{
    /// <summary>Enough for the prompt and a few hundred output tokens at the fake's unlisted-model price, far short of 4,000.</summary>
    private const long SmallWallet = 1_000;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DotNetSdk_EmptyWallet_ClientResultException402WithHubsMessage()
    {
        var tenant = await TestTenant.CreateAsync(fixture.Infrastructure.DataSource, Cancel, walletCredits: 0);

        var error = await Assert.ThrowsAsync<ClientResultException>(() =>
            Client(tenant.ProjectKey).CompleteChatAsync([new UserChatMessage("Say hello")], new ChatCompletionOptions { MaxOutputTokenCount = 100 }, Cancel));

        Assert.Equal(402, error.Status);
        Assert.Contains("Insufficient balance: request needs an estimated", error.Message, StringComparison.Ordinal);
        var body = System.Text.Json.JsonDocument.Parse(error.GetRawResponse()!.Content.ToString()).RootElement.GetProperty("error");
        Assert.Equal("insufficient_balance", body.GetProperty("type").GetString());
        Assert.Equal(0, body.GetProperty("balance").GetInt64());
    }

    [Fact]
    public async Task DotNetSdk_SmallWallet_AnswerWithTheCapHeader()
    {
        var tenant = await TestTenant.CreateAsync(fixture.Infrastructure.DataSource, Cancel, walletCredits: SmallWallet);

        ClientResult<ChatCompletion> result = await Client(tenant.ProjectKey).CompleteChatAsync(
            [new UserChatMessage("Say hello")], new ChatCompletionOptions { MaxOutputTokenCount = 4000 }, Cancel);

        Assert.Equal("Hello from the fake upstream.", result.Value.Content[0].Text);
        Assert.True(result.GetRawResponse().Headers.TryGetValue("x-hub-max-tokens-capped", out var capped));
        Assert.Matches("^4000->[0-9]{2,3}$", capped);
    }

    [Fact]
    public async Task NpmPackage_EmptyWallet_APIError402_SmallWallet_CappedAnswer()
    {
        var empty = await TestTenant.CreateAsync(fixture.Infrastructure.DataSource, Cancel, walletCredits: 0);
        var small = await TestTenant.CreateAsync(fixture.Infrastructure.DataSource, Cancel, walletCredits: SmallWallet);

        var results = await NpmOpenAIPackage.RunAsync(fixture, "Billing/billing.mjs", empty.ProjectKey,
            new Dictionary<string, string> { ["HUB_SMALL_WALLET_KEY"] = small.ProjectKey }, Cancel);

        var refused = results.GetProperty("refused");
        Assert.Equal("APIError", refused.GetProperty("threw").GetString());
        Assert.Equal(402, refused.GetProperty("status").GetInt32());
        Assert.Equal("insufficient_balance", refused.GetProperty("type").GetString());
        Assert.StartsWith("402 Insufficient balance: request needs an estimated", refused.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Matches("^req_", refused.GetProperty("correlationId").GetString());
        Assert.Equal(0, results.GetProperty("refusedBody").GetProperty("balance").GetInt64());
        Assert.Equal("credits", results.GetProperty("refusedBody").GetProperty("currency").GetString());
        Assert.Equal("Hello from the fake upstream.", results.GetProperty("capped").GetProperty("content").GetString());
        Assert.Matches("^4000->[0-9]{2,3}$", results.GetProperty("capped").GetProperty("capped").GetString());
    }

    private ChatClient Client(string key) => new("fake/fake-model", new ApiKeyCredential(key), new OpenAIClientOptions
    {
        Endpoint = fixture.BaseUrl,
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
    });
}
