using Hub.Core.Entities;
using Hub.Scanner.Recognizers.Secrets;

namespace Hub.Scanner.Recognizers.Internet;

/// <summary>
/// MAC addresses: six hex pairs with one separator throughout (<c>00:1A:2B:3C:4D:5E</c> or with
/// hyphens), 0.7, or Cisco's three dotted quads (<c>001a.2b3c.4d5e</c>), 0.6; digits-only forms score
/// 0.5 (0.2 dotted) since they are as often ids. All-zero and broadcast addresses are placeholders, not reported.
/// </summary>
internal sealed class MacAddressRecognizer : IRecognizer
{
    public string Name => nameof(MacAddressRecognizer);

    public IReadOnlyList<EntityDefinition> Entities { get; } =
    [
        new(EntityNames.MacAddress, "MAC (hardware) address.", ["mac", "mac address", "hardware address", "physical address", "ethernet", "wifi", "bssid"]),
    ];

    public void Analyze(string text, IReadOnlySet<string> enabled, List<RecognizerResult> results)
    {
        if (!enabled.Contains(EntityNames.MacAddress))
        {
            return;
        }

        var span = text.AsSpan();
        var position = 0;
        while (position < span.Length)
        {
            var found = span[position..].IndexOfAny(':', '-', '.');
            if (found < 0)
            {
                return;
            }

            var separator = position + found;
            var cisco = span[separator] == '.';
            var start = separator - (cisco ? 4 : 2);
            var end = start < 0 ? -1 : cisco ? MatchCisco(span, start) : MatchPairs(span, start, span[separator]);
            if (end < 0 || (start > 0 && (TextRuns.IsWordAt(span, start - 1) || span[start - 1] is ':' or '-' or '.'))
                || TextRuns.IsWordAt(span, end) || (end < span.Length - 1 && span[end] is ':' or '-' or '.' && char.IsAsciiHexDigit(span[end + 1])))
            {
                position = separator + 1;
                continue;
            }

            var address = span[start..end];
            if (!IsPlaceholder(address) && !TextRuns.IsAfterVersionWord(span, start))
            {
                results.Add(new RecognizerResult(EntityNames.MacAddress, start, end, Score(address, cisco)));
            }

            position = end;
        }
    }

    /// <summary>Digits-only forms are as often ids; three dotted digit quads are usually a build number (2024.0315.1432).</summary>
    private static double Score(ReadOnlySpan<char> address, bool cisco) =>
        ContainsLetter(address) ? (cisco ? 0.6 : 0.7) : cisco ? 0.2 : 0.5;

    /// <summary><c>hh{sep}hh{sep}hh{sep}hh{sep}hh{sep}hh</c>; the end, or -1.</summary>
    private static int MatchPairs(ReadOnlySpan<char> text, int start, char separator)
    {
        var p = start;
        for (var group = 0; group < 6; group++)
        {
            if ((group > 0 && !TextRuns.At(text, p++, separator)) || !IsHex(text, p, 2))
            {
                return -1;
            }

            p += 2;
        }

        return p;
    }

    /// <summary><c>hhhh.hhhh.hhhh</c>; the end, or -1.</summary>
    private static int MatchCisco(ReadOnlySpan<char> text, int start)
    {
        var p = start;
        for (var group = 0; group < 3; group++)
        {
            if ((group > 0 && !TextRuns.At(text, p++, '.')) || !IsHex(text, p, 4))
            {
                return -1;
            }

            p += 4;
        }

        return p;
    }

    private static bool IsHex(ReadOnlySpan<char> text, int from, int count)
    {
        if (from + count > text.Length)
        {
            return false;
        }

        foreach (var c in text.Slice(from, count))
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPlaceholder(ReadOnlySpan<char> address)
    {
        var zeros = true;
        var ones = true;
        foreach (var c in address)
        {
            if (char.IsAsciiHexDigit(c))
            {
                zeros &= c == '0';
                ones &= c is 'f' or 'F';
            }
        }

        return zeros || ones;
    }

    private static bool ContainsLetter(ReadOnlySpan<char> address)
    {
        foreach (var c in address)
        {
            if (char.IsAsciiLetter(c))
            {
                return true;
            }
        }

        return false;
    }
}
