namespace Hub.Scanner.Images;

/// <summary>
/// The CRC-32 of PNG chunks (ISO 3309, polynomial 0xEDB88320), bit by bit: it runs over 17 bytes of IHDR
/// per image, so a table would cost more to build than it saves.
/// </summary>
internal static class PngCrc32
{
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
