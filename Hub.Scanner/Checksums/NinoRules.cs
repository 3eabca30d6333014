namespace Hub.Scanner.Checksums;

/// <summary>
/// UK National Insurance number rules (HMRC National Insurance Manual NIM39110): two prefix letters, six
/// digits, a suffix A–D. The first letter is never D, F, I, Q, U or V; the second never D, F, I, O, Q, U or V;
/// BG, GB, KN, NK, NT, TN and ZZ are not allocated. There is no check digit.
/// </summary>
internal static class NinoRules
{
    public static bool IsValidPrefix(char first, char second)
    {
        first = char.ToUpperInvariant(first);
        second = char.ToUpperInvariant(second);
        if (!char.IsAsciiLetterUpper(first) || !char.IsAsciiLetterUpper(second)
            || first is 'D' or 'F' or 'I' or 'Q' or 'U' or 'V'
            || second is 'D' or 'F' or 'I' or 'O' or 'Q' or 'U' or 'V')
        {
            return false;
        }

        return (first, second) is not (('B', 'G') or ('G', 'B') or ('K', 'N') or ('N', 'K') or ('N', 'T') or ('T', 'N') or ('Z', 'Z'));
    }

    public static bool IsValidSuffix(char suffix) => char.ToUpperInvariant(suffix) is >= 'A' and <= 'D';

    /// <summary>A compact number such as <c>AB123456C</c>.</summary>
    public static bool IsValid(ReadOnlySpan<char> compact) =>
        compact.Length == 9
        && IsValidPrefix(compact[0], compact[1])
        && !compact[2..8].ContainsAnyExceptInRange('0', '9')
        && IsValidSuffix(compact[8]);
}
