namespace Hub.Scanner.Checksums;

/// <summary>Which checksum constant a Bech32 string satisfies.</summary>
internal enum Bech32Encoding
{
    None,

    /// <summary>BIP-173, constant 1: SegWit version 0.</summary>
    Bech32,

    /// <summary>BIP-350, constant 0x2BC830A3: SegWit version 1 and later (Taproot).</summary>
    Bech32m,
}

/// <summary>Bech32 and Bech32m (BIP-173, BIP-350) and the SegWit address rules built on them.</summary>
internal static class Bech32
{
    public const int MaxLength = 90;

    private const string Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

    /// <summary>Which constant the checksum of <paramref name="value"/> satisfies. Mixed case is invalid.</summary>
    public static Bech32Encoding Verify(ReadOnlySpan<char> value)
    {
        var separator = value.LastIndexOf('1');
        if (value.Length > MaxLength || separator < 1 || value.Length - separator - 1 < 6
            || (value.ContainsAnyInRange('a', 'z') && value.ContainsAnyInRange('A', 'Z')))
        {
            return Bech32Encoding.None;
        }

        uint check = 1;
        foreach (var c in value[..separator])
        {
            if (c is < '!' or > '~')
            {
                return Bech32Encoding.None;
            }

            check = PolyMod(check, (uint)char.ToLowerInvariant(c) >> 5);
        }

        check = PolyMod(check, 0);
        foreach (var c in value[..separator])
        {
            check = PolyMod(check, (uint)char.ToLowerInvariant(c) & 31);
        }

        foreach (var c in value[(separator + 1)..])
        {
            var v = Charset.IndexOf(char.ToLowerInvariant(c), StringComparison.Ordinal);
            if (v < 0)
            {
                return Bech32Encoding.None;
            }

            check = PolyMod(check, (uint)v);
        }

        return check switch
        {
            1 => Bech32Encoding.Bech32,
            0x2BC830A3 => Bech32Encoding.Bech32m,
            _ => Bech32Encoding.None,
        };
    }

    /// <summary>
    /// A SegWit address: a valid checksum of the encoding its witness version requires (v0 Bech32, v1–16
    /// Bech32m) and a witness program of 2–40 bytes (20 or 32 for v0) with zero padding.
    /// </summary>
    public static bool IsValidSegwitAddress(ReadOnlySpan<char> value)
    {
        var encoding = Verify(value);
        if (encoding == Bech32Encoding.None)
        {
            return false;
        }

        var data = value[(value.LastIndexOf('1') + 1)..^6];
        if (data.IsEmpty)
        {
            return false;
        }

        var version = Charset.IndexOf(char.ToLowerInvariant(data[0]), StringComparison.Ordinal);
        if (version > 16 || (version == 0) != (encoding == Bech32Encoding.Bech32))
        {
            return false;
        }

        // Regroup the 5-bit values into bytes: the leftover bits must be fewer than five and all zero.
        int accumulator = 0, bits = 0, bytes = 0;
        foreach (var c in data[1..])
        {
            accumulator = ((accumulator << 5) | Charset.IndexOf(char.ToLowerInvariant(c), StringComparison.Ordinal)) & 0xFFF;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes++;
            }
        }

        if (bits >= 5 || (accumulator & ((1 << bits) - 1)) != 0 || bytes is < 2 or > 40)
        {
            return false;
        }

        return version != 0 || bytes is 20 or 32;
    }

    private static uint PolyMod(uint check, uint value)
    {
        var top = check >> 25;
        check = ((check & 0x1FFFFFF) << 5) ^ value;
        if ((top & 1) != 0)
        {
            check ^= 0x3B6A57B2;
        }

        if ((top & 2) != 0)
        {
            check ^= 0x26508E6D;
        }

        if ((top & 4) != 0)
        {
            check ^= 0x1EA119FA;
        }

        if ((top & 8) != 0)
        {
            check ^= 0x3D4233DD;
        }

        if ((top & 16) != 0)
        {
            check ^= 0x2A1462B3;
        }

        return check;
    }
}
