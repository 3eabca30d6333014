using System.Text;
using Hub.Gateway.Providers;
using Hub.Gateway.Providers.OpenAICompatible;
using Hub.Gateway.Streaming;

namespace Hub.Gateway.Tests.Providers.OpenAICompatible;

/// <summary>
/// Asking an OpenAI-compatible upstream for the usage the client did not ask for, and taking it back out
/// of the answer: exact bytes both ways.
/// </summary>
public sealed class StreamUsageTests
{
    private const string Chunk = """{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Hi"},"logprobs":null,"finish_reason":null}]""";
    private const string UsageChunk = """{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[],"usage":{"prompt_tokens":19,"completion_tokens":7,"total_tokens":26,"prompt_tokens_details":{"cached_tokens":0}}}""";

    [Theory]
    [InlineData("""{"model":"m","messages":[],"stream":true}""", """{"model":"m","messages":[],"stream":true,"stream_options":{"include_usage":true}}""")]
    [InlineData("{ \"model\" : \"m\",\n  \"stream\" : true }\n", "{ \"model\" : \"m\",\n  \"stream\" : true ,\"stream_options\":{\"include_usage\":true}}\n")]
    [InlineData("""{"model":"m","stream_options":{},"stream":true}""", """{"model":"m","stream_options":{"include_usage":true},"stream":true}""")]
    [InlineData("""{"model":"m","stream_options":{"continuous_usage_stats":true},"stream":true}""", """{"model":"m","stream_options":{"include_usage":true,"continuous_usage_stats":true},"stream":true}""")]
    [InlineData("""{"model":"m","stream_options":{"include_usage":false},"stream":true}""", """{"model":"m","stream_options":{"include_usage":true},"stream":true}""")]
    [InlineData("""{"model":"m","stream_options":{ "include_usage" : null },"stream":true}""", """{"model":"m","stream_options":{ "include_usage" : true },"stream":true}""")]
    [InlineData("""{"model":"m","stream_options":null,"stream":true}""", """{"model":"m","stream_options":{"include_usage":true},"stream":true}""")]
    public void Apply_ClientDidNotAsk_FlagAddedEveryOtherByteKept(string body, string expected)
    {
        var (sent, added) = StreamUsageRequest.Apply(Encoding.UTF8.GetBytes(body));

        Assert.True(added);
        Assert.Equal(expected, Encoding.UTF8.GetString(sent.Span));
    }

    [Theory]
    [InlineData("""{"model":"m","stream":true,"stream_options":{"include_usage":true}}""")]
    [InlineData("""{"model":"m","stream":true,"stream_options":{"include_usage":"yes"}}""")]
    [InlineData("""{"model":"m","stream":true,"stream_options":{"include_usage":false,"include_usage":true}}""")]
    [InlineData("""{"model":"m","stream":true,"stream_options":"include_usage"}""")]
    [InlineData("""{"model":"m","stream":true,"stream_options":{},"stream_options":{}}""")]
    public void Apply_ClientAskedOrOptionsUnreadable_BodyUntouched(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);

        var (sent, added) = StreamUsageRequest.Apply(bytes);

        Assert.False(added);
        Assert.True(sent.Span.SequenceEqual(bytes));
    }

    [Theory]
    [InlineData(Chunk + ""","usage":null}""", Chunk + "}")]
    [InlineData(Chunk + ""","usage":null}""" + "\r", Chunk + "}\r")]
    [InlineData("""{"id":"c", "usage" : null, "choices":[]}""", """{"id":"c",  "choices":[]}""")] // the member and its comma go, the spaces around stay
    [InlineData(Chunk + "}", Chunk + "}")]
    [InlineData("""{"error":{"message":"usage limit","type":"server_error"}}""", """{"error":{"message":"usage limit","type":"server_error"}}""")]
    public void Filter_Chunk_UsageNullRemovedEverythingElseKept(string json, string expected)
    {
        var report = new UsageReport();

        var kept = new UsageChunkFilter(report).Filter(Encoding.UTF8.GetBytes(json), out var output);

        Assert.True(kept);
        Assert.Equal(expected, Encoding.UTF8.GetString(output));
        Assert.Null(report.Value);
    }

    [Fact]
    public void Filter_UsageOnlyChunk_DroppedAndItsCountsReported()
    {
        var report = new UsageReport();

        var kept = new UsageChunkFilter(report).Filter(Encoding.UTF8.GetBytes(UsageChunk), out _);

        Assert.False(kept);
        Assert.Equal(new TokenUsage(19, 7), report.Value);
    }

    [Fact]
    public void Filter_UsageOnAChunkWithChoices_KeptForTheClient()
    {
        // Providers that always put the usage on their last content chunk: the client would have had it anyway.
        var json = Chunk + ""","usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}""";

        var kept = new UsageChunkFilter(new UsageReport()).Filter(Encoding.UTF8.GetBytes(json), out var output);

        Assert.True(kept);
        Assert.Equal(json, Encoding.UTF8.GetString(output));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task Stream_SplitAnywhere_ClientGetsTheAnswerWithoutIncludeUsageAndTheReportHasTheCounts(int readSize)
    {
        var withUsage = $"data: {Chunk},\"usage\":null}}\n\ndata: {Chunk},\"usage\":null}}\n\ndata: {UsageChunk}\n\ndata: [DONE]\n\n";
        var without = $"data: {Chunk}}}\n\ndata: {Chunk}}}\n\ndata: [DONE]\n\n";
        var report = new UsageReport();
        await using var filter = new CompatibleStreamFilter(new TrickleStream(Encoding.UTF8.GetBytes(withUsage), readSize), OpenAICompatibleProfile.OpenAI, new UsageChunkFilter(report));

        var relayed = await ReadAllAsync(filter);

        Assert.Equal(without, relayed);
        Assert.Equal(new TokenUsage(19, 7), report.Value);
    }

    [Fact]
    public async Task Stream_OpenRouterProfile_CommentsAndUsageBothTakenOut()
    {
        var upstream = $": OPENROUTER PROCESSING\n\ndata: {Chunk},\"usage\":null}}\n\n: OPENROUTER PROCESSING\n\ndata: {UsageChunk}\n\ndata: [DONE]\n\n";
        var report = new UsageReport();
        await using var filter = new CompatibleStreamFilter(
            new TrickleStream(Encoding.UTF8.GetBytes(upstream), 3), OpenAICompatibleProfile.For("openrouter"), new UsageChunkFilter(report));

        Assert.Equal($"data: {Chunk}}}\n\ndata: [DONE]\n\n", await ReadAllAsync(filter));
        Assert.Equal(new TokenUsage(19, 7), report.Value);
    }

    private static async Task<string> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, TestContext.Current.CancellationToken);
        return Encoding.UTF8.GetString(copy.ToArray());
    }

    /// <summary>An upstream that delivers its bytes at most <paramref name="readSize"/> at a time.</summary>
    private sealed class TrickleStream(byte[] bytes, int readSize) : Hub.Gateway.Providers.Upstream.ReadOnlyAsyncStream
    {
        private int position;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var count = Math.Min(Math.Min(readSize, buffer.Length), bytes.Length - position);
            bytes.AsSpan(position, count).CopyTo(buffer.Span);
            position += count;
            return ValueTask.FromResult(count);
        }
    }
}
