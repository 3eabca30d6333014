namespace Hub.Scanner.Checksums;

/// <summary>
/// EIP-55 mixed-case checksums for Ethereum addresses: hex letter i is upper case exactly when nibble i of
/// Keccak-256(lower-case hex) is 8 or more.
/// </summary>
internal static class Eip55
{
    public const int HexLength = 40;

    /// <summary>True when <paramref name="hex"/> (40 hex digits, no 0x) carries a correct EIP-55 capitalisation.</summary>
    public static bool HasValidChecksum(ReadOnlySpan<char> hex)
    {
        if (hex.Length != HexLength || !IsHex(hex))
        {
            return false;
        }

        Span<byte> lower = stackalloc byte[HexLength];
        for (var i = 0; i < HexLength; i++)
        {
            lower[i] = (byte)char.ToLowerInvariant(hex[i]);
        }

        Span<byte> hash = stackalloc byte[Keccak256.HashSize];
        Keccak256.Hash(lower, hash);
        for (var i = 0; i < HexLength; i++)
        {
            if (char.IsAsciiLetter(hex[i]))
            {
                var nibble = (i & 1) == 0 ? hash[i >> 1] >> 4 : hash[i >> 1] & 0xF;
                if (char.IsAsciiLetterUpper(hex[i]) != (nibble >= 8))
                {
                    return false;
                }
            }
        }

        return true;
    }

    public static bool IsHex(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
