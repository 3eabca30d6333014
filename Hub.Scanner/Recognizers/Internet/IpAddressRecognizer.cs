using System.Buffers;
using System.Net;
using Hub.Core.Entities;
using Hub.Scanner.Recognizers.Secrets;

namespace Hub.Scanner.Recognizers.Internet;

/// <summary>
/// IPv4 and IPv6 addresses, optionally with a CIDR prefix (and a zone for IPv6), at Presidio's 0.6.
/// IPv4: four dotted octets 0–255 without leading zeros, not inside a longer dotted number (the
/// version <c>1.2.3.4.5</c>) nor after the word "version". IPv6: a run of hex digits and colons (and an
/// embedded dotted quad) that <see cref="IPAddress.TryParse(ReadOnlySpan{char}, out IPAddress?)"/> accepts;
/// code such as <c>std::vector</c> or <c>a::b</c> is not a run on its own or has no digit.
/// </summary>
internal sealed class IpAddressRecognizer : IRecognizer
{
    private const double Score = 0.6;
    private const int MaxIPv6 = 45;

    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");
    private static readonly SearchValues<char> DigitsAndDots = SearchValues.Create(".0123456789");
    private static readonly SearchValues<char> IPv6Chars = SearchValues.Create(".0123456789:ABCDEFabcdef");
    private static readonly SearchValues<char> Hex = SearchValues.Create("0123456789ABCDEFabcdef");

    public string Name => nameof(IpAddressRecognizer);

    public IReadOnlyList<EntityDefinition> Entities { get; } =
    [
        new(EntityNames.IpAddress, "IPv4 or IPv6 address, optionally with a CIDR prefix.", ["ip", "ipv4", "ipv6", "address", "addr", "host", "server", "client"]),
    ];

    public void Analyze(string text, IReadOnlySet<string> enabled, List<RecognizerResult> results)
    {
        if (!enabled.Contains(EntityNames.IpAddress))
        {
            return;
        }

        var span = text.AsSpan();
        if (span.IndexOf('.') >= 0)
        {
            FindIPv4(span, results);
        }

        if (span.IndexOf(':') >= 0)
        {
            FindIPv6(span, results);
        }
    }

    private static void FindIPv4(ReadOnlySpan<char> text, List<RecognizerResult> results)
    {
        var position = 0;
        while (position < text.Length)
        {
            var found = text[position..].IndexOfAny(Digits);
            if (found < 0)
            {
                return;
            }

            var start = position + found;

            // The whole dotted-number run is decided here, so scanning resumes after it.
            var runEnd = start + TextRuns.Run(text, start, DigitsAndDots, int.MaxValue);
            position = runEnd;
            if ((start > 0 && (TextRuns.IsWordAt(text, start - 1) || text[start - 1] == '.')) || !TryDottedQuad(text, start, out var end)
                || (end < runEnd && !(text[end] == '.' && !TextRuns.IsWordAt(text, end + 1))) || TextRuns.IsAfterVersionWord(text, start))
            {
                continue;
            }

            if (TextRuns.At(text, end, '/'))
            {
                var prefix = TextRuns.Digits(text, end + 1, 3);
                if (prefix is 1 or 2 && TextRuns.Number(text, end + 1, prefix) <= 32 && !TextRuns.IsWordAt(text, end + 1 + prefix))
                {
                    end += 1 + prefix;
                }
            }

            if (!TextRuns.IsWordAt(text, end))
            {
                results.Add(new RecognizerResult(EntityNames.IpAddress, start, end, Score));
            }
        }
    }

    private static bool TryDottedQuad(ReadOnlySpan<char> text, int start, out int end)
    {
        end = start;
        for (var octet = 0; octet < 4; octet++)
        {
            if (octet > 0)
            {
                if (!TextRuns.At(text, end, '.'))
                {
                    return false;
                }

                end++;
            }

            var digits = TextRuns.Digits(text, end, 4);
            if (digits is 0 or > 3 || (digits > 1 && text[end] == '0') || TextRuns.Number(text, end, digits) > 255)
            {
                return false;
            }

            end += digits;
        }

        return true;
    }

    private static void FindIPv6(ReadOnlySpan<char> text, List<RecognizerResult> results)
    {
        var position = 0;
        while (position < text.Length)
        {
            var found = text[position..].IndexOf(':');
            if (found < 0)
            {
                return;
            }

            var colon = position + found;
            var start = colon;
            while (start > 0 && colon - start < 4 && Hex.Contains(text[start - 1]))
            {
                start--;
            }

            var end = start + TextRuns.Run(text, start, IPv6Chars, MaxIPv6 + 1);
            position = Math.Max(end, colon + 1);
            if ((start > 0 && (TextRuns.IsWordAt(text, start - 1) || text[start - 1] is ':' or '.')) || end - start > MaxIPv6)
            {
                continue;
            }

            while (end > start && (text[end - 1] == '.' || (text[end - 1] == ':' && end - 2 >= start && text[end - 2] != ':')))
            {
                end--;
            }

            var candidate = text[start..end];
            if (candidate.Count(':') < 2 || candidate.IndexOfAny(Digits) < 0 || candidate.Length < 3 || TextRuns.IsWordAt(text, end) || !IPAddress.TryParse(candidate, out _))
            {
                continue;
            }

            end = WithZoneAndPrefix(text, end);
            results.Add(new RecognizerResult(EntityNames.IpAddress, start, end, Score));
        }
    }

    /// <summary>Extends past <c>%eth0</c> and <c>/64</c>.</summary>
    private static int WithZoneAndPrefix(ReadOnlySpan<char> text, int end)
    {
        if (TextRuns.At(text, end, '%'))
        {
            var zone = 0;
            while (zone < 15 && TextRuns.IsWordAt(text, end + 1 + zone))
            {
                zone++;
            }

            end += zone > 0 ? zone + 1 : 0;
        }

        if (TextRuns.At(text, end, '/'))
        {
            var prefix = TextRuns.Digits(text, end + 1, 4);
            if (prefix is >= 1 and <= 3 && TextRuns.Number(text, end + 1, prefix) <= 128 && !TextRuns.IsWordAt(text, end + 1 + prefix))
            {
                end += 1 + prefix;
            }
        }

        return end;
    }
}
