using System.Buffers;
using System.Buffers.Text;
using System.Net;
using System.Text;

namespace Hub.Scanner.Recognizers.Injection;

/// <summary>
/// Finds payloads an attacker encoded so a filter would not read them — base64 (standard and URL-safe),
/// hex (<c>69676e6f7265</c>, <c>\x69\x67</c>, <c>69 67 6e</c>), URL encoding (<c>%69%67</c>) and HTML character
/// references (<c>&amp;#105;</c>), <c>\u0069</c> escapes, and ROT13 or reversed text when the text says so — and decodes those that turn out to be readable text, for the detector to
/// scan. Bounded: at most <see cref="MaxPayloads"/> payloads and <see cref="MaxDecodedChars"/> decoded characters
/// per text, so an input made of thousands of encoded runs costs no more than a few.
/// </summary>
internal static class EncodedPayloads
{
    public const int MaxPayloads = 8;

    public const int MaxDecodedChars = 16 * 1024;

    private const int MinBase64Length = 20;

    private const int MinHexDigits = 16;

    private const int MinEscapes = 4;

    private static readonly SearchValues<char> Base64Chars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_");

    private static readonly SearchValues<string> CipherNames =
        SearchValues.Create(["rot13", "rot-13", "rot 13", "revers", "backwards"], StringComparison.OrdinalIgnoreCase);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Every decodable payload as (raw start, raw end, decoded text), within the bounds.</summary>
    public static List<(int Start, int End, string Decoded)> Find(string text)
    {
        var payloads = new List<(int Start, int End, string Decoded)>();
        var budget = MaxDecodedChars;
        for (var i = 0; i < text.Length && payloads.Count < MaxPayloads && budget > 0;)
        {
            var c = text[i];
            var end = i;
            string? decoded = null;
            if (c == '%' || c == '&' || (c == '\\' && i + 1 < text.Length && text[i + 1] is 'x' or 'u'))
            {
                end = EscapeRunEnd(text, i);
                decoded = DecodeEscapes(text.AsSpan(i, end - i));
            }
            else if (Base64Chars.Contains(c) && (i == 0 || !Base64Chars.Contains(text[i - 1])))
            {
                var length = text.AsSpan(i).IndexOfAnyExcept(Base64Chars);
                end = length < 0 ? text.Length : i + length;
                end = HexPairsEnd(text, i, end);
                var run = text.AsSpan(i, end - i);
                decoded = run.Length >= MinHexDigits && IsHex(run) ? DecodeHex(run)
                    : run.Length >= MinBase64Length ? DecodeBase64(run)
                    : null;
                while (end < text.Length && text[end] == '=')
                {
                    end++;
                }
            }

            if (decoded is not null && Readable(decoded))
            {
                var kept = decoded.Length <= budget ? decoded : decoded[..budget];
                budget -= kept.Length;
                payloads.Add((i, end, kept));
            }

            i = Math.Max(end, i + 1);
        }

        AddTransforms(text, payloads, budget);
        return payloads;
    }

    /// <summary>
    /// Whole-text ciphers an attacker has to name for the model to undo them: when the text mentions ROT13
    /// or reversing, the ROT13 and reversed readings of the whole text are weighed too.
    /// </summary>
    private static void AddTransforms(string text, List<(int Start, int End, string Decoded)> payloads, int budget)
    {
        if (text.Length > budget)
        {
            return;
        }

        // One vectorised search: case-insensitive string.Contains is slow under invariant globalization.
        var named = text.AsSpan().IndexOfAny(CipherNames);
        if (named < 0)
        {
            return;
        }

        if (text.AsSpan(named).StartsWith("rot", StringComparison.OrdinalIgnoreCase))
        {
            payloads.Add((0, text.Length, string.Create(text.Length, text, static (chars, source) =>
            {
                for (var i = 0; i < source.Length; i++)
                {
                    var c = source[i];
                    chars[i] = c switch
                    {
                        >= 'a' and <= 'z' => (char)('a' + ((c - 'a' + 13) % 26)),
                        >= 'A' and <= 'Z' => (char)('A' + ((c - 'A' + 13) % 26)),
                        _ => c,
                    };
                }
            })));
        }
        else
        {
            var reversed = text.ToCharArray();
            Array.Reverse(reversed);
            payloads.Add((0, text.Length, new string(reversed)));
        }
    }

    /// <summary>Space-separated hex pairs (<c>69 67 6e 6f</c>) continue a hex run across the spaces.</summary>
    private static int HexPairsEnd(string text, int start, int end)
    {
        if (end - start != 2 || !IsHex(text.AsSpan(start, 2)))
        {
            return end;
        }

        var pairs = 1;
        while (end + 2 < text.Length && text[end] == ' ' && char.IsAsciiHexDigit(text[end + 1]) && char.IsAsciiHexDigit(text[end + 2])
               && (end + 3 == text.Length || !char.IsAsciiLetterOrDigit(text[end + 3])))
        {
            end += 3;
            pairs++;
        }

        return pairs * 2 >= MinHexDigits ? end : start + 2;
    }

    /// <summary>The end of a run of <c>%XX</c>, <c>\xXX</c> or <c>&amp;#…;</c> escapes mixed with the plain characters between them.</summary>
    private static int EscapeRunEnd(string text, int start)
    {
        var end = start;
        while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not ('"' or '\'' or '<' or '>' or ')'))
        {
            end++;
        }

        return end;
    }

    private static string? DecodeEscapes(ReadOnlySpan<char> run)
    {
        var escapes = run.Count('%') + run.Count("\\x") + run.Count("\\u") + run.Count("&#");
        if (escapes < MinEscapes)
        {
            return null;
        }

        var text = run.ToString();
        if (text.Contains("&#", StringComparison.Ordinal))
        {
            return WebUtility.HtmlDecode(text);
        }

        if (text.Contains("\\x", StringComparison.Ordinal) || text.Contains("\\u", StringComparison.Ordinal))
        {
            try
            {
                return System.Text.RegularExpressions.Regex.Unescape(text);
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        try
        {
            return Uri.UnescapeDataString(text.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return null;
        }
    }

    private static bool IsHex(ReadOnlySpan<char> run)
    {
        var digits = 0;
        foreach (var c in run)
        {
            if (c != ' ')
            {
                if (!char.IsAsciiHexDigit(c))
                {
                    return false;
                }

                digits++;
            }
        }

        return digits % 2 == 0;
    }

    private static string? DecodeHex(ReadOnlySpan<char> run)
    {
        var digits = run.ToString().Replace(" ", string.Empty, StringComparison.Ordinal);
        try
        {
            return StrictUtf8.GetString(Convert.FromHexString(digits));
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException)
        {
            return null;
        }
    }

    private static string? DecodeBase64(ReadOnlySpan<char> run)
    {
        var bytes = new byte[run.Length * 3 / 4 + 3];
        int written;
        if (run.ContainsAny('-', '_'))
        {
            if (Base64Url.DecodeFromChars(run, bytes, out _, out written) != OperationStatus.Done)
            {
                return null;
            }
        }
        else if (!Convert.TryFromBase64Chars(PadBase64(run), bytes, out written))
        {
            return null;
        }

        try
        {
            return StrictUtf8.GetString(bytes, 0, written);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string PadBase64(ReadOnlySpan<char> run) =>
        (run.Length % 4) switch
        {
            2 => string.Concat(run, "=="),
            3 => string.Concat(run, "="),
            _ => run.ToString(),
        };

    /// <summary>Decoded bytes are text when they are mostly letters and spaces, with at least two words.</summary>
    private static bool Readable(string decoded)
    {
        if (decoded.Length < 8)
        {
            return false;
        }

        int letters = 0, spaces = 0, control = 0;
        foreach (var c in decoded)
        {
            if (char.IsLetter(c))
            {
                letters++;
            }
            else if (c == ' ')
            {
                spaces++;
            }
            else if (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            {
                control++;
            }
        }

        // A payload inside a payload (base64 of base64) is decoded on the next round.
        var nested = spaces == 0 && decoded.Length >= MinBase64Length && !decoded.AsSpan().ContainsAnyExcept(Base64Chars);
        return control == 0 && (nested || (spaces >= 1 && letters + spaces >= decoded.Length * 0.75));
    }
}
