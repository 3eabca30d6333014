using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Hub.Testing.Images;

/// <summary>PNG built by hand, chunk by chunk: a header that claims any size, followed by whatever chunks a test wants.</summary>
public static class PngBytes
{
    /// <summary>The 8-byte signature and an IHDR chunk: <paramref name="width"/>×<paramref name="height"/>, 8-bit RGBA.</summary>
    public static byte[] Header(uint width, uint height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;  // bit depth
        ihdr[9] = 6;  // colour type RGBA; compression, filter, interlace 0
        return [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, .. Chunk("IHDR", ihdr)];
    }

    /// <summary>Length, type, data and the CRC-32 of type and data.</summary>
    public static byte[] Chunk(string type, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        Encoding.ASCII.GetBytes(type, chunk.AsSpan(4));
        data.CopyTo(chunk.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32.HashToUInt32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }
}
