using System.Text;
using Hub.Gateway.Providers.Bedrock;
using Hub.Testing.Fakes;

namespace Hub.Gateway.Tests.Providers.Bedrock;

/// <summary>
/// The event-stream decoder against AWS's encoded test vectors (awslabs/aws-c-event-stream
/// <c>test_cases/encoded/positive/payload_no_headers</c> and <c>payload_one_str_header</c>, as quoted in
/// emblica/aws-event-stream-parser-rs's tests) and frames from the fake's independent encoder.
/// </summary>
public sealed class EventStreamReaderTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadAsync_AwsVectorNoHeaders_YieldsThePayload()
    {
        var reader = new EventStreamReader(new MemoryStream(Convert.FromHexString("0000001d00000000fd528c5a7b27666f6f273a27626172277dc3653936")));

        Assert.Equal(EventStreamStatus.Message, await reader.ReadAsync(Cancel));
        Assert.Equal("{'foo':'bar'}", Encoding.UTF8.GetString(reader.Current.Payload.Span));
        Assert.Null(reader.Current.MessageType);
        Assert.Equal(EventStreamStatus.End, await reader.ReadAsync(Cancel));
    }

    [Fact]
    public async Task ReadAsync_AwsVectorOneStringHeader_YieldsThePayload()
    {
        var bytes = Convert.FromHexString(
            "0000003d0000002007fd83960c636f6e74656e742d747970650700106170706c69636174696f6e2f6a736f6e7b27666f6f273a27626172277d8d9c08b1");
        var reader = new EventStreamReader(new MemoryStream(bytes));

        Assert.Equal(EventStreamStatus.Message, await reader.ReadAsync(Cancel));
        Assert.Equal("{'foo':'bar'}", Encoding.UTF8.GetString(reader.Current.Payload.Span));
        Assert.Equal(bytes, EventStreamFrames.Encode([("content-type", "application/json")], "{'foo':'bar'}"u8.ToArray()));
    }

    [Fact]
    public async Task ReadAsync_EveryHeaderType_SkipsNonStringsAndReadsBedrocksStrings()
    {
        var headers = new MemoryStream();
        void Header(string name, byte type, params byte[] value)
        {
            headers.WriteByte((byte)name.Length);
            headers.Write(Encoding.ASCII.GetBytes(name));
            headers.WriteByte(type);
            headers.Write(value);
        }

        Header("t", 0);
        Header("f", 1);
        Header("b", 2, 0x7F);
        Header("s", 3, 0, 1);
        Header("i", 4, 0, 0, 0, 1);
        Header("l", 5, 0, 0, 0, 0, 0, 0, 0, 1);
        Header("a", 6, 0, 2, 0xAB, 0xCD);
        Header(":event-type", 7, [0, 8, .. "metadata"u8.ToArray()]);
        Header("ts", 8, 0, 0, 1, 0x8B, 0xCF, 0xE5, 0x68, 0x00);
        Header("u", 9, new byte[16]);
        Header(":message-type", 7, [0, 5, .. "event"u8.ToArray()]);
        var reader = new EventStreamReader(new MemoryStream(EventStreamFrames.Encode(headers.ToArray(), "{}"u8.ToArray())));

        Assert.Equal(EventStreamStatus.Message, await reader.ReadAsync(Cancel));
        Assert.Equal("event", reader.Current.MessageType);
        Assert.Equal("metadata", reader.Current.EventType);
        Assert.Equal("{}", Encoding.UTF8.GetString(reader.Current.Payload.Span));
    }

    [Fact]
    public async Task ReadAsync_FramesSplitAtEveryByteBoundary_YieldsEachMessageWhole()
    {
        var bytes = Frames();
        for (var cut = 1; cut < bytes.Length; cut++)
        {
            var reader = new EventStreamReader(new PieceStream(bytes, cut));
            var events = new List<string>();
            while (await reader.ReadAsync(Cancel) == EventStreamStatus.Message)
            {
                events.Add($"{reader.Current.EventType}:{Encoding.UTF8.GetString(reader.Current.Payload.Span)}");
            }

            Assert.Equal(["messageStart:{\"role\":\"assistant\"}", "contentBlockDelta:{\"delta\":{\"text\":\"Hi\"}}", "metadata:{}"], events);
        }
    }

    [Fact]
    public async Task ReadAsync_ExceptionFrame_ReadsExceptionType()
    {
        var reader = new EventStreamReader(new MemoryStream(EventStreamFrames.Exception("throttlingException", "slow down")));

        Assert.Equal(EventStreamStatus.Message, await reader.ReadAsync(Cancel));
        Assert.Equal("exception", reader.Current.MessageType);
        Assert.Equal("throttlingException", reader.Current.ExceptionType);
    }

    [Theory]
    [InlineData(9)] // prelude CRC
    [InlineData(20)] // a header byte
    [InlineData(-6)] // a payload byte
    [InlineData(-1)] // message CRC
    public async Task ReadAsync_FlippedByte_IsCorrupt(int position)
    {
        var frame = EventStreamFrames.Event("messageStart", """{"role":"assistant"}""");
        frame[position < 0 ? frame.Length + position : position] ^= 0x01;

        Assert.Equal(EventStreamStatus.Corrupt, await new EventStreamReader(new MemoryStream(frame)).ReadAsync(Cancel));
    }

    [Fact]
    public async Task ReadAsync_ImpossibleLengthWithValidPreludeCrc_IsCorrupt()
    {
        var frame = EventStreamFrames.Encode(Array.Empty<byte>(), new byte[4]);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame, 8);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(8), EventStreamFrames.Crc32(frame.AsSpan(0, 8)));

        Assert.Equal(EventStreamStatus.Corrupt, await new EventStreamReader(new MemoryStream(frame)).ReadAsync(Cancel));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(30)]
    public async Task ReadAsync_StreamEndsInsideAFrame_IsTruncated(int length)
    {
        var frame = EventStreamFrames.Event("messageStart", """{"role":"assistant"}""");

        Assert.Equal(EventStreamStatus.Truncated, await new EventStreamReader(new MemoryStream(frame[..length])).ReadAsync(Cancel));
    }

    [Fact]
    public async Task ReadAsync_PayloadLargerThanTheFirstBuffer_GrowsAndReadsIt()
    {
        var text = new string('x', 100_000);
        var reader = new EventStreamReader(new PieceStream(EventStreamFrames.Event("contentBlockDelta", $$"""{"t":"{{text}}"}"""), 4096));

        Assert.Equal(EventStreamStatus.Message, await reader.ReadAsync(Cancel));
        Assert.Equal(100_008, reader.Current.Payload.Length);
    }

    internal static byte[] Frames() =>
    [
        .. EventStreamFrames.Event("messageStart", """{"role":"assistant"}"""),
        .. EventStreamFrames.Event("contentBlockDelta", """{"delta":{"text":"Hi"}}"""),
        .. EventStreamFrames.Event("metadata", "{}"),
    ];
}

/// <summary>A stream that returns at most <c>piece</c> bytes per read, as a socket may.</summary>
internal sealed class PieceStream(byte[] bytes, int piece) : MemoryStream(bytes)
{
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        base.ReadAsync(buffer[..Math.Min(buffer.Length, piece)], cancellationToken);
}
