using System.Text;
using System.Text.Json;
using Hub.Gateway.Providers;
using Hub.Gateway.Providers.Bedrock;
using Hub.Testing;
using Hub.Testing.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hub.Gateway.Tests.Providers.Bedrock;

/// <summary>ConverseStream frames (the fake's, built as <c>protocols.md</c> 4.4 shows) → OpenAI SSE chunks, each validated against OpenAI's spec.</summary>
public sealed class BedrockStreamTranslatorTests
{
    private static readonly JsonElement AskHi = JsonDocument.Parse("""{"messages":[{"role":"user","content":[{"text":"Hi"}]}]}""").RootElement;

    [Fact]
    public async Task Translate_TextStream_RoleContentFinishDoneAndUsageReported()
    {
        var (events, usage) = await TranslateAsync(Upstream(FakeBedrockUpstream.Models.Text), BedrockResponseMapperTests.Context);

        Assert.Equal(["role", "Hello", " from", " the", " fake", " Bedrock.", "finish:stop", "[DONE]"], events.Select(Describe));
        Assert.Equal(new Hub.Gateway.Streaming.TokenUsage(19, 7), usage.Value);
    }

    [Fact]
    public async Task Translate_IncludeUsage_UsageChunkBeforeDone()
    {
        var (events, _) = await TranslateAsync(Upstream(FakeBedrockUpstream.Models.Tools), BedrockResponseMapperTests.Context with { IncludeUsage = true });

        Assert.Equal("""{"prompt_tokens":42,"completion_tokens":20,"total_tokens":62,"prompt_tokens_details":{"cached_tokens":10},"completion_tokens_details":{"reasoning_tokens":0}}""",
            Json(events[^2]).GetProperty("usage").GetRawText());
        Assert.Equal(0, Json(events[^2]).GetProperty("choices").GetArrayLength());
    }

    [Fact]
    public async Task Translate_TwoParallelToolCalls_IndexedAmongToolCallsWithIdAndNameOnlyFirst()
    {
        var (events, _) = await TranslateAsync(Upstream(FakeBedrockUpstream.Models.Tools), BedrockResponseMapperTests.Context);

        var calls = events.Where(e => e != "[DONE]").Select(Json).Where(chunk => chunk.TryGetProperty("choices", out var c) && c.GetArrayLength() > 0
            && c[0].GetProperty("delta").TryGetProperty("tool_calls", out _)).Select(chunk => chunk.GetProperty("choices")[0].GetProperty("delta").GetProperty("tool_calls")[0]).ToList();
        Assert.Equal("""{"index":0,"id":"tooluse_weather01","type":"function","function":{"name":"get_weather","arguments":""}}""", calls[0].GetRawText());
        Assert.Equal("""{"index":0,"function":{"arguments":"{\"cit"}}""", calls[1].GetRawText());
        Assert.Equal("""{"city":"Paris"}""", string.Concat(calls.Where(c => c.GetProperty("index").GetInt32() == 0).Select(c => c.GetProperty("function").GetProperty("arguments").GetString())));
        Assert.Equal("""{"tz":"CET"}""", string.Concat(calls.Where(c => c.GetProperty("index").GetInt32() == 1).Select(c => c.GetProperty("function").GetProperty("arguments").GetString())));
        Assert.Equal("get_time", calls.Single(c => c.TryGetProperty("id", out _) && c.GetProperty("index").GetInt32() == 1).GetProperty("function").GetProperty("name").GetString());
        Assert.Equal(2, calls.Count(c => c.TryGetProperty("id", out _)));
        Assert.Equal(["finish:tool_calls", "[DONE]"], events[^2..].Select(Describe));
        Assert.StartsWith("role,Let,", string.Join(',', events.Select(Describe)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Translate_ChunksSplitAtEveryByteBoundary_SameOutput()
    {
        var upstream = Upstream(FakeBedrockUpstream.Models.Tools);
        var (whole, _) = await TranslateAsync(upstream, BedrockResponseMapperTests.Context);

        for (var piece = 1; piece < 64; piece++)
        {
            var (split, _) = await TranslateAsync(upstream, BedrockResponseMapperTests.Context, piece);
            Assert.Equal(whole, split);
        }
    }

    [Fact]
    public async Task Translate_ThrottlingExceptionFrame_ErrorEventAndNoDone()
    {
        var (events, usage) = await TranslateAsync(Upstream(FakeBedrockUpstream.Models.StreamThrottled), BedrockResponseMapperTests.Context);

        Assert.Equal(["role", "Hello", "error:rate_limit_exceeded"], events.Select(Describe));
        Assert.Null(usage.Value);
    }

    [Theory]
    [InlineData("serviceUnavailableException", "upstream_overloaded")]
    [InlineData("modelStreamErrorException", "upstream_error")]
    [InlineData("validationException", "upstream_error")]
    [InlineData("internalServerException", "upstream_error")]
    public async Task Translate_ExceptionFrame_MappedErrorEvent(string exceptionType, string code)
    {
        byte[] upstream = [.. EventStreamFrames.Event("messageStart", """{"role":"assistant"}"""), .. EventStreamFrames.Exception(exceptionType, "went wrong")];

        var (events, _) = await TranslateAsync(upstream, BedrockResponseMapperTests.Context);

        Assert.Equal(["role", $"error:{code}"], events.Select(Describe));
    }

    [Theory]
    [InlineData(FakeBedrockUpstream.Models.StreamCorrupt)]
    [InlineData(FakeBedrockUpstream.Models.StreamTruncated)]
    public async Task Translate_CorruptOrCutStream_ErrorEventAndNoDone(string model)
    {
        var (events, _) = await TranslateAsync(Upstream(model), BedrockResponseMapperTests.Context);

        Assert.Equal("error:upstream_stream_broken", Describe(events[^1]));
        Assert.DoesNotContain("[DONE]", events.Select(Describe));
    }

    [Fact]
    public async Task Translate_CleanEndWithoutMetadata_ErrorEvent()
    {
        byte[] upstream = [.. EventStreamFrames.Event("messageStart", """{"role":"assistant"}"""), .. EventStreamFrames.Event("messageStop", """{"stopReason":"end_turn"}""")];

        var (events, _) = await TranslateAsync(upstream, BedrockResponseMapperTests.Context);

        Assert.Equal(["role", "error:upstream_stream_broken"], events.Select(Describe));
    }

    [Fact]
    public async Task Translate_ReasoningDeltasAndUnknownEvents_Dropped()
    {
        byte[] upstream =
        [
            .. EventStreamFrames.Event("messageStart", """{"role":"assistant"}"""),
            .. EventStreamFrames.Event("contentBlockDelta", """{"contentBlockIndex":0,"delta":{"reasoningContent":{"text":"thinking"}},"p":"abc"}"""),
            .. EventStreamFrames.Event("somethingNew", "{}"),
            .. EventStreamFrames.Event("contentBlockDelta", """{"contentBlockIndex":1,"delta":{"text":"Answer"}}"""),
            .. EventStreamFrames.Event("messageStop", """{"stopReason":"max_tokens"}"""),
            .. EventStreamFrames.Event("metadata", """{"usage":{"inputTokens":3,"outputTokens":4,"totalTokens":7},"metrics":{"latencyMs":1}}"""),
        ];

        var (events, _) = await TranslateAsync(upstream, BedrockResponseMapperTests.Context);

        Assert.Equal(["role", "Answer", "finish:length", "[DONE]"], events.Select(Describe));
    }

    [Fact]
    public async Task Translate_SyntheticJsonTool_StreamsAsContent()
    {
        var request = JsonDocument.Parse("""{"messages":[{"role":"user","content":[{"text":"Hi"}]}],"toolConfig":{"tools":[],"toolChoice":{"tool":{"name":"json_tool_call"}}}}""").RootElement;
        var upstream = FakeBedrockAnswers.Stream(FakeBedrockUpstream.Models.Text, FakeBedrockAnswers.For(FakeBedrockUpstream.Models.Text, request));

        var (events, _) = await TranslateAsync(upstream, BedrockResponseMapperTests.Context with { JsonToolAnswers = true });

        var content = events.Select(Describe).Where(e => e is not ("role" or "[DONE]") && !e.StartsWith("finish:", StringComparison.Ordinal));
        Assert.Equal(FakeBedrockAnswers.ForcedInput, string.Concat(content));
        Assert.Equal(["finish:stop", "[DONE]"], events[^2..].Select(Describe));
    }

    internal static byte[] Upstream(string model) => FakeBedrockAnswers.Stream(model, FakeBedrockAnswers.For(model, AskHi));

    /// <summary>Every event, each chunk checked against <c>CreateChatCompletionStreamResponse</c>.</summary>
    internal static async Task<(List<string> Events, UsageReport Usage)> TranslateAsync(byte[] upstream, BedrockAnswerContext context, int piece = int.MaxValue)
    {
        var usage = new UsageReport();
        var events = new List<string>();
        var spec = await OpenAISpec.GetAsync();
        await foreach (var chunk in BedrockStreamTranslator.TranslateAsync(new PieceStream(upstream, piece), context, usage, NullLogger.Instance, TestContext.Current.CancellationToken))
        {
            var text = Encoding.UTF8.GetString(chunk.Span);
            Assert.StartsWith("data: ", text, StringComparison.Ordinal);
            Assert.EndsWith("\n\n", text, StringComparison.Ordinal);
            var data = text[6..^2];
            if (data != "[DONE]" && !data.StartsWith("{\"error\"", StringComparison.Ordinal))
            {
                Assert.Empty(spec.Validate("CreateChatCompletionStreamResponse", data));
            }

            events.Add(data);
        }

        return (events, usage);
    }

    /// <summary>"role", the content text, "finish:&lt;reason&gt;", "error:&lt;code&gt;", "[DONE]", or the raw JSON of any other chunk.</summary>
    internal static string Describe(string data)
    {
        if (data == "[DONE]")
        {
            return data;
        }

        var json = Json(data);
        if (json.TryGetProperty("error", out var error))
        {
            return "error:" + error.GetProperty("code").GetString();
        }

        var choices = json.GetProperty("choices");
        if (choices.GetArrayLength() == 0)
        {
            return "usage";
        }

        var choice = choices[0];
        var delta = choice.GetProperty("delta");
        return choice.GetProperty("finish_reason").GetString() is { } finish ? "finish:" + finish
            : delta.TryGetProperty("role", out _) ? "role"
            : delta.TryGetProperty("content", out var content) ? content.GetString()!
            : data;
    }

    private static JsonElement Json(string data) => JsonDocument.Parse(data).RootElement;
}
