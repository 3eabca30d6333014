namespace Hub.Scanner.Checksums;

/// <summary>
/// ISO 13616 IBANs: a country code, two check digits that make the rearranged number ≡ 1 (mod 97), and a
/// country-specific BBAN whose length and character classes come from the SWIFT IBAN Registry.
/// </summary>
internal static class Iban
{
    public const int MaxLength = 34;
    public const int MinLength = 15;

    /// <summary>
    /// Country code, total length, then the BBAN in registry notation (n digits, a upper-case letters, c either).
    /// Registry release 2025; the entries after YE are countries outside the registry whose banks publish IBANs
    /// (the "experimental" list banks such as Nordea validate), all digits or alphanumeric.
    /// </summary>
    private const string Registry =
        "AD24:4n4n12c AE23:3n16n AL28:8n16c AT20:5n11n AZ28:4a20c BA20:3n3n8n2n BE16:3n7n2n BG22:4a4n2n8c "
        + "BH22:4a14c BI27:5n5n11n2n BR29:8n5n10n1a1c BY28:4c4n16c CH21:5n12c CR22:4n14n CY28:3n5n16c "
        + "CZ24:4n6n10n DE22:8n10n DJ27:5n5n11n2n DK18:4n9n1n DO28:4c20n EE20:2n14n EG29:4n4n17n "
        + "ES24:4n4n1n1n10n FI18:3n11n FK18:2a12n FO18:4n9n1n FR27:5n5n11c2n GB22:4a6n8n GE22:2a16n "
        + "GI23:4a15c GL18:4n9n1n GR27:3n4n16c GT28:4c20c HN28:4a20n HR21:7n10n HU28:3n4n1n15n1n "
        + "IE22:4a6n8n IL23:3n3n13n IQ23:4a3n12n IS26:4n2n6n10n IT27:1a5n5n12c JO30:4a4n18c KW30:4a22c "
        + "KZ20:3n13c LB28:4n20c LC32:4a24c LI21:5n12c LT20:5n11n LU20:3n13c LV21:4a13c LY25:3n3n15n "
        + "MC27:5n5n11c2n MD24:2c18c ME22:3n13n2n MK19:3n10c2n MN20:4n12n MR27:5n5n11n2n MT31:4a5n18c "
        + "MU30:4a2n2n12n3n3a NI28:4a20n NL18:4a10n NO15:4n6n1n OM23:3n16c PK24:4a16c PL28:8n16n "
        + "PS29:4a21c PT25:4n4n11n2n QA29:4a21c RO24:4a16c RS22:3n13n2n RU33:9n5n15c SA24:2n18c "
        + "SC31:4a2n2n16n3a SD18:2n12n SE24:3n16n1n SI19:5n8n2n SK24:4n6n10n SM27:1a5n5n12c SO23:4n3n12n "
        + "ST25:4n4n11n2n SV28:4a20n TL23:3n14n2n TN24:2n3n13n2n TR26:5n1n16c UA29:6n19c VA22:3n15n "
        + "VG24:4a16n XK20:4n10n2n YE30:4a4n18c "
        + "AO25:21n BF28:2c22n BJ28:2c22n CF27:23n CG27:23n CI28:1a23n CM27:23n CV25:21n DZ26:22n GA27:23n "
        + "GQ27:23n GW25:2c19n IR26:22n KM27:23n MA28:24n MG27:23n ML28:1a23n MZ25:21n NE28:2a22n SN28:1a23n "
        + "TD27:23n TG28:2a22n";

    /// <summary>Per country (index <c>(c0 − 'A') × 26 + (c1 − 'A')</c>), one class letter per BBAN position.</summary>
    private static readonly string?[] BbanClasses = BuildTable();

    /// <summary>The IBAN length for the country code that starts <paramref name="value"/> (either case), or 0.</summary>
    public static int CountryLength(ReadOnlySpan<char> value)
    {
        var classes = value.Length >= 2 ? Lookup(value[0], value[1]) : null;
        return classes is null ? 0 : classes.Length + 4;
    }

    /// <summary>True when the compact IBAN's check digits are right: rearranged, it is ≡ 1 (mod 97). Either case.</summary>
    public static bool HasValidCheckDigits(ReadOnlySpan<char> compact)
    {
        if (compact.Length is < 5 or > MaxLength
            || !char.IsAsciiDigit(compact[2]) || !char.IsAsciiDigit(compact[3])
            || compact[2..4] is "00" or "01" or "99")
        {
            return false;
        }

        var remainder = 0;
        for (var i = 0; i < compact.Length; i++)
        {
            var c = char.ToUpperInvariant(compact[(i + 4) % compact.Length]);
            if (char.IsAsciiDigit(c))
            {
                remainder = ((remainder * 10) + (c - '0')) % 97;
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                remainder = ((remainder * 100) + (c - 'A' + 10)) % 97;
            }
            else
            {
                return false;
            }
        }

        return remainder == 1;
    }

    /// <summary>True when the compact IBAN has its country's length and BBAN classes (upper case only).</summary>
    public static bool MatchesCountryFormat(ReadOnlySpan<char> compact)
    {
        if (compact.Length < 4 || !char.IsAsciiLetterUpper(compact[0]) || !char.IsAsciiLetterUpper(compact[1]))
        {
            return false;
        }

        var classes = Lookup(compact[0], compact[1]);
        if (classes is null || compact.Length != classes.Length + 4)
        {
            return false;
        }

        for (var i = 0; i < classes.Length; i++)
        {
            var c = compact[i + 4];
            var ok = classes[i] switch
            {
                'n' => char.IsAsciiDigit(c),
                'a' => char.IsAsciiLetterUpper(c),
                _ => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c),
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Full validation of an IBAN as printed: spaces and dashes are ignored, letters must be upper case.</summary>
    public static bool IsValid(ReadOnlySpan<char> value)
    {
        Span<char> compact = stackalloc char[MaxLength];
        var length = 0;
        foreach (var c in value)
        {
            if (c is ' ' or '-')
            {
                continue;
            }

            if (length == MaxLength)
            {
                return false;
            }

            compact[length++] = c;
        }

        return MatchesCountryFormat(compact[..length]) && HasValidCheckDigits(compact[..length]);
    }

    private static string? Lookup(char first, char second)
    {
        first = char.ToUpperInvariant(first);
        second = char.ToUpperInvariant(second);
        return char.IsAsciiLetterUpper(first) && char.IsAsciiLetterUpper(second) ? BbanClasses[((first - 'A') * 26) + (second - 'A')] : null;
    }

    private static string?[] BuildTable()
    {
        var table = new string?[26 * 26];
        foreach (var entry in Registry.Split(' '))
        {
            var expected = int.Parse(entry.AsSpan(2, 2), System.Globalization.CultureInfo.InvariantCulture);
            var classes = new System.Text.StringBuilder();
            var count = 0;
            foreach (var c in entry.AsSpan(5))
            {
                if (char.IsAsciiDigit(c))
                {
                    count = (count * 10) + (c - '0');
                }
                else
                {
                    classes.Append(c, count);
                    count = 0;
                }
            }

            // A typo in the table must not ship: every entry's classes add up to its stated length.
            if (classes.Length + 4 != expected)
            {
                throw new InvalidOperationException($"IBAN registry entry {entry} does not add up.");
            }

            table[((entry[0] - 'A') * 26) + (entry[1] - 'A')] = classes.ToString();
        }

        return table;
    }
}
