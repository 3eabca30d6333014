using System.Security.Cryptography;
using System.Text;

namespace Hub.Scanner.Evaluation.Generation.Values;

/// <summary>Bitcoin Base58Check and Bech32/Bech32m (BIP 173/350), and Ethereum EIP-55, both ways.</summary>
internal static class CryptoEncodings
{
    private const string Base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private const string Bech32Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private const uint Bech32Constant = 1;
    private const uint Bech32MConstant = 0x2BC830A3;
    private static readonly uint[] Generator = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3];

    /// <summary>Version byte + payload + the first 4 bytes of SHA-256(SHA-256(version + payload)), in Base58.</summary>
    public static string Base58Check(byte version, ReadOnlySpan<byte> payload)
    {
        byte[] body = [version, .. payload];
        var check = SHA256.HashData(SHA256.HashData(body));
        byte[] full = [.. body, .. check.AsSpan(0, 4)];
        var number = IdentifierRules.ToBigInteger(full);
        var encoded = new StringBuilder();
        while (number > 0)
        {
            encoded.Insert(0, Base58Alphabet[(int)(number % 58)]);
            number /= 58;
        }

        for (var i = 0; i < full.Length && full[i] == 0; i++)
        {
            encoded.Insert(0, '1');
        }

        return encoded.ToString();
    }

    public static bool IsBase58CheckValid(string address)
    {
        System.Numerics.BigInteger number = 0;
        foreach (var c in address)
        {
            var digit = Base58Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (digit < 0)
            {
                return false;
            }

            number = (number * 58) + digit;
        }

        var bytes = number.ToByteArray(isUnsigned: true, isBigEndian: true);
        byte[] full = [.. new byte[address.TakeWhile(c => c == '1').Count()], .. bytes];
        return full.Length == 25
            && SHA256.HashData(SHA256.HashData(full.AsSpan(0, 21))).AsSpan(0, 4).SequenceEqual(full.AsSpan(21));
    }

    /// <summary>A segwit address: witness version 0 uses Bech32, 1 and up Bech32m.</summary>
    public static string SegwitAddress(string hrp, int witnessVersion, ReadOnlySpan<byte> program)
    {
        List<byte> data = [(byte)witnessVersion];
        var accumulator = 0;
        var bits = 0;
        foreach (var b in program)
        {
            accumulator = (accumulator << 8) | b;
            bits += 8;
            for (; bits >= 5; bits -= 5)
            {
                data.Add((byte)((accumulator >> (bits - 5)) & 31));
            }
        }

        if (bits > 0)
        {
            data.Add((byte)((accumulator << (5 - bits)) & 31));
        }

        var constant = witnessVersion == 0 ? Bech32Constant : Bech32MConstant;
        var polymod = Polymod([.. ExpandHrp(hrp), .. data, 0, 0, 0, 0, 0, 0]) ^ constant;
        var address = new StringBuilder(hrp).Append('1');
        foreach (var value in data)
        {
            address.Append(Bech32Charset[value]);
        }

        for (var i = 0; i < 6; i++)
        {
            address.Append(Bech32Charset[(int)((polymod >> (5 * (5 - i))) & 31)]);
        }

        return address.ToString();
    }

    public static bool IsBech32Valid(string address)
    {
        var separator = address.LastIndexOf('1');
        if (separator < 1 || address.Length > 90 || address.Any(char.IsAsciiLetterUpper))
        {
            return false;
        }

        var data = new List<byte>();
        foreach (var c in address[(separator + 1)..])
        {
            var value = Bech32Charset.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                return false;
            }

            data.Add((byte)value);
        }

        var polymod = Polymod([.. ExpandHrp(address[..separator]), .. data]);
        return polymod == (data[0] == 0 ? Bech32Constant : Bech32MConstant);
    }

    /// <summary>EIP-55: a hex letter is upper case when the matching nibble of Keccak-256(lower-case hex) is 8 or more.</summary>
    public static string Eip55(ReadOnlySpan<byte> addressBytes)
    {
        var hex = Convert.ToHexStringLower(addressBytes);
        var hash = Keccak256.Hash(Encoding.ASCII.GetBytes(hex));
        var result = new StringBuilder("0x");
        for (var i = 0; i < hex.Length; i++)
        {
            var nibble = (i % 2 == 0 ? hash[i / 2] >> 4 : hash[i / 2]) & 0xF;
            result.Append(nibble >= 8 ? char.ToUpperInvariant(hex[i]) : hex[i]);
        }

        return result.ToString();
    }

    /// <summary>An all-lower or all-upper address carries no checksum and is valid; a mixed-case one must match EIP-55.</summary>
    public static bool IsEthereumValid(string address)
    {
        if (address.Length != 42 || !address.StartsWith("0x", StringComparison.Ordinal) || !address[2..].All(char.IsAsciiHexDigit))
        {
            return false;
        }

        var body = address[2..];
        return !body.Any(char.IsAsciiLetterUpper) || !body.Any(char.IsAsciiLetterLower)
            || address == Eip55(Convert.FromHexString(body));
    }

    private static IEnumerable<byte> ExpandHrp(string hrp) =>
        [.. hrp.Select(c => (byte)(c >> 5)), 0, .. hrp.Select(c => (byte)(c & 31))];

    private static uint Polymod(IEnumerable<byte> values)
    {
        uint checksum = 1;
        foreach (var value in values)
        {
            var top = checksum >> 25;
            checksum = ((checksum & 0x1FFFFFF) << 5) ^ value;
            for (var i = 0; i < 5; i++)
            {
                checksum ^= ((top >> i) & 1) != 0 ? Generator[i] : 0;
            }
        }

        return checksum;
    }
}
