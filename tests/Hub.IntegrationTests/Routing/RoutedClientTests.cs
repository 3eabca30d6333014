using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using Hub.IntegrationTests.OpenAINpm;
using Hub.IntegrationTests.OpenAISdk;
using OpenAI;
using OpenAI.Chat;

namespace Hub.IntegrationTests.Routing;

/// <summary>
/// The official clients through a virtual model whose cheapest provider fails before answering: the
/// client sees one ordinary answer (the fallback is Hub's business), and the headers say what happened.
/// </summary>
public sealed class RoutedClientTests(GatewayFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DotNetSdk_CheapestProviderFails_AnswerFromTheNextWithHeaders()
    {
        var key = (await fixture.NewTenantAsync()).ProjectKey;
        var model = await RoutedModel.CreateAsync(fixture, key);
        var client = Client(model, key);

        ClientResult<ChatCompletion> result = await client.CompleteChatAsync([new UserChatMessage("Say hello")], cancellationToken: Cancel);

        Assert.Equal("Hello from the fake upstream.", result.Value.Content[0].Text);
        var headers = result.GetRawResponse().Headers;
        Assert.True(headers.TryGetValue("x-hub-provider", out var provider));
        Assert.Equal("rt-b", provider);
        Assert.True(headers.TryGetValue("x-hub-fallbacks", out var fallbacks));
        Assert.Equal("rt-a", fallbacks);
    }

    [Fact]
    public async Task DotNetSdk_Streaming_CheapestProviderFails_StreamFromTheNext()
    {
        var key = (await fixture.NewTenantAsync()).ProjectKey;
        var model = await RoutedModel.CreateAsync(fixture, key);

        var (text, finish, _) = await SdkChat.ReadStreamAsync(Client(model, key).CompleteChatStreamingAsync([new UserChatMessage("Say hello")], cancellationToken: Cancel));

        Assert.Equal("Hello from the fake upstream.", text);
        Assert.Equal(ChatFinishReason.Stop, finish);
    }

    [Fact]
    public async Task NpmPackage_CheapestProviderFails_AnswerAndStreamFromTheNext()
    {
        var key = (await fixture.NewTenantAsync()).ProjectKey;
        var model = await RoutedModel.CreateAsync(fixture, key);

        var results = await NpmOpenAIPackage.RunAsync(fixture, "Routing/routing.mjs", key, new Dictionary<string, string> { ["HUB_MODEL"] = model }, Cancel);

        Assert.Equal("Hello from the fake upstream.", results.GetProperty("answer").GetProperty("content").GetString());
        Assert.Equal("rt-b", results.GetProperty("answer").GetProperty("provider").GetString());
        Assert.Equal("rt-a", results.GetProperty("answer").GetProperty("fallbacks").GetString());
        Assert.Equal("Hello from the fake upstream.", results.GetProperty("stream").GetProperty("content").GetString());
        Assert.Equal("stop", results.GetProperty("stream").GetProperty("finish").GetString());
    }

    /// <summary>Retries off: the SDK must not retry on its own; only Hub falls back.</summary>
    private ChatClient Client(string model, string key) => new(model, new ApiKeyCredential(key), new OpenAIClientOptions
    {
        Endpoint = fixture.BaseUrl,
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
    });
}
