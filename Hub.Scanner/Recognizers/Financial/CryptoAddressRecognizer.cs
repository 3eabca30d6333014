using System.Buffers;
using Hub.Core.Entities;
using Hub.Scanner.Checksums;
using Hub.Scanner.Recognizers.Numbers;

namespace Hub.Scanner.Recognizers.Financial;

/// <summary>
/// Cryptocurrency addresses, each proven by its own checksum: Base58Check (legacy Bitcoin 1…/3…, and the
/// Litecoin, Dogecoin and Tron addresses of the same 25-byte layout), Bech32/Bech32m SegWit (bc1…, tb1…,
/// ltc1…), and Ethereum 0x + 40 hex with its EIP-55 capitalisation.
/// </summary>
internal sealed class CryptoAddressRecognizer : IRecognizer
{
    /// <summary>Base58Check, Bech32 or EIP-55 verified: a 32-bit (or stronger) checksum.</summary>
    public const double ValidScore = 1.0;

    /// <summary>0x + 40 hex in one case carries no checksum (EIP-55 predates many wallets' output), but the shape is specific.</summary>
    public const double UncheckedEthereumScore = 0.6;

    private const int Base58AddressBytes = 25;

    private static readonly SearchValues<char> Base58 = SearchValues.Create(Base58Check.Alphabet);

    public string Name => nameof(CryptoAddressRecognizer);

    public IReadOnlyList<EntityDefinition> Entities { get; } =
    [
        new(EntityNames.CryptoAddress, "Cryptocurrency wallet address (Bitcoin, Ethereum, Litecoin, …), checksum-verified.",
            ["wallet", "btc", "bitcoin", "eth", "ethereum", "ltc", "litecoin", "crypto", "coin", "address", "send", "usdt"]),
    ];

    public void Analyze(string text, IReadOnlySet<string> enabled, List<RecognizerResult> results)
    {
        if (!enabled.Contains(EntityNames.CryptoAddress))
        {
            return;
        }

        var position = 0;
        while (NumberScan.NextDigitToken(text, position, out var start, out var end))
        {
            position = end;
            var score = Score(text.AsSpan(start, end - start));
            if (score > 0)
            {
                results.Add(new RecognizerResult(EntityNames.CryptoAddress, start, end, score));
            }
        }
    }

    private static double Score(ReadOnlySpan<char> token)
    {
        if (token.Length == 42 && token[0] == '0' && token[1] is 'x' or 'X')
        {
            return Ethereum(token[2..]);
        }

        if (token.Length is >= 14 and <= Bech32.MaxLength
            && (token.StartsWith("bc1", StringComparison.OrdinalIgnoreCase) || token.StartsWith("tb1", StringComparison.OrdinalIgnoreCase)
                || token.StartsWith("ltc1", StringComparison.OrdinalIgnoreCase)))
        {
            return Bech32.IsValidSegwitAddress(token) ? ValidScore : 0;
        }

        // A Base58 string whose checksum fails is a typo or made up: not reported, as Presidio does.
        return token.Length is >= 25 and <= 35 && !token.ContainsAnyExcept(Base58) && Base58Check.IsValid(token, Base58AddressBytes)
            ? ValidScore
            : 0;
    }

    private static double Ethereum(ReadOnlySpan<char> hex)
    {
        if (!Eip55.IsHex(hex))
        {
            return 0;
        }

        var mixed = hex.ContainsAnyInRange('a', 'f') && hex.ContainsAnyInRange('A', 'F');
        return !mixed ? UncheckedEthereumScore : Eip55.HasValidChecksum(hex) ? ValidScore : 0;
    }
}
