using System.Buffers.Binary;
using System.Text;

namespace Hub.Testing.Fakes;

/// <summary>
/// Writes AWS <c>application/vnd.amazon.eventstream</c> messages, as Bedrock's ConverseStream sends
/// them: <c>total_length | headers_length | prelude_crc | headers | payload | message_crc</c>, all
/// big-endian, CRC-32/IEEE. Written from AWS's "Event stream encoding" page, with a CRC table of its
/// own, so the gateway's decoder (System.IO.Hashing) is checked against an independent encoder.
/// </summary>
public static class EventStreamFrames
{
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>An <c>event</c> message: <c>:event-type</c>, <c>:content-type: application/json</c>, <c>:message-type: event</c>.</summary>
    public static byte[] Event(string eventType, string json) =>
        Encode([(":event-type", eventType), (":content-type", "application/json"), (":message-type", "event")], Encoding.UTF8.GetBytes(json));

    /// <summary>An <c>exception</c> message (<c>throttlingException</c>, …) with the payload <c>{"message":…}</c>.</summary>
    public static byte[] Exception(string exceptionType, string message) =>
        Encode([(":exception-type", exceptionType), (":content-type", "application/json"), (":message-type", "exception")],
            Encoding.UTF8.GetBytes($$"""{"message":{{System.Text.Json.JsonSerializer.Serialize(message)}}}"""));

    /// <summary>A message whose headers are all strings (type 7), the only type Bedrock sends.</summary>
    public static byte[] Encode(IReadOnlyList<(string Name, string Value)> headers, byte[] payload)
    {
        var headerBytes = new MemoryStream();
        foreach (var (name, value) in headers)
        {
            var nameBytes = Encoding.UTF8.GetBytes(name);
            var valueBytes = Encoding.UTF8.GetBytes(value);
            headerBytes.WriteByte((byte)nameBytes.Length);
            headerBytes.Write(nameBytes);
            headerBytes.WriteByte(7);
            headerBytes.WriteByte((byte)(valueBytes.Length >> 8));
            headerBytes.WriteByte((byte)valueBytes.Length);
            headerBytes.Write(valueBytes);
        }

        return Encode(headerBytes.ToArray(), payload);
    }

    /// <summary>A message from raw header bytes (any header types).</summary>
    public static byte[] Encode(byte[] headers, byte[] payload)
    {
        var total = 16 + headers.Length + payload.Length;
        var message = new byte[total];
        BinaryPrimitives.WriteUInt32BigEndian(message, (uint)total);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(4), (uint)headers.Length);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(8), Crc32(message.AsSpan(0, 8)));
        headers.CopyTo(message, 12);
        payload.CopyTo(message, 12 + headers.Length);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(total - 4), Crc32(message.AsSpan(0, total - 4)));
        return message;
    }

    /// <summary>CRC-32/IEEE (reflected polynomial 0xEDB88320, init and final XOR 0xFFFFFFFF), as zlib and gzip compute it.</summary>
    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }

    /// <summary>Writes <paramref name="bytes"/> in pieces that cut frames at arbitrary places (sizes cycle through primes), flushing each.</summary>
    public static async Task WriteInPiecesAsync(Stream body, byte[] bytes, CancellationToken cancellationToken)
    {
        int[] sizes = [1, 3, 7, 2, 11, 5, 17, 13, 4, 29, 6, 64];
        var offset = 0;
        for (var i = 0; offset < bytes.Length; i++)
        {
            var size = Math.Min(sizes[i % sizes.Length], bytes.Length - offset);
            await body.WriteAsync(bytes.AsMemory(offset, size), cancellationToken);
            await body.FlushAsync(cancellationToken);
            offset += size;
        }
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
