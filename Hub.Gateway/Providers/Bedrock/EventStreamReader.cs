using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Hub.Gateway.Providers.Bedrock;

/// <summary>How one <see cref="EventStreamReader.ReadAsync"/> ended.</summary>
internal enum EventStreamStatus
{
    /// <summary>A whole, intact message: <see cref="EventStreamReader.Current"/>.</summary>
    Message,

    /// <summary>The stream ended on a message boundary.</summary>
    End,

    /// <summary>The stream ended inside a message.</summary>
    Truncated,

    /// <summary>A CRC did not match, or the lengths or headers do not add up: nothing after it can be trusted.</summary>
    Corrupt,
}

/// <summary>
/// One decoded <c>application/vnd.amazon.eventstream</c> message: the string headers Bedrock sends
/// and the payload. <see cref="Payload"/> points into the reader's buffer: valid until the next read.
/// </summary>
internal readonly record struct EventStreamMessage(
    string? MessageType, string? EventType, string? ExceptionType, string? ErrorCode, string? ErrorMessage, ReadOnlyMemory<byte> Payload);

/// <summary>
/// Decodes AWS's binary event stream (<c>protocols.md</c> 4.4): reads whatever the socket gives,
/// buffers partial frames, cuts each message by its <c>total_length</c>, checks the prelude CRC and
/// the message CRC (CRC-32/IEEE), and parses the headers of every type.
/// Frame: <c>total_length u32 | headers_length u32 | prelude_crc u32 | headers | payload | message_crc u32</c>, big-endian.
/// </summary>
internal sealed class EventStreamReader(Stream stream) : IDisposable
{
    private const int PreludeLength = 12;
    private const int Overhead = 16;

    /// <summary>AWS caps a message at 16 MiB of payload and 128 KiB of headers; more is a corrupt length.</summary>
    private const int MaxMessageLength = (16 * 1024 * 1024) + (128 * 1024) + Overhead;

    private byte[] buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
    private int start;
    private int end;
    private bool eof;

    public EventStreamMessage Current { get; private set; }

    public async ValueTask<EventStreamStatus> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var available = end - start;
            if (available >= PreludeLength)
            {
                var totalLength = BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(start));
                var headersLength = BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(start + 4));
                if (Crc32.HashToUInt32(buffer.AsSpan(start, 8)) != BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(start + 8))
                    || totalLength < Overhead || totalLength > MaxMessageLength || headersLength > totalLength - Overhead)
                {
                    return EventStreamStatus.Corrupt;
                }

                if (available >= totalLength)
                {
                    var message = buffer.AsMemory(start, (int)totalLength);
                    start += (int)totalLength;
                    return Decode(message, (int)headersLength);
                }

                EnsureRoom((int)totalLength);
            }
            else
            {
                EnsureRoom(PreludeLength);
            }

            if (eof)
            {
                return end == start ? EventStreamStatus.End : EventStreamStatus.Truncated;
            }

            var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken);
            eof = read == 0;
            end += read;
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
    }

    private EventStreamStatus Decode(ReadOnlyMemory<byte> message, int headersLength)
    {
        var bytes = message.Span;
        var crcAt = bytes.Length - 4;
        if (Crc32.HashToUInt32(bytes[..crcAt]) != BinaryPrimitives.ReadUInt32BigEndian(bytes[crcAt..]))
        {
            return EventStreamStatus.Corrupt;
        }

        string? messageType = null, eventType = null, exceptionType = null, errorCode = null, errorMessage = null;
        var headers = bytes.Slice(PreludeLength, headersLength);
        while (!headers.IsEmpty)
        {
            if (!TryReadHeader(ref headers, out var name, out var value))
            {
                return EventStreamStatus.Corrupt;
            }

            if (name.SequenceEqual(":message-type"u8))
            {
                messageType = Name(value);
            }
            else if (name.SequenceEqual(":event-type"u8))
            {
                eventType = Name(value);
            }
            else if (name.SequenceEqual(":exception-type"u8))
            {
                exceptionType = Name(value);
            }
            else if (name.SequenceEqual(":error-code"u8))
            {
                errorCode = Encoding.UTF8.GetString(value);
            }
            else if (name.SequenceEqual(":error-message"u8))
            {
                errorMessage = Encoding.UTF8.GetString(value);
            }
        }

        Current = new EventStreamMessage(messageType, eventType, exceptionType, errorCode, errorMessage,
            message[(PreludeLength + headersLength)..crcAt]);
        return EventStreamStatus.Message;
    }

    /// <summary>One header: <c>name_len u8 | name | type u8 | value</c>. <paramref name="value"/> is empty unless the value is a string (type 7).</summary>
    private static bool TryReadHeader(ref ReadOnlySpan<byte> headers, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        name = value = default;
        if (headers.Length < 2 || headers.Length < 2 + headers[0])
        {
            return false;
        }

        name = headers.Slice(1, headers[0]);
        var type = headers[1 + name.Length];
        var rest = headers[(2 + name.Length)..];
        var length = type switch
        {
            0 or 1 => 0, // bool true, bool false: no value
            2 => 1, // byte
            3 => 2, // int16
            4 => 4, // int32
            5 or 8 => 8, // int64, timestamp (ms)
            9 => 16, // UUID
            6 or 7 when rest.Length >= 2 => 2 + BinaryPrimitives.ReadUInt16BigEndian(rest), // byte array, string: u16 length
            _ => -1,
        };
        if (length < 0 || rest.Length < length)
        {
            return false;
        }

        if (type == 7)
        {
            value = rest[2..length];
        }

        headers = rest[length..];
        return true;
    }

    /// <summary>The names Bedrock repeats in every frame come back as constants, not new strings.</summary>
    private static string Name(ReadOnlySpan<byte> value)
    {
        foreach (var known in KnownNames)
        {
            if (value.SequenceEqual(known.Utf8))
            {
                return known.Text;
            }
        }

        return Encoding.UTF8.GetString(value);
    }

    private static readonly (byte[] Utf8, string Text)[] KnownNames = [.. new[]
    {
        "event", "exception", "error", "messageStart", "contentBlockStart", "contentBlockDelta", "contentBlockStop", "messageStop", "metadata",
    }.Select(name => (Encoding.UTF8.GetBytes(name), name))];

    /// <summary>Room for a message of <paramref name="length"/> bytes from <see cref="start"/>: compact first, grow if still short.</summary>
    private void EnsureRoom(int length)
    {
        if (buffer.Length - start >= length && end < buffer.Length)
        {
            return;
        }

        var used = end - start;
        var target = buffer.Length >= length && used < buffer.Length ? buffer : ArrayPool<byte>.Shared.Rent(Math.Max(length, buffer.Length * 2));
        buffer.AsSpan(start, used).CopyTo(target);
        if (!ReferenceEquals(target, buffer))
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = target;
        }

        start = 0;
        end = used;
    }
}
