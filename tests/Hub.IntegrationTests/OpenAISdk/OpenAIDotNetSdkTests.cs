using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using Hub.Testing;
using OpenAI;
using OpenAI.Chat;

namespace Hub.IntegrationTests.OpenAISdk;

/// <summary>The official OpenAI .NET SDK, changed only in base URL and key, talking to the gateway.</summary>
public sealed class OpenAIDotNetSdkTests(GatewayFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CompleteChat_NonStreaming_ReturnsUpstreamAnswerAndUsage()
    {
        var client = await ClientAsync("fake/fake-model");

        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage("Say hello")], cancellationToken: Cancel);

        Assert.Equal(FakeOpenAIUpstream.Reply, completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(FakeOpenAIUpstream.CompletionId, completion.Id);
        Assert.Equal(19, completion.Usage.InputTokenCount);
        Assert.Equal(7, completion.Usage.OutputTokenCount);
        Assert.Equal(26, completion.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task CompleteChatStreaming_ReassemblesTextAndReportsUsage()
    {
        var client = await ClientAsync("fake/fake-model");

        var (text, finish, usage) = await SdkChat.ReadStreamAsync(client.CompleteChatStreamingAsync([new UserChatMessage("Say hello")], cancellationToken: Cancel));

        Assert.Equal(FakeOpenAIUpstream.Reply, text);
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.Equal(26, usage?.TotalTokenCount);
    }

    [Fact]
    public async Task CompleteChat_ToolsRoundTrip_CallsThenAnswers()
    {
        var client = await ClientAsync("fake/fake-tools");
        var options = new ChatCompletionOptions { Tools = { SdkChat.WeatherTool, SdkChat.TimeTool } };
        List<ChatMessage> messages = [new UserChatMessage("Weather and time in Paris?")];

        ChatCompletion first = await client.CompleteChatAsync(messages, options, Cancel);
        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        Assert.Equal(["get_weather", "get_time"], first.ToolCalls.Select(call => call.FunctionName));
        Assert.Equal("""{"city":"Paris"}""", first.ToolCalls[0].FunctionArguments.ToString());

        messages.Add(new AssistantChatMessage(first));
        messages.Add(new ToolChatMessage(first.ToolCalls[0].Id, """{"sky":"sunny"}"""));
        messages.Add(new ToolChatMessage(first.ToolCalls[1].Id, """{"time":"12:00"}"""));
        ChatCompletion second = await client.CompleteChatAsync(messages, options, Cancel);

        Assert.Equal("The weather in Paris is sunny.", second.Content[0].Text);
        var upstreamBody = fixture.Upstream.Requests.Last(r => r.BodyText.Contains("call_time0002", StringComparison.Ordinal)).BodyText;
        Assert.Contains("\"tool_call_id\":\"call_weather01\"", upstreamBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteChatStreaming_ToolCallDeltas_AssembleIntoTwoCalls()
    {
        var client = await ClientAsync("fake/fake-tools");
        var options = new ChatCompletionOptions { Tools = { SdkChat.WeatherTool, SdkChat.TimeTool } };
        var ids = new Dictionary<int, string>();
        var names = new Dictionary<int, string>();
        var arguments = new Dictionary<int, StringBuilder>();
        ChatFinishReason? finish = null;

        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("Weather?")], options, Cancel))
        {
            foreach (var call in update.ToolCallUpdates)
            {
                if (call.ToolCallId is not null) ids[call.Index] = call.ToolCallId;
                if (call.FunctionName is not null) names[call.Index] = call.FunctionName;
                (arguments.TryGetValue(call.Index, out var sb) ? sb : arguments[call.Index] = new()).Append(call.FunctionArgumentsUpdate?.ToString());
            }

            finish ??= update.FinishReason;
        }

        Assert.Equal(ChatFinishReason.ToolCalls, finish);
        Assert.Equal("call_weather01", ids[0]);
        Assert.Equal("get_time", names[1]);
        Assert.Equal("""{"city":"Paris"}""", arguments[0].ToString());
        Assert.Equal("""{"tz":"CET"}""", arguments[1].ToString());
    }

    [Fact]
    public async Task CompleteChat_MockEcho_AnswersTheUserMessage()
    {
        var client = await ClientAsync("mock/echo");

        ChatCompletion completion = await client.CompleteChatAsync([new SystemChatMessage("x"), new UserChatMessage("Echo me, SDK")], cancellationToken: Cancel);

        Assert.Equal("Echo me, SDK", completion.Content[0].Text);
        Assert.True(completion.Usage.OutputTokenCount > 0);
    }

    [Fact]
    public async Task CompleteChat_BadKey_ThrowsWith401()
    {
        var client = Client("fake/fake-model", "oah_notARealKey000000000000000000000000000000");

        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.CompleteChatAsync([new UserChatMessage("hi")], cancellationToken: Cancel));

        Assert.Equal(401, error.Status);
        Assert.Contains("invalid_api_key", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nope/model", 404, "model_not_found")]
    [InlineData("fake/fake-error-400", 400, "invalid_value")]
    [InlineData("fake/fake-error-500", 502, "upstream_error")]
    public async Task CompleteChat_GatewayOrUpstreamError_ThrowsWithStatusAndCode(string model, int status, string code)
    {
        var client = await ClientAsync(model);

        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.CompleteChatAsync([new UserChatMessage("hi")], cancellationToken: Cancel));

        Assert.Equal(status, error.Status);
        Assert.Contains(code, error.Message, StringComparison.Ordinal);
        Assert.True(error.GetRawResponse()!.Headers.TryGetValue("x-hub-correlation-id", out var id) && id!.StartsWith("req_", StringComparison.Ordinal));
    }

    private async Task<ChatClient> ClientAsync(string model) => Client(model, (await fixture.NewTenantAsync()).ProjectKey);

    /// <summary>Retries off: a test should see the first answer, not the SDK's third attempt.</summary>
    private ChatClient Client(string model, string key) => new(model, new ApiKeyCredential(key), new OpenAIClientOptions
    {
        Endpoint = fixture.BaseUrl,
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
    });
}
