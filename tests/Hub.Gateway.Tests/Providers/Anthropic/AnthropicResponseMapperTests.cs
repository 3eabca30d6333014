using Hub.Gateway.Providers.Anthropic;
using Hub.Gateway.Providers.Translation;
using Hub.Testing;

namespace Hub.Gateway.Tests.Providers.Anthropic;

/// <summary>Anthropic message → OpenAI chat completion (<c>protocols.md</c> 2.2, 2.5).</summary>
public sealed class AnthropicResponseMapperTests
{
    private const long Created = 1_700_000_000;

    /// <summary>The documented example of protocols.md 2.2.</summary>
    private const string DocumentedMessage = """
        {
          "id": "msg_01XFDUDYJgAACzvnptvVoYEL",
          "type": "message",
          "role": "assistant",
          "model": "claude-sonnet-4-5-20250929",
          "content": [
            {"type":"text","text":"I'll check the weather."},
            {"type":"tool_use","id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","name":"get_weather","input":{"city":"Paris"}}
          ],
          "stop_reason": "tool_use",
          "stop_sequence": null,
          "usage": {"input_tokens": 472, "output_tokens": 89,
                    "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0,
                    "cache_creation": {"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},
                    "service_tier": "standard"}
        }
        """;

    private static TranslatedCompletion Map(string json, bool jsonMode = false)
    {
        var message = AnthropicWire.ReadMessage(System.Text.Encoding.UTF8.GetBytes(json));
        Assert.NotNull(message);
        return AnthropicResponseMapper.Map(message, message.Id ?? "chatcmpl-minted", Created, "claude-requested", jsonMode);
    }

    private static string Write(string json, bool jsonMode = false) => System.Text.Encoding.UTF8.GetString(ChatCompletionWriter.Write(Map(json, jsonMode)));

    [Fact]
    public async Task Map_DocumentedExample_ExactOpenAICompletionValidAgainstTheSpec()
    {
        var json = Write(DocumentedMessage);

        Assert.Equal(
            """{"id":"msg_01XFDUDYJgAACzvnptvVoYEL","object":"chat.completion","created":1700000000,"model":"claude-sonnet-4-5-20250929","choices":[{"index":0,"message":{"role":"assistant","content":"I'll check the weather.","refusal":null,"tool_calls":[{"id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},"logprobs":null,"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":472,"completion_tokens":89,"total_tokens":561,"prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}}}""",
            json);
        Assert.Empty((await OpenAISpec.GetAsync()).Validate("CreateChatCompletionResponse", json));
    }

    [Fact]
    public void Map_TextBlocks_JoinedIntoContentWithoutToolCalls()
    {
        var completion = Map("""{"id":"msg_1","model":"m","content":[{"type":"text","text":"Hello, "},{"type":"text","text":"world."}],"stop_reason":"end_turn","usage":{"input_tokens":3,"output_tokens":4}}""");

        Assert.Equal(("Hello, world.", 0, "stop"), (completion.Content, completion.ToolCalls.Count, completion.FinishReason));
    }

    [Fact]
    public void Map_TwoToolUseBlocksOnly_ContentNullAndBothCallsInOrder()
    {
        var completion = Map("""{"id":"msg_1","model":"m","content":[{"type":"tool_use","id":"toolu_a","name":"get_weather","input":{"city":"Paris"}},{"type":"tool_use","id":"toolu_b","name":"get_time","input":{}}],"stop_reason":"tool_use","usage":{"input_tokens":3,"output_tokens":4}}""");

        Assert.Null(completion.Content);
        Assert.Equal(
            [new ToolCall("toolu_a", "get_weather", """{"city":"Paris"}"""), new ToolCall("toolu_b", "get_time", "{}")],
            completion.ToolCalls);
        Assert.Equal("tool_calls", completion.FinishReason);
    }

    [Fact]
    public void Map_ThinkingAndServerToolBlocks_Dropped()
    {
        var completion = Map("""{"id":"msg_1","model":"m","content":[{"type":"thinking","thinking":"secret chain","signature":"sig"},{"type":"redacted_thinking","data":"xyz"},{"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{"query":"q"}},{"type":"text","text":"Answer."}],"stop_reason":"end_turn","usage":{"input_tokens":3,"output_tokens":4}}""");

        Assert.Equal(("Answer.", 0), (completion.Content, completion.ToolCalls.Count));
    }

    [Fact]
    public void Map_JsonModeToolCall_BecomesContentAndStop()
    {
        var completion = Map("""{"id":"msg_1","model":"m","content":[{"type":"tool_use","id":"toolu_j","name":"json_tool_call","input":{"city":"Paris"}}],"stop_reason":"tool_use","usage":{"input_tokens":3,"output_tokens":4}}""", jsonMode: true);

        Assert.Equal(("""{"city":"Paris"}""", 0, "stop"), (completion.Content, completion.ToolCalls.Count, completion.FinishReason));
    }

    [Fact]
    public void Map_JsonToolNameWithoutJsonMode_StaysAToolCall() =>
        Assert.Equal("json_tool_call", Assert.Single(Map("""{"id":"msg_1","content":[{"type":"tool_use","id":"t","name":"json_tool_call","input":{}}],"stop_reason":"tool_use"}""").ToolCalls).Name);

    [Theory]
    [InlineData("end_turn", "stop")]
    [InlineData("stop_sequence", "stop")]
    [InlineData("pause_turn", "stop")]
    [InlineData("max_tokens", "length")]
    [InlineData("model_context_window_exceeded", "length")]
    [InlineData("tool_use", "tool_calls")]
    [InlineData("refusal", "content_filter")]
    [InlineData("compaction_of_the_future", "stop")]
    [InlineData(null, "stop")]
    public void FinishReason_StopReasonTable(string? stopReason, string finishReason)
    {
        Assert.Equal(finishReason, AnthropicResponseMapper.FinishReason(stopReason));
        Assert.Equal(stopReason is not (null or "compaction_of_the_future"), AnthropicResponseMapper.IsKnownStopReason(stopReason));
    }

    [Fact]
    public void Map_UsageWithCacheWritesAndReads_PromptCountsAllInputAndCachedTheReads()
    {
        var completion = Map("""{"id":"msg_1","model":"m","content":[{"type":"text","text":"x"}],"stop_reason":"end_turn","usage":{"input_tokens":100,"cache_creation_input_tokens":20,"cache_read_input_tokens":30,"output_tokens":5}}""");

        Assert.Equal(new ChatUsage(150, 5, CachedTokens: 30, ReasoningTokens: 0), completion.Usage);
        Assert.Equal(new Hub.Gateway.Streaming.TokenUsage(150, 5), completion.Usage.ToTokenUsage());
    }

    [Fact]
    public void Map_NoModelInAnswer_TheRequestedModel() =>
        Assert.Equal("claude-requested", Map("""{"id":"msg_1","content":[],"stop_reason":"end_turn"}""").Model);

    [Theory]
    [InlineData("<html>Bad gateway</html>")]
    [InlineData("""{"id":"msg_1","content":"not an array"}""")]
    [InlineData("")]
    public void ReadMessage_NotAnthropicsShape_Null(string body) =>
        Assert.Null(AnthropicWire.ReadMessage(System.Text.Encoding.UTF8.GetBytes(body)));
}
