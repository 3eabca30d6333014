namespace Hub.Scanner.Checksums;

/// <summary>
/// The US DEA registration number: a registrant-type letter, the registrant's initial (or 9 for a business),
/// then seven digits whose last is the check digit: last digit of (d1 + d3 + d5) + 2 × (d2 + d4 + d6).
/// </summary>
internal static class DeaChecksum
{
    /// <summary>Registrant types the DEA issues (A, B, F, G practitioners; M mid-level; P–U distributors, X narcotic treatment…).</summary>
    private const string RegistrantTypes = "ABCDEFGHJKLMPRSTUX";

    public static bool IsValid(ReadOnlySpan<char> value)
    {
        if (value.Length != 9
            || !RegistrantTypes.Contains(char.ToUpperInvariant(value[0]), StringComparison.Ordinal)
            || !(char.IsAsciiLetter(value[1]) || value[1] == '9')
            || value[2..].ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        var digits = value[2..];
        var odd = (digits[0] - '0') + (digits[2] - '0') + (digits[4] - '0');
        var even = (digits[1] - '0') + (digits[3] - '0') + (digits[5] - '0');
        return (odd + (2 * even)) % 10 == digits[6] - '0';
    }
}
