using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using System.Text.Json;
using Hub.IntegrationTests.OpenAINpm;
using Hub.Testing.Fakes;
using OpenAI;
using OpenAI.Chat;

namespace Hub.IntegrationTests.Providers;

/// <summary>The official OpenAI .NET SDK, changed only in base URL and key, talking to Gemini through the gateway.</summary>
public sealed class GeminiClientTests(GatewayFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly ChatTool WeatherTool = ChatTool.CreateFunctionTool(
        "get_weather", "Current weather in a city",
        BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}"""),
        functionSchemaIsStrict: true);

    private static readonly ChatTool TimeTool = ChatTool.CreateFunctionTool(
        "get_time", "Current time in a time zone", BinaryData.FromString("""{"type":"object","properties":{"tz":{"type":"string"}}}"""));

    [Fact]
    public async Task CompleteChat_ToolsRoundTripThroughGemini_CallsThenAnswers()
    {
        var client = await ClientAsync("gemini/gemini-tools");
        var options = new ChatCompletionOptions { Tools = { WeatherTool, TimeTool } };
        List<ChatMessage> messages = [new UserChatMessage("Weather and time, asked by the .NET SDK?")];

        ChatCompletion first = await client.CompleteChatAsync(messages, options, Cancel);
        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        Assert.Equal(["get_weather", "get_time"], first.ToolCalls.Select(call => call.FunctionName));
        Assert.Equal("""{"city":"Paris"}""", first.ToolCalls[0].FunctionArguments.ToString());
        Assert.All(first.ToolCalls, call => Assert.StartsWith("call_", call.Id, StringComparison.Ordinal));

        messages.Add(new AssistantChatMessage(first));
        messages.Add(new ToolChatMessage(first.ToolCalls[0].Id, """{"sky":"sunny"}"""));
        messages.Add(new ToolChatMessage(first.ToolCalls[1].Id, "no data"));
        ChatCompletion second = await client.CompleteChatAsync(messages, options, Cancel);

        Assert.Equal(FakeGeminiUpstream.ToolAnswer, second.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, second.FinishReason);
        var received = fixture.Gemini.Requests.Last(r => r.BodyText.Contains("asked by the .NET SDK", StringComparison.Ordinal)).BodyText;
        Assert.Contains("""{"functionResponse":{"name":"get_weather","response":{"sky":"sunny"}}},{"functionResponse":{"name":"get_time","response":{"output":"no data"}}}""",
            received, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteChatStreaming_ThroughGemini_ReassemblesTextWithFinishAndUsage()
    {
        var client = await ClientAsync("gemini/gemini-text");
        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        ChatTokenUsage? usage = null;

        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("Say hello, .NET SDK stream.")], cancellationToken: Cancel))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }

        Assert.Equal(FakeGeminiUpstream.Reply, text.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.Equal((11, 7, 18), (usage?.InputTokenCount, usage?.OutputTokenCount, usage?.TotalTokenCount));
    }

    [Fact]
    public async Task CompleteChatStreaming_ToolCallsThroughGemini_AssembleIntoTwoCalls()
    {
        var client = await ClientAsync("gemini/gemini-tools");
        var options = new ChatCompletionOptions { Tools = { WeatherTool, TimeTool } };
        var names = new Dictionary<int, string>();
        var arguments = new Dictionary<int, StringBuilder>();
        ChatFinishReason? finish = null;

        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("Weather, streamed to the .NET SDK?")], options, Cancel))
        {
            foreach (var call in update.ToolCallUpdates)
            {
                if (call.FunctionName is not null)
                {
                    names[call.Index] = call.FunctionName;
                }

                (arguments.TryGetValue(call.Index, out var sb) ? sb : arguments[call.Index] = new()).Append(call.FunctionArgumentsUpdate?.ToString());
            }

            finish ??= update.FinishReason;
        }

        Assert.Equal(ChatFinishReason.ToolCalls, finish);
        Assert.Equal(["get_weather", "get_time"], [names[0], names[1]]);
        Assert.Equal("""{"tz":"CET"}""", arguments[1].ToString());
    }

    private async Task<ChatClient> ClientAsync(string model) => new(model, new ApiKeyCredential((await fixture.NewTenantAsync()).ProjectKey), new OpenAIClientOptions
    {
        Endpoint = fixture.BaseUrl,
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
    });
}

/// <summary>Runs gemini.mjs once for the class: what each scenario observed with the <c>openai</c> npm package.</summary>
public sealed class GeminiNpmRun(GatewayFixture fixture) : NpmScriptRun(fixture, "Providers/gemini.mjs");

/// <summary>The official <c>openai</c> npm package against Gemini through the gateway.</summary>
public sealed class GeminiNpmClientTests(GeminiNpmRun run) : IClassFixture<GeminiNpmRun>
{
    private readonly JsonElement results = run.Results;

    [Fact]
    public void ChatCompletionsCreate_ToolsRoundTripThroughGemini_CallsThenAnswers()
    {
        var result = results.GetProperty("toolsRoundTrip");

        Assert.Equal("tool_calls", result.GetProperty("firstFinish").GetString());
        Assert.Equal(["get_weather", "get_time"], result.GetProperty("names").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal("""{"city":"Paris"}""", result.GetProperty("firstArguments").GetString());
        Assert.Equal(FakeGeminiUpstream.ToolAnswer, result.GetProperty("answer").GetString());
        Assert.Equal("stop", result.GetProperty("finish").GetString());
    }

    [Fact]
    public void ChatCompletionsCreate_StreamingThroughGemini_ReassemblesTextWithUsage()
    {
        var result = results.GetProperty("streaming");

        Assert.Equal(FakeGeminiUpstream.Reply, result.GetProperty("content").GetString());
        Assert.Equal("stop", result.GetProperty("finish").GetString());
        Assert.Equal(18, result.GetProperty("total").GetInt32());
        Assert.Equal(6, result.GetProperty("chunks").GetInt32());
    }
}
