using System.Buffers;

namespace Hub.Scanner.Recognizers.Secrets;

/// <summary>How a token's body is checked after its prefix.</summary>
internal enum TokenShape
{
    /// <summary>One run of <see cref="TokenFormat.Body"/> characters, length in [min, max].</summary>
    Run,

    /// <summary><c>header.payload.signature</c>, base64url (signature may be empty).</summary>
    Jwt,

    /// <summary><c>SG.</c> + 22 + <c>.</c> + 43 base64url characters.</summary>
    SendGrid,

    /// <summary><c>hooks.slack.com/services|workflows|triggers/…</c>, optionally after its scheme.</summary>
    SlackWebhook,
}

/// <param name="Prefix">Literal, case-sensitive prefix; the character before it must not be a letter or digit.</param>
/// <param name="Mixed">The body must mix at least two of upper case, lower case and digits (rejects placeholders).</param>
internal sealed record TokenFormat(string Prefix, string Entity, double Score, TokenShape Shape, SearchValues<char> Body, int Min, int Max, bool Mixed);

/// <summary>A token found at a position: its span and what it is.</summary>
internal readonly record struct TokenMatch(int Start, int End, string Entity, double Score);

/// <summary>
/// The well-known secret token formats, after the gitleaks / detect-secrets rule sets (Presidio has no
/// secret recognizers, see shared/research/presidio.md). One multi-string search finds every prefix;
/// each candidate then costs one bounded run check, so a scan is linear in the text.
/// </summary>
internal static partial class SecretTokenFormats
{
    /// <summary>Longest prefix first, so <c>sk-ant-</c> is tried before <c>sk-</c>.</summary>
    private static readonly TokenFormat[] Formats = [.. BuildFormats().OrderByDescending(f => f.Prefix.Length)];

    /// <summary>The first characters of every prefix but the Slack webhook's (which has characters outside <see cref="TokenChars"/>).</summary>
    public static readonly SearchValues<char> PrefixStarts =
        SearchValues.Create(string.Concat(Formats.Where(f => f.Shape != TokenShape.SlackWebhook).Select(f => f.Prefix[0]).Distinct()));

    /// <summary>The token characters that are not letters or digits: a prefix may start right after one.</summary>
    public static readonly SearchValues<char> InnerSeparators = SearchValues.Create("-._");

    /// <summary>The characters of every token but the webhook (which has slashes): base64url and the JWT/SendGrid dot.</summary>
    public static readonly SearchValues<char> TokenChars = SearchValues.Create("-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz");

    /// <summary>The shortest token, prefix included (an AWS access key id).</summary>
    public const int MinToken = 20;

    public const string SlackWebhookPrefix = "hooks.slack.com/";

    /// <summary>The formats, for the entity list and tests.</summary>
    public static IReadOnlyList<TokenFormat> All => Formats;

    /// <summary>Tries every format whose prefix starts at <paramref name="at"/>.</summary>
    public static bool TryMatch(ReadOnlySpan<char> text, int at, out TokenMatch match)
    {
        var rest = text[at..];
        foreach (var format in Formats)
        {
            if (rest.StartsWith(format.Prefix, StringComparison.Ordinal) && TryMatch(text, at, format, out match))
            {
                return true;
            }
        }

        match = default;
        return false;
    }

    private static bool TryMatch(ReadOnlySpan<char> text, int at, TokenFormat format, out TokenMatch match)
    {
        match = default;
        var start = at;
        if (format.Shape == TokenShape.SlackWebhook)
        {
            start = SchemeStart(text, at);
        }

        if (start > 0 && char.IsAsciiLetterOrDigit(text[start - 1]))
        {
            return false;
        }

        var bodyStart = at + format.Prefix.Length;
        int end;
        switch (format.Shape)
        {
            case TokenShape.Jwt:
                end = JwtEnd(text, at, format.Body);
                break;
            case TokenShape.SendGrid:
                var first = TextRuns.Run(text, bodyStart, format.Body, format.Min);
                end = first == format.Min && TextRuns.At(text, bodyStart + first, '.') && TextRuns.Run(text, bodyStart + first + 1, format.Body, format.Max) == format.Max
                    ? bodyStart + first + 1 + format.Max
                    : -1;
                break;
            case TokenShape.SlackWebhook:
                var path = text[bodyStart..];
                var known = path.StartsWith("services/T", StringComparison.Ordinal) || path.StartsWith("workflows/", StringComparison.Ordinal) || path.StartsWith("triggers/", StringComparison.Ordinal);
                var length = TrimEnd(text, bodyStart, TextRuns.Run(text, bodyStart, format.Body, format.Max + 1), '/');
                end = known && length >= format.Min && length <= format.Max ? bodyStart + length : -1;
                break;
            default:
                var run = TextRuns.Run(text, bodyStart, format.Body, format.Max + 1);
                end = run >= format.Min && run <= format.Max && (!format.Mixed || SecretValueShape.LooksRandom(text.Slice(bodyStart, run))) ? bodyStart + run : -1;
                break;
        }

        // A token glued to more word characters (a longer run, a different alphabet) is something else.
        if (end < 0 || (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_'))
            || (format.Shape == TokenShape.Run && SecretValueShape.HasLongRepeat(text[at..end])))
        {
            return false;
        }

        var score = format.Shape == TokenShape.Jwt && !HasSignature(text[at..end]) ? 0.6 : format.Score;
        match = new TokenMatch(start, end, format.Entity, score);
        return true;
    }

    /// <summary><c>eyJ…</c> header, payload of at least <c>Min</c> characters, optional signature.</summary>
    private static int JwtEnd(ReadOnlySpan<char> text, int at, SearchValues<char> body)
    {
        var header = TextRuns.Run(text, at, body, 4096);
        var payloadStart = at + header + 1;
        if (header < 10 || !TextRuns.At(text, at + header, '.') || !TextRuns.At(text, payloadStart, 'e') || !TextRuns.At(text, payloadStart + 1, 'y'))
        {
            return -1;
        }

        var payload = TextRuns.Run(text, payloadStart, body, 8192);
        if (payload < 10 || !TextRuns.At(text, payloadStart + payload, '.'))
        {
            return -1;
        }

        var signatureStart = payloadStart + payload + 1;
        return signatureStart + TextRuns.Run(text, signatureStart, body, 1024);
    }

    private static bool HasSignature(ReadOnlySpan<char> jwt) => jwt.Length - jwt.LastIndexOf('.') > 16;

    /// <summary>Moves back over <c>https://</c> or <c>http://</c> right before <paramref name="at"/>.</summary>
    private static int SchemeStart(ReadOnlySpan<char> text, int at)
    {
        var before = text[..at];
        if (before.EndsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return at - 8;
        }

        return before.EndsWith("http://", StringComparison.OrdinalIgnoreCase) ? at - 7 : at;
    }

    private static int TrimEnd(ReadOnlySpan<char> text, int from, int length, char trailing)
    {
        while (length > 0 && text[from + length - 1] == trailing)
        {
            length--;
        }

        return length;
    }
}
