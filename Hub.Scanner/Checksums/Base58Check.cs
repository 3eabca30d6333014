using System.Security.Cryptography;

namespace Hub.Scanner.Checksums;

/// <summary>
/// Bitcoin's Base58Check: Base58 text that decodes to a payload followed by the first four bytes of
/// SHA-256(SHA-256(payload)). Legacy Bitcoin (1…, 3…), Litecoin, Dogecoin and Tron addresses use it.
/// </summary>
internal static class Base58Check
{
    public const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    private const int MaxTextLength = 64;

    /// <summary>True when <paramref name="value"/> decodes to exactly <paramref name="decodedLength"/> bytes
    /// (payload plus the 4-byte checksum) and the checksum matches.</summary>
    public static bool IsValid(ReadOnlySpan<char> value, int decodedLength)
    {
        if (value.IsEmpty || value.Length > MaxTextLength || decodedLength is < 5 or > MaxTextLength)
        {
            return false;
        }

        // Base58 never needs more bytes than characters, so a buffer as long as the text always suffices.
        Span<byte> number = stackalloc byte[MaxTextLength];
        number.Clear();
        var used = 0;
        foreach (var c in value)
        {
            var carry = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (carry < 0)
            {
                return false;
            }

            for (var j = 0; j < used || carry != 0; j++)
            {
                carry += 58 * number[MaxTextLength - 1 - j];
                number[MaxTextLength - 1 - j] = (byte)carry;
                carry >>= 8;
                used = Math.Max(used, j + 1);
            }
        }

        // Each leading '1' stands for one leading zero byte.
        var zeros = value.IndexOfAnyExcept('1');
        zeros = zeros < 0 ? value.Length : zeros;
        if (zeros + used != decodedLength)
        {
            return false;
        }

        Span<byte> decoded = stackalloc byte[decodedLength];
        decoded.Clear();
        number[(MaxTextLength - used)..].CopyTo(decoded[zeros..]);

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(decoded[..^4], hash);
        SHA256.HashData(hash, hash);
        return hash[..4].SequenceEqual(decoded[^4..]);
    }
}
