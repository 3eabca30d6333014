using System.IO.Hashing;

namespace Hub.Scanner.Images;

/// <summary>The CRC-32 of PNG chunks (ISO 3309, polynomial 0xEDB88320): the IEEE CRC-32 of System.IO.Hashing.</summary>
internal static class PngCrc32
{
    public static uint Compute(ReadOnlySpan<byte> data) => Crc32.HashToUInt32(data);
}
