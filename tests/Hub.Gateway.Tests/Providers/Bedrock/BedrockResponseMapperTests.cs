using System.Text;
using System.Text.Json;
using Hub.Gateway.Providers.Bedrock;
using Hub.Gateway.Providers.Translation;
using Hub.Testing;
using Hub.Testing.Fakes;

namespace Hub.Gateway.Tests.Providers.Bedrock;

/// <summary>Converse answers (<c>protocols.md</c> 4.3 and the fake's) → OpenAI completions, validated against OpenAI's spec.</summary>
public sealed class BedrockResponseMapperTests
{
    internal static readonly BedrockAnswerContext Context = new("bedrock", "chatcmpl-bedrock0001", 1_700_000_000, "anthropic.claude-3-5-sonnet-20240620-v1:0", false, false);

    [Fact]
    public async Task Map_DocumentedTextAnswer_OpenAICompletion()
    {
        const string Converse = """
            {"output":{"message":{"role":"assistant","content":[{"text":"Hello"},{"reasoningContent":{"reasoningText":{"text":"hmm","signature":"s"}}},{"text":" there"}]}},
             "stopReason":"end_turn","usage":{"inputTokens":30,"outputTokens":12,"totalTokens":42,"cacheReadInputTokens":0,"cacheWriteInputTokens":0},"metrics":{"latencyMs":812}}
            """;

        var json = await WriteValidAsync(Converse, Context);

        Assert.Equal(
            """{"id":"chatcmpl-bedrock0001","object":"chat.completion","created":1700000000,"model":"anthropic.claude-3-5-sonnet-20240620-v1:0","choices":[{"index":0,"message":{"role":"assistant","content":"Hello there","refusal":null},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":30,"completion_tokens":12,"total_tokens":42,"prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}}}""",
            json);
    }

    [Fact]
    public async Task Map_ToolUses_ToolCallsWithArgumentStringsAndCachedUsage()
    {
        var answer = FakeBedrockAnswers.For(FakeBedrockUpstream.Models.Tools, JsonDocument.Parse("""{"messages":[{"role":"user","content":[{"text":"Hi"}]}]}""").RootElement);

        using var json = JsonDocument.Parse(await WriteValidAsync(answer.ToJson(), Context));

        var message = json.RootElement.GetProperty("choices")[0].GetProperty("message");
        Assert.Equal(FakeBedrockAnswers.ToolPreamble, message.GetProperty("content").GetString());
        Assert.Equal("""[{"id":"tooluse_weather01","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},{"id":"tooluse_time0002","type":"function","function":{"name":"get_time","arguments":"{\"tz\":\"CET\"}"}}]""",
            message.GetProperty("tool_calls").GetRawText());
        Assert.Equal("tool_calls", json.RootElement.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal("""{"prompt_tokens":42,"completion_tokens":20,"total_tokens":62,"prompt_tokens_details":{"cached_tokens":10},"completion_tokens_details":{"reasoning_tokens":0}}""",
            json.RootElement.GetProperty("usage").GetRawText());
    }

    [Fact]
    public async Task Map_OnlyToolUse_ContentIsNull()
    {
        const string Converse = """{"output":{"message":{"role":"assistant","content":[{"toolUse":{"toolUseId":"t1","name":"f","input":{}}}]}},"stopReason":"tool_use","usage":{"inputTokens":1,"outputTokens":1}}""";

        using var json = JsonDocument.Parse(await WriteValidAsync(Converse, Context));

        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").ValueKind);
    }

    [Fact]
    public async Task Map_SyntheticJsonTool_BecomesContentAndStop()
    {
        var converse = $$$$"""{"output":{"message":{"role":"assistant","content":[{"toolUse":{"toolUseId":"t1","name":"json_tool_call","input":{{{{FakeBedrockAnswers.ForcedInput}}}}}}]}},"stopReason":"tool_use","usage":{"inputTokens":1,"outputTokens":1}}""";

        using var json = JsonDocument.Parse(await WriteValidAsync(converse, Context with { JsonToolAnswers = true }));

        var choice = json.RootElement.GetProperty("choices")[0];
        Assert.Equal(FakeBedrockAnswers.ForcedInput, choice.GetProperty("message").GetProperty("content").GetString());
        Assert.False(choice.GetProperty("message").TryGetProperty("tool_calls", out _));
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
    }

    [Theory]
    [InlineData("end_turn", "stop", true)]
    [InlineData("stop_sequence", "stop", true)]
    [InlineData("max_tokens", "length", true)]
    [InlineData("model_context_window_exceeded", "length", true)]
    [InlineData("tool_use", "tool_calls", true)]
    [InlineData("guardrail_intervened", "content_filter", true)]
    [InlineData("content_filtered", "content_filter", true)]
    [InlineData("malformed_model_output", "stop", false)]
    [InlineData("something_new", "stop", false)]
    public void Map_StopReason_FinishReasonTable(string stopReason, string finishReason, bool known)
    {
        var converse = $$$$"""{"output":{"message":{"role":"assistant","content":[{"text":"x"}]}},"stopReason":"{{{{stopReason}}}}","usage":{"inputTokens":1,"outputTokens":1}}""";

        var answer = BedrockResponseMapper.Map(Encoding.UTF8.GetBytes(converse), Context)!.Value;

        Assert.Equal((finishReason, known), (answer.Completion.FinishReason, answer.KnownStopReason));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"message":"Internal error"}""")]
    [InlineData("""{"output":{"message":{"content":[{"text":1}]}}}""")]
    public void Map_NotAConverseAnswer_Null(string body) =>
        Assert.Null(BedrockResponseMapper.Map(Encoding.UTF8.GetBytes(body), Context));

    private static async Task<string> WriteValidAsync(string converse, BedrockAnswerContext context)
    {
        var answer = BedrockResponseMapper.Map(Encoding.UTF8.GetBytes(converse), context);
        Assert.NotNull(answer);
        var json = Encoding.UTF8.GetString(ChatCompletionWriter.Write(answer.Value.Completion));
        Assert.Empty((await OpenAISpec.GetAsync()).Validate("CreateChatCompletionResponse", json));
        return json;
    }
}
