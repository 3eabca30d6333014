using System.Text;
using Hub.Gateway.Providers;
using Hub.Gateway.Providers.Gemini;
using Hub.Gateway.Providers.Translation;
using Hub.Gateway.Streaming;
using Hub.Testing;
using Hub.Testing.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hub.Gateway.Tests.Providers.Gemini;

/// <summary><c>streamGenerateContent?alt=sse</c> events (CRLF framing, no <c>[DONE]</c>) in, OpenAI chunks out (protocols.md 3.6).</summary>
public sealed class GeminiStreamTranslatorTests
{
    private const string Model = "gemini-x";
    private const string Head = """data: {"id":"chatcmpl-x","object":"chat.completion.chunk","created":1700000000,"model":"gemini-x-001","choices":[{"index":0,"delta":""";
    private const string Done = "data: [DONE]";

    private static readonly string TextStream = Sse(
        FakeGeminiWire.Text(Model, "Hello from", null, 2),
        FakeGeminiWire.Text(Model, " the fake", null, 4),
        FakeGeminiWire.Text(Model, " Gemini. ☕", "STOP", 7));

    [Fact]
    public async Task Translate_Text_RoleContentFinishDoneEachChunkPerSpec()
    {
        var (events, _) = await TranslateAsync(TextStream);

        Assert.Equal(
        [
            Head + """{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}""",
            Head + """{"content":"Hello from"},"logprobs":null,"finish_reason":null}]}""",
            Head + """{"content":" the fake"},"logprobs":null,"finish_reason":null}]}""",
            Head + """{"content":" Gemini. ☕"},"logprobs":null,"finish_reason":null}]}""",
            Head + """{},"logprobs":null,"finish_reason":"stop"}]}""",
            Done,
        ], events);
        await AssertValidChunksAsync(events);
    }

    [Fact]
    public async Task Translate_IncludeUsage_UsageChunkFromTheLastRunningTotalsBeforeDone()
    {
        var (events, usage) = await TranslateAsync(TextStream, includeUsage: true);

        Assert.Equal(
            """data: {"id":"chatcmpl-x","object":"chat.completion.chunk","created":1700000000,"model":"gemini-x-001","choices":[],"usage":{"prompt_tokens":11,"completion_tokens":7,"total_tokens":18,"prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}}}""",
            events[^2]);
        Assert.Equal(Done, events[^1]);
        Assert.Equal(new TokenUsage(11, 7), usage.Value);
        await AssertValidChunksAsync(events);
    }

    [Fact]
    public async Task Translate_UsageNotAsked_NoUsageChunkButTheGatewayStillGetsIt()
    {
        var (events, usage) = await TranslateAsync(TextStream);

        Assert.DoesNotContain(events, e => e.Contains("\"usage\"", StringComparison.Ordinal));
        Assert.Equal(new TokenUsage(11, 7), usage.Value);
    }

    [Fact]
    public async Task Translate_ThoughtsAndThinkingUsage_ThoughtTextNeverSentReasoningCounted()
    {
        var (events, usage) = await TranslateAsync(Sse(FakeGeminiWire.Thought(Model), FakeGeminiWire.Text(Model, "Hi", "STOP", 7, thinking: true)), includeUsage: true);

        Assert.DoesNotContain(events, e => e.Contains("think", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("\"completion_tokens\":12,\"total_tokens\":23,\"prompt_tokens_details\":{\"cached_tokens\":4},\"completion_tokens_details\":{\"reasoning_tokens\":5}", events[^2], StringComparison.Ordinal);
        Assert.Equal(new TokenUsage(11, 12), usage.Value);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Translate_TwoParallelCalls_OneWholeToolCallEachIndexedAmongCalls(bool sameEvent)
    {
        var sse = sameEvent
            ? Sse(FakeGeminiWire.Calls(Model, FakeGeminiWire.WeatherCall + "," + FakeGeminiWire.TimeCall, "STOP", 12))
            : Sse(FakeGeminiWire.Calls(Model, FakeGeminiWire.WeatherCall, null, 6), FakeGeminiWire.Calls(Model, FakeGeminiWire.TimeCall, "STOP", 12));

        var (events, _) = await TranslateAsync(sse);

        Assert.Equal(
        [
            Head + """{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}""",
            Head + $$$"""{"tool_calls":[{"index":0,"id":"{{{StepRandomSource.CallId(0)}}}","type":"function","function":{"name":"get_weather","arguments":""}}]},"logprobs":null,"finish_reason":null}]}""",
            Head + """{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":\"Paris\"}"}}]},"logprobs":null,"finish_reason":null}]}""",
            Head + $$$"""{"tool_calls":[{"index":1,"id":"{{{StepRandomSource.CallId(1)}}}","type":"function","function":{"name":"get_time","arguments":""}}]},"logprobs":null,"finish_reason":null}]}""",
            Head + """{"tool_calls":[{"index":1,"function":{"arguments":"{\"tz\":\"CET\"}"}}]},"logprobs":null,"finish_reason":null}]}""",
            Head + """{},"logprobs":null,"finish_reason":"tool_calls"}]}""",
            Done,
        ], events);
        await AssertValidChunksAsync(events);
    }

    [Fact]
    public async Task Translate_ErrorEventMidStream_OpenAIErrorEventAndNothingAfter()
    {
        var (events, _) = await TranslateAsync(Sse(FakeGeminiWire.Text(Model, "Hello", null, 1), FakeGeminiWire.StreamError, FakeGeminiWire.Text(Model, " more", "STOP", 2)));

        Assert.Equal(
        [
            Head + """{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}""",
            Head + """{"content":"Hello"},"logprobs":null,"finish_reason":null}]}""",
            """data: {"error":{"message":"The provider 'gemini' is overloaded; try again shortly.","type":"upstream_error","param":null,"code":"upstream_overloaded"}}""",
        ], events);
    }

    [Theory]
    [InlineData("")]
    [InlineData("data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hel\"}],\"role\":\"model\"},\"index\":0}]}\r\n\r\n")]
    public async Task Translate_StreamClosesWithoutFinishReason_EndsWithErrorNotDone(string sse)
    {
        var (events, _) = await TranslateAsync(sse);

        Assert.Equal(
            """data: {"error":{"message":"The provider's stream ended unexpectedly.","type":"upstream_error","param":null,"code":"upstream_stream_broken"}}""",
            events[^1]);
        Assert.DoesNotContain(Done, events);
    }

    [Fact]
    public async Task Translate_UnreadableEvent_EndsWithErrorNotAnException()
    {
        var (events, _) = await TranslateAsync(Sse(FakeGeminiWire.Text(Model, "Hello", null, 1), "{\"candidates\":[{\"content\""));

        Assert.Equal(
            """data: {"error":{"message":"The provider 'gemini' sent an answer the gateway could not read.","type":"upstream_error","param":null,"code":"upstream_invalid_response"}}""",
            events[^1]);
    }

    [Fact]
    public async Task Translate_BlockedPrompt_ContentFilterFinishThenDone()
    {
        var (events, _) = await TranslateAsync(Sse(FakeGeminiWire.Blocked(Model)), includeUsage: true);

        Assert.Equal(Head + """{},"logprobs":null,"finish_reason":"content_filter"}]}""", events[1]);
        Assert.Contains("\"prompt_tokens\":8,\"completion_tokens\":0", events[2], StringComparison.Ordinal);
        Assert.Equal(Done, events[3]);
        await AssertValidChunksAsync(events);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(13)]
    [InlineData(64)]
    public async Task Translate_UpstreamBytesSplitAnywhere_SameChunks(int readSize)
    {
        var sse = TextStream + Sse(FakeGeminiWire.Calls(Model, FakeGeminiWire.WeatherCall, "STOP", 9));

        var (whole, _) = await TranslateAsync(sse, includeUsage: true);
        var (split, _) = await TranslateAsync(sse, includeUsage: true, readSize);

        Assert.Equal(whole, split);
        Assert.Contains(whole, e => e.Contains('☕', StringComparison.Ordinal));
    }

    private static string Sse(params string[] events) => string.Concat(events.Select(e => $"data: {e}\r\n\r\n"));

    private static async Task<(List<string> Events, UsageReport Usage)> TranslateAsync(string sse, bool includeUsage = false, int readSize = int.MaxValue)
    {
        var usage = new UsageReport();
        var translator = new GeminiStreamTranslator(
            new GeminiStreamContext("gemini", Model, "chatcmpl-x", 1_700_000_000, includeUsage), new StepRandomSource(), usage, NullLogger.Instance);
        await using var output = new ChunkStream(translator.TranslateAsync(new TrickleStream(Encoding.UTF8.GetBytes(sse), readSize), default));
        using var reader = new StreamReader(output);
        var text = await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.EndsWith("\n\n", text, StringComparison.Ordinal);
        return ([.. text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)], usage);
    }

    private static async Task AssertValidChunksAsync(List<string> events)
    {
        var spec = await OpenAISpec.GetAsync();
        foreach (var e in events[..^1])
        {
            Assert.Empty(spec.Validate("CreateChatCompletionStreamResponse", e["data: ".Length..]));
        }
    }

    /// <summary>Hands out at most <c>readSize</c> bytes a read, so SSE lines and UTF-8 characters arrive cut anywhere.</summary>
    private sealed class TrickleStream(byte[] bytes, int readSize) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, readSize)], cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, readSize));
    }
}
