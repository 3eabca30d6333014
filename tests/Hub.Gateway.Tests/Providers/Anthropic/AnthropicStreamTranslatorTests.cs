using Hub.Testing;
using static Hub.Gateway.Tests.Providers.Anthropic.AnthropicStreams;

namespace Hub.Gateway.Tests.Providers.Anthropic;

/// <summary>Anthropic SSE → OpenAI chunks (<c>protocols.md</c> 2.3, 2.6), from the documented event sequence.</summary>
public sealed class AnthropicStreamTranslatorTests
{
    private static readonly string MessageStart = Event("message_start", """{"type":"message_start","message":{"id":"msg_01ABC","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":849,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":1}}}""");
    private static readonly string MessageStop = Event("message_stop", """{"type":"message_stop"}""");
    private static readonly string Ping = Event("ping", """{"type": "ping"}""");

    /// <summary>protocols.md 2.3, verbatim but for the ids.</summary>
    private static readonly string Documented = string.Concat(
        MessageStart,
        Event("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"""),
        Ping,
        Event("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}"""),
        Event("content_block_stop", """{"type":"content_block_stop","index":0}"""),
        Event("content_block_start", """{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01XYZ","name":"get_weather","input":{}}}"""),
        Event("content_block_delta", """{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}}"""),
        Event("content_block_delta", """{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"city\": \"Par"}}"""),
        Event("content_block_delta", """{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"is\"}"}}"""),
        Event("content_block_stop", """{"type":"content_block_stop","index":1}"""),
        Event("message_delta", """{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":47}}"""),
        MessageStop);

    private static readonly string DocumentedChunks = string.Concat(
        Chunk("""{"role":"assistant","content":""}"""),
        Chunk("""{"content":"Hello"}"""),
        Chunk("""{"tool_calls":[{"index":0,"id":"toolu_01XYZ","type":"function","function":{"name":"get_weather","arguments":""}}]}"""),
        Chunk("""{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\": \"Par"}}]}"""),
        Chunk("""{"tool_calls":[{"index":0,"function":{"arguments":"is\"}"}}]}"""),
        Chunk("{}", "tool_calls"));

    private static string TextMessage(string text, string stopReason = "end_turn") => string.Concat(
        MessageStart,
        Event("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"""),
        Event("content_block_delta", $$$$"""{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":{{{{System.Text.Json.JsonSerializer.Serialize(text)}}}}}}"""),
        Event("content_block_stop", """{"type":"content_block_stop","index":0}"""),
        Event("message_delta", $$$$"""{"type":"message_delta","delta":{"stop_reason":"{{{{stopReason}}}}","stop_sequence":null},"usage":{"output_tokens":5}}"""),
        MessageStop);

    [Fact]
    public async Task Translate_DocumentedSequence_ExactChunksEndingInDone()
    {
        var (output, usage) = await TranslateAsync(Documented);

        Assert.Equal(DocumentedChunks + Done, output);
        Assert.Equal(new Hub.Gateway.Streaming.TokenUsage(849, 47), usage.Value);
    }

    [Fact]
    public async Task Translate_DocumentedSequence_EveryChunkValidAgainstTheSpec()
    {
        var spec = await OpenAISpec.GetAsync();
        var (output, _) = await TranslateAsync(Documented, includeUsage: true);

        var data = Data(output);
        Assert.Equal("[DONE]", data[^1]);
        Assert.All(data[..^1], chunk => Assert.Empty(spec.Validate("CreateChatCompletionStreamResponse", chunk)));
    }

    [Fact]
    public async Task Translate_IncludeUsage_UsageChunkAfterFinishAndBeforeDone()
    {
        var (output, _) = await TranslateAsync(Documented, includeUsage: true);

        Assert.Equal(
            DocumentedChunks
            + """data: {"id":"msg_01ABC","object":"chat.completion.chunk","created":1700000000,"model":"claude-sonnet-4-5","choices":[],"usage":{"prompt_tokens":849,"completion_tokens":47,"total_tokens":896,"prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}}}""" + "\n\n"
            + Done,
            output);
    }

    [Fact]
    public async Task Translate_WithoutIncludeUsage_NoUsageChunkButTheReportHasTheCounts()
    {
        var (output, usage) = await TranslateAsync(Documented);

        Assert.DoesNotContain("usage", output, StringComparison.Ordinal);
        Assert.Equal(new Hub.Gateway.Streaming.TokenUsage(849, 47), usage.Value);
    }

    [Fact]
    public async Task Translate_TwoParallelToolCalls_IndicesCountToolBlocksOnlyAndIdOnlyInTheFirstDelta()
    {
        var sse = string.Concat(
            MessageStart,
            Event("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":"Checking."}}"""),
            Event("content_block_stop", """{"type":"content_block_stop","index":0}"""),
            Event("content_block_start", """{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_A","name":"get_weather","input":{}}}"""),
            Event("content_block_delta", """{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"city\":\"Paris\"}"}}"""),
            Event("content_block_stop", """{"type":"content_block_stop","index":1}"""),
            Ping,
            Event("content_block_start", """{"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_B","name":"get_time","input":{}}}"""),
            Event("content_block_delta", """{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\"tz\":"}}"""),
            Event("content_block_delta", """{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"\"CET\"}"}}"""),
            Event("content_block_stop", """{"type":"content_block_stop","index":2}"""),
            Event("message_delta", """{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":60}}"""),
            MessageStop);

        var (output, _) = await TranslateAsync(sse);

        Assert.Equal(string.Concat(
            Chunk("""{"role":"assistant","content":""}"""),
            Chunk("""{"content":"Checking."}"""),
            Chunk("""{"tool_calls":[{"index":0,"id":"toolu_A","type":"function","function":{"name":"get_weather","arguments":""}}]}"""),
            Chunk("""{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":\"Paris\"}"}}]}"""),
            Chunk("""{"tool_calls":[{"index":1,"id":"toolu_B","type":"function","function":{"name":"get_time","arguments":""}}]}"""),
            Chunk("""{"tool_calls":[{"index":1,"function":{"arguments":"{\"tz\":"}}]}"""),
            Chunk("""{"tool_calls":[{"index":1,"function":{"arguments":"\"CET\"}"}}]}"""),
            Chunk("{}", "tool_calls"),
            Done), output);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(13)]
    [InlineData(64)]
    public async Task Translate_UpstreamSplitAtAnyByteBoundary_SameChunks(int chunkSize)
    {
        var sse = Documented + TextMessage("café ☕ naïve");
        var (whole, _) = await TranslateAsync(sse);

        var (split, _) = await TranslateAsync(sse, chunkSize: chunkSize);

        Assert.Equal(whole, split);
        Assert.Equal(DocumentedChunks + Done, split);
    }

    [Fact]
    public async Task Translate_CrLfLineEndings_SameChunks()
    {
        var (output, _) = await TranslateAsync(Documented.Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.Equal(DocumentedChunks + Done, output);
    }

    [Fact]
    public async Task Translate_MultiByteText_ContentIntact() =>
        Assert.Contains("""{"content":"café ☕ naïve"}""", (await TranslateAsync(TextMessage("café ☕ naïve"), chunkSize: 1)).Output, StringComparison.Ordinal);

    [Theory]
    [InlineData("end_turn", "stop")]
    [InlineData("stop_sequence", "stop")]
    [InlineData("max_tokens", "length")]
    [InlineData("refusal", "content_filter")]
    [InlineData("model_context_window_exceeded", "length")]
    [InlineData("brand_new_reason", "stop")]
    public async Task Translate_StopReason_MappedFinishReason(string stopReason, string finishReason) =>
        Assert.EndsWith(Chunk("{}", finishReason) + Done, (await TranslateAsync(TextMessage("Hi", stopReason))).Output, StringComparison.Ordinal);

    [Fact]
    public async Task Translate_MidStreamErrorEvent_OpenAIErrorEventAndNoDone()
    {
        var sse = string.Concat(
            MessageStart,
            Event("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"""),
            Event("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel"}}"""),
            Event("error", """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"""),
            Event("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"lo"}}"""));

        var (output, usage) = await TranslateAsync(sse);

        Assert.Equal(string.Concat(
            Chunk("""{"role":"assistant","content":""}"""),
            Chunk("""{"content":"Hel"}"""),
            """data: {"error":{"message":"The provider 'anthropic' is overloaded; try again shortly.","type":"upstream_error","param":null,"code":"upstream_overloaded"}}""" + "\n\n"), output);
        Assert.Equal(new Hub.Gateway.Streaming.TokenUsage(849, 1), usage.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("content_block_start")]
    [InlineData("message_delta")]
    public async Task Translate_UpstreamEndsBeforeMessageStop_EndsWithAnErrorEvent(string cutBefore)
    {
        var sse = cutBefore.Length == 0 ? Documented[..Documented.IndexOf("event: message_stop", StringComparison.Ordinal)] : Documented[..Documented.IndexOf("event: " + cutBefore, StringComparison.Ordinal)];

        var (output, _) = await TranslateAsync(sse);

        Assert.EndsWith(
            """data: {"error":{"message":"The provider's stream ended unexpectedly.","type":"upstream_error","param":null,"code":"upstream_stream_broken"}}""" + "\n\n",
            output, StringComparison.Ordinal);
        Assert.DoesNotContain("[DONE]", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("event: message_start\ndata: {not json\n\n")]
    [InlineData("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n")]
    public async Task Translate_NotAnthropicsStream_ErrorEventAtOnce(string sse) =>
        Assert.Equal(
            """data: {"error":{"message":"The provider's stream ended unexpectedly.","type":"upstream_error","param":null,"code":"upstream_stream_broken"}}""" + "\n\n",
            (await TranslateAsync(sse + MessageStop)).Output);

    [Fact]
    public async Task Translate_ToolWithoutInputDeltas_ArgumentsAreAnEmptyObject()
    {
        var sse = string.Concat(
            MessageStart,
            Event("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_N","name":"now","input":{}}}"""),
            Event("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":""}}"""),
            Event("content_block_stop", """{"type":"content_block_stop","index":0}"""),
            Event("message_delta", """{"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":3}}"""),
            MessageStop);

        var (output, _) = await TranslateAsync(sse);

        Assert.Equal(string.Concat(
            Chunk("""{"role":"assistant","content":""}"""),
            Chunk("""{"tool_calls":[{"index":0,"id":"toolu_N","type":"function","function":{"name":"now","arguments":""}}]}"""),
            Chunk("""{"tool_calls":[{"index":0,"function":{"arguments":"{}"}}]}"""),
            Chunk("{}", "tool_calls"),
            Done), output);
    }

    [Fact]
    public async Task Translate_ThinkingBlocksAndUnknownEvents_Dropped()
    {
        var sse = string.Concat(
            MessageStart,
            Event("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}}"""),
            Event("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"secret chain"}}"""),
            Event("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQBCgIYAhIM"}}"""),
            Event("content_block_stop", """{"type":"content_block_stop","index":0}"""),
            Event("brand_new_event", """{"type":"brand_new_event","index":0}"""),
            "event: ping\ndata:\n\n",
            ": a comment\n\n",
            Event("content_block_start", """{"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}"""),
            Event("content_block_delta", """{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Answer"}}"""),
            Event("content_block_delta", """{"type":"content_block_delta","index":1,"delta":{"type":"citations_delta","citation":{"type":"char_location"}}}"""),
            Event("content_block_stop", """{"type":"content_block_stop","index":1}"""),
            Event("message_delta", """{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":30}}"""),
            MessageStop);

        var (output, _) = await TranslateAsync(sse);

        Assert.Equal(string.Concat(Chunk("""{"role":"assistant","content":""}"""), Chunk("""{"content":"Answer"}"""), Chunk("{}", "stop"), Done), output);
    }

    [Fact]
    public async Task Translate_JsonMode_ToolInputStreamsAsContentAndFinishesWithStop()
    {
        var sse = string.Concat(
            MessageStart,
            Event("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_J","name":"json_tool_call","input":{}}}"""),
            Event("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\"city\":"}}"""),
            Event("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"\"Paris\"}"}}"""),
            Event("content_block_stop", """{"type":"content_block_stop","index":0}"""),
            Event("message_delta", """{"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":9}}"""),
            MessageStop);

        var (output, _) = await TranslateAsync(sse, jsonMode: true);

        Assert.Equal(string.Concat(
            Chunk("""{"role":"assistant","content":""}"""),
            Chunk("""{"content":"{\"city\":"}"""),
            Chunk("""{"content":"\"Paris\"}"}"""),
            Chunk("{}", "stop"),
            Done), output);
    }

    [Fact]
    public async Task Translate_CacheCountsAndRepeatedInputInMessageDelta_PromptIncludesCacheAndLaterCountsWin()
    {
        var sse = string.Concat(
            Event("message_start", """{"type":"message_start","message":{"id":"msg_01ABC","model":"claude-sonnet-4-5","usage":{"input_tokens":10,"cache_creation_input_tokens":5,"cache_read_input_tokens":100,"output_tokens":1}}}"""),
            Event("message_delta", """{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"input_tokens":12,"cache_creation_input_tokens":5,"cache_read_input_tokens":100,"output_tokens":8}}"""),
            MessageStop);

        var (output, usage) = await TranslateAsync(sse, includeUsage: true);

        Assert.Equal(new Hub.Gateway.Streaming.TokenUsage(117, 8), usage.Value);
        Assert.Contains("""{"prompt_tokens":117,"completion_tokens":8,"total_tokens":125,"prompt_tokens_details":{"cached_tokens":100}""", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Translate_MessageStartWithoutIdOrModel_MintedIdAndTheRequestedModel()
    {
        var sse = Event("message_start", """{"type":"message_start","message":{"usage":{"input_tokens":1,"output_tokens":1}}}""") + MessageStop;

        var (output, _) = await TranslateAsync(sse);

        var id = "chatcmpl-" + new string('0', 29);
        Assert.Equal(
            Chunk("""{"role":"assistant","content":""}""", id: id, model: "claude-requested") + Chunk("{}", "stop", id: id, model: "claude-requested") + Done,
            output);
    }
}
