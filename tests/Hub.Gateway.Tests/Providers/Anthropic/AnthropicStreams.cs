using System.Text;
using Hub.Core.Randomness;
using Hub.Gateway.Providers;
using Hub.Gateway.Providers.Anthropic;
using Hub.Gateway.Providers.Translation;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hub.Gateway.Tests.Providers.Anthropic;

/// <summary>Runs Anthropic SSE text through <see cref="AnthropicStreamTranslator"/> and collects what the client would read.</summary>
internal static class AnthropicStreams
{
    public const long Created = 1_700_000_000;

    /// <summary>An upstream event as Anthropic frames it.</summary>
    public static string Event(string type, string data) => $"event: {type}\ndata: {data}\n\n";

    /// <summary>A chunk as the translator writes it for message <paramref name="id"/>.</summary>
    public static string Chunk(string delta, string? finish = null, string id = "msg_01ABC", string model = "claude-sonnet-4-5") =>
        $$$"""data: {"id":"{{{id}}}","object":"chat.completion.chunk","created":1700000000,"model":"{{{model}}}","choices":[{"index":0,"delta":{{{delta}}},"logprobs":null,"finish_reason":{{{(finish is null ? "null" : $"\"{finish}\"")}}}}]}""" + "\n\n";

    public const string Done = "data: [DONE]\n\n";

    public static async Task<(string Output, UsageReport Usage)> TranslateAsync(
        string sse, bool includeUsage = false, bool jsonMode = false, int chunkSize = int.MaxValue)
    {
        var usage = new UsageReport();
        using var translator = new AnthropicStreamTranslator(
            new AnthropicStreamRequest("anthropic", Created, "claude-requested", includeUsage, jsonMode, usage), new ZeroRandom(), NullLogger.Instance);
        await using var chunks = new ChunkStream(translator.TranslateAsync(new TrickleStream(Encoding.UTF8.GetBytes(sse), chunkSize), CancellationToken.None));
        using var reader = new StreamReader(chunks, Encoding.UTF8);
        return (await reader.ReadToEndAsync(TestContext.Current.CancellationToken), usage);
    }

    /// <summary>The data of each event, without the framing.</summary>
    public static List<string> Data(string output) =>
        [.. output.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e => e["data: ".Length..])];

    private sealed class ZeroRandom : IRandomSource
    {
        public void Fill(Span<byte> destination) => destination.Clear();
    }

    /// <summary>Hands out at most <c>chunkSize</c> bytes per read, as a network read may, splitting events and characters anywhere.</summary>
    private sealed class TrickleStream(byte[] bytes, int chunkSize) : Stream
    {
        private int position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => bytes.Length;

        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = Math.Min(Math.Min(chunkSize, buffer.Length), bytes.Length - position);
            bytes.AsSpan(position, count).CopyTo(buffer);
            position += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
