using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using Hub.IntegrationTests.OpenAINpm;
using Hub.IntegrationTests.OpenAISdk;
using Hub.Testing.Fakes;
using OpenAI;
using OpenAI.Chat;

namespace Hub.IntegrationTests.Providers;

/// <summary>The official OpenAI .NET SDK through the gateway to the fake Bedrock (provider <c>bedrock</c>, SigV4-signed Converse calls).</summary>
public sealed class BedrockDotNetSdkTests(GatewayFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CompleteChat_ToolsRoundTrip_CallsThenAnswers()
    {
        var client = await ClientAsync(FakeBedrockUpstream.Models.Tools);
        var options = new ChatCompletionOptions { Tools = { SdkChat.WeatherTool, SdkChat.TimeTool } };
        var nonce = "sdk" + Guid.NewGuid().ToString("N")[..10];
        List<ChatMessage> messages = [new UserChatMessage($"Weather and time in Paris? {nonce}")];

        ChatCompletion first = await client.CompleteChatAsync(messages, options, Cancel);
        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        Assert.Equal(["get_weather", "get_time"], first.ToolCalls.Select(call => call.FunctionName));
        Assert.Equal("tooluse_weather01", first.ToolCalls[0].Id);
        Assert.Equal("""{"city":"Paris"}""", first.ToolCalls[0].FunctionArguments.ToString());

        messages.Add(new AssistantChatMessage(first));
        messages.Add(new ToolChatMessage(first.ToolCalls[0].Id, """{"sky":"sunny"}"""));
        messages.Add(new ToolChatMessage(first.ToolCalls[1].Id, "12:00"));
        ChatCompletion second = await client.CompleteChatAsync(messages, options, Cancel);

        Assert.Equal(FakeBedrockUpstream.ToolAnswer, second.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, second.FinishReason);
        var sent = fixture.Bedrock.Requests.Last(r => r.BodyText.Contains(nonce, StringComparison.Ordinal)).Json.GetProperty("messages");
        Assert.Equal(["tooluse_weather01", "tooluse_time0002"], sent[2].GetProperty("content").EnumerateArray().Select(block => block.GetProperty("toolResult").GetProperty("toolUseId").GetString()));
    }

    [Fact]
    public async Task CompleteChatStreaming_ReassemblesTextWithFinishAndUsage()
    {
        var (text, finish, usage) = await SdkChat.ReadStreamAsync((await ClientAsync(FakeBedrockUpstream.Models.Text)).CompleteChatStreamingAsync([new UserChatMessage("Say hello")], cancellationToken: Cancel));

        Assert.Equal(FakeBedrockUpstream.Reply, text);
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.Equal((19, 7, 26), (usage?.InputTokenCount, usage?.OutputTokenCount, usage?.TotalTokenCount));
    }

    private async Task<ChatClient> ClientAsync(string model) =>
        new($"bedrock/{model}", new ApiKeyCredential((await fixture.NewTenantAsync()).ProjectKey), new OpenAIClientOptions
        {
            Endpoint = fixture.BaseUrl,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        });
}

/// <summary>Runs bedrock.mjs (the <c>openai</c> npm package) once for the class: what each scenario observed, by name.</summary>
public sealed class NpmBedrockRun(GatewayFixture fixture) : NpmScriptRun(fixture, "Providers/bedrock.mjs")
{
    protected override IReadOnlyDictionary<string, string> Settings() => new Dictionary<string, string>
    {
        ["HUB_TEXT_MODEL"] = $"bedrock/{FakeBedrockUpstream.Models.Text}",
        ["HUB_TOOLS_MODEL"] = $"bedrock/{FakeBedrockUpstream.Models.Tools}",
    };
}

/// <summary>The official <c>openai</c> npm package through the gateway to the fake Bedrock.</summary>
public sealed class BedrockNpmPackageTests(NpmBedrockRun run) : IClassFixture<NpmBedrockRun>
{
    private readonly JsonElement results = run.Results;

    [Fact]
    public void ChatCompletionsCreate_ToolsRoundTrip_CallsThenAnswers()
    {
        var result = results.GetProperty("toolsRoundTrip");

        Assert.Equal("tool_calls", result.GetProperty("firstFinish").GetString());
        Assert.Equal(["get_weather", "get_time"], result.GetProperty("names").EnumerateArray().Select(name => name.GetString()));
        Assert.Equal("""{"city":"Paris"}""", result.GetProperty("firstArguments").GetString());
        Assert.Equal(FakeBedrockUpstream.ToolAnswer, result.GetProperty("answer").GetString());
    }

    [Fact]
    public void ChatCompletionsCreate_Streaming_ReassemblesTextWithFinishAndUsage()
    {
        var result = results.GetProperty("streaming");

        Assert.Equal(FakeBedrockUpstream.Reply, result.GetProperty("content").GetString());
        Assert.Equal("stop", result.GetProperty("finish").GetString());
        Assert.Equal(26, result.GetProperty("total").GetInt32());
        Assert.Equal(1, result.GetProperty("usageChunks").GetInt32());
    }
}
