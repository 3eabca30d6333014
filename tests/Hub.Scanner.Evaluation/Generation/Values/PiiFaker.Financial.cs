namespace Hub.Scanner.Evaluation.Generation.Values;

/// <summary>CREDIT_CARD (Luhn, several brands), IBAN_CODE (mod-97, several countries), US_BANK_NUMBER, CRYPTO_ADDRESS.</summary>
internal sealed partial class PiiFaker
{
    private static readonly (string Brand, string[] Prefixes, int Length)[] CardBrands =
    [
        ("Visa", ["4"], 16), ("Visa", ["4"], 16), ("Mastercard", ["51", "52", "53", "54", "55", "2221", "2500", "2720"], 16),
        ("Mastercard", ["51", "53", "55"], 16), ("Amex", ["34", "37"], 15), ("Discover", ["6011", "65", "644", "649"], 16),
        ("JCB", ["3528", "3550", "3589"], 16), ("Diners Club", ["36", "38"], 14), ("UnionPay", ["62"], 16),
    ];

    /// <summary>Country, then the BBAN shape: <c>n</c> a digit, <c>a</c> an upper-case letter, <c>c</c> either.</summary>
    private static readonly (string Country, string Bban)[] IbanShapes =
    [
        ("DE", "nnnnnnnnnnnnnnnnnn"), ("GB", "aaaannnnnnnnnnnnnn"), ("FR", "nnnnnnnnnncccccccccccnn"), ("ES", "nnnnnnnnnnnnnnnnnnnn"),
        ("IT", "annnnnnnnnncccccccccccc"), ("NL", "aaaannnnnnnnnn"), ("BE", "nnnnnnnnnnnn"), ("CH", "nnnnnccccccccccccc"),
        ("AT", "nnnnnnnnnnnnnnnn"), ("PL", "nnnnnnnnnnnnnnnnnnnnnnnn"), ("PT", "nnnnnnnnnnnnnnnnnnnnn"), ("IE", "aaaannnnnnnnnnnnnn"),
        ("SE", "nnnnnnnnnnnnnnnnnnnn"), ("DK", "nnnnnnnnnnnnnn"), ("NO", "nnnnnnnnnnn"), ("FI", "nnnnnnnnnnnnnn"),
        ("LU", "nnnccccccccccccc"), ("BR", "nnnnnnnnnnnnnnnnnnnnnnnac"),
    ];

    /// <summary>A Luhn-valid card number of a random brand, grouped the way people type it.</summary>
    public string CreditCard()
    {
        var (_, prefixes, length) = Pick(CardBrands);
        var body = Pick(prefixes);
        body += Digits(length - 1 - body.Length);
        var number = body + IdentifierRules.LuhnCheckDigit(body);
        var separator = Random.WeightedRandom([" ", "-", ""], [0.5f, 0.2f, 0.3f]);
        return length switch
        {
            15 => string.Join(separator, number[..4], number[4..10], number[10..]),
            14 => string.Join(separator, number[..4], number[4..10], number[10..]),
            _ => string.Join(separator, number[..4], number[4..8], number[8..12], number[12..]),
        };
    }

    /// <summary>A mod-97-valid IBAN of a random country (or <paramref name="country"/>), in print format or compact.</summary>
    public string Iban(string? country = null)
    {
        var shape = country is null ? Pick(IbanShapes) : IbanShapes.First(s => s.Country == country);
        var bban = string.Concat(shape.Bban.Select(c => c switch
        {
            'n' => (char)('0' + Int(0, 9)),
            'a' => (char)('A' + Int(0, 25)),
            _ => Chance(0.7) ? (char)('0' + Int(0, 9)) : (char)('A' + Int(0, 25)),
        }));
        var iban = shape.Country + IdentifierRules.IbanCheckDigits(shape.Country, bban) + bban;
        return Chance(0.55) ? string.Join(' ', iban.Chunk(4).Select(chunk => new string(chunk))) : iban;
    }

    /// <summary>A US account number: 8 to 17 digits (most banks use 10 to 12).</summary>
    public string BankAccount() => (char)('1' + Int(0, 8)) + Digits(Chance(0.7) ? Int(9, 11) : Int(7, 16));

    /// <summary>A Bitcoin address (P2PKH, P2SH, Bech32 v0, Bech32m taproot) or an Ethereum one (EIP-55 or lower case).</summary>
    public string CryptoAddress()
    {
        var roll = Random.Double();
        return roll switch
        {
            < 0.22 => CryptoEncodings.Base58Check(0x00, Random.Bytes(20)),
            < 0.34 => CryptoEncodings.Base58Check(0x05, Random.Bytes(20)),
            < 0.56 => CryptoEncodings.SegwitAddress("bc", 0, Random.Bytes(20)),
            < 0.62 => CryptoEncodings.SegwitAddress("bc", 0, Random.Bytes(32)),
            < 0.70 => CryptoEncodings.SegwitAddress("bc", 1, Random.Bytes(32)),
            < 0.94 => CryptoEncodings.Eip55(Random.Bytes(20)),
            _ => "0x" + Convert.ToHexStringLower(Random.Bytes(20)),
        };
    }
}
