using System.Buffers;
using Hub.Core.Entities;

namespace Hub.Scanner.Recognizers.Secrets;

/// <summary>
/// PEM and OpenSSH private keys: the whole block from <c>-----BEGIN … PRIVATE KEY-----</c> to its
/// <c>-----END … PRIVATE KEY-----</c> line (1.0), or, when the END line is missing (a truncated
/// paste), the header and the base64 body that follows it (0.75). Newlines may be real or JSON-escaped.
/// </summary>
internal sealed class PrivateKeyRecognizer : IRecognizer
{
    private const string Begin = "-----BEGIN ";
    private const string End = "-----END ";
    private const string Dashes = "-----";

    /// <summary>RSA 16384-bit keys are about 12 KB of PEM; a longer gap means the END belongs to something else.</summary>
    private const int MaxBlock = 32 * 1024;

    private static readonly SearchValues<char> Base64 = SearchValues.Create("+/0123456789=ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
    private static readonly SearchValues<char> HeaderLine = SearchValues.Create(" +,-/0123456789:=ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    public string Name => nameof(PrivateKeyRecognizer);

    public IReadOnlyList<EntityDefinition> Entities { get; } = [SecretEntities.PrivateKey];

    public void Analyze(string text, IReadOnlySet<string> enabled, List<RecognizerResult> results)
    {
        if (!enabled.Contains(EntityNames.PrivateKey))
        {
            return;
        }

        var span = text.AsSpan();
        var position = 0;

        // The next END line is found once and reused until we pass it, so many BEGIN lines without
        // an END cost one forward search in total, not one per header.
        var nextEnd = -2;
        while (position < span.Length)
        {
            var found = span[position..].IndexOf(Begin, StringComparison.Ordinal);
            if (found < 0)
            {
                return;
            }

            var start = position + found;
            var headerEnd = LabelEnd(span, start + Begin.Length);
            if (headerEnd < 0)
            {
                position = start + Begin.Length;
                continue;
            }

            if (nextEnd != -1 && nextEnd < headerEnd)
            {
                var relative = span[headerEnd..].IndexOf(End, StringComparison.Ordinal);
                nextEnd = relative < 0 ? -1 : headerEnd + relative;
            }

            var blockEnd = nextEnd >= 0 && nextEnd - headerEnd <= MaxBlock && !HasBeginBefore(span, headerEnd, nextEnd)
                ? LabelEnd(span, nextEnd + End.Length)
                : -1;
            if (blockEnd > 0)
            {
                results.Add(new RecognizerResult(EntityNames.PrivateKey, start, blockEnd, 1.0));
                position = blockEnd;
            }
            else
            {
                var bodyEnd = BodyEnd(span, headerEnd);
                results.Add(new RecognizerResult(EntityNames.PrivateKey, start, bodyEnd, 0.75));
                position = bodyEnd;
            }
        }
    }

    /// <summary>After <c>-----BEGIN </c> or <c>-----END </c>: a label ending in PRIVATE KEY (or PGP's PRIVATE KEY BLOCK), then dashes.</summary>
    private static int LabelEnd(ReadOnlySpan<char> text, int labelStart)
    {
        var window = text.Slice(labelStart, Math.Min(48, text.Length - labelStart));
        var dashes = window.IndexOf(Dashes, StringComparison.Ordinal);
        if (dashes < 0)
        {
            return -1;
        }

        var label = window[..dashes];
        var isKey = label.EndsWith("PRIVATE KEY", StringComparison.Ordinal) || label.EndsWith("PRIVATE KEY BLOCK", StringComparison.Ordinal);
        return isKey ? labelStart + dashes + Dashes.Length : -1;
    }

    private static bool HasBeginBefore(ReadOnlySpan<char> text, int from, int limit) =>
        text[from..limit].IndexOf(Begin, StringComparison.Ordinal) >= 0;

    /// <summary>
    /// The end of the base64 lines after an unterminated header. A line is a run of base64 ended by a
    /// real or JSON-escaped newline (or the text's end); the first line that is anything else (prose
    /// after a truncated paste) is not part of the key. Encrypted PEM's Proc-Type/DEK-Info lines are.
    /// </summary>
    private static int BodyEnd(ReadOnlySpan<char> text, int headerEnd)
    {
        var end = headerEnd;
        var p = headerEnd;
        while (p < text.Length && p - headerEnd < MaxBlock)
        {
            p = SkipNewlines(text, p);
            var line = TextRuns.Run(text, p, Base64, MaxBlock);
            if (TextRuns.Starts(text, p, "Proc-Type:") || TextRuns.Starts(text, p, "DEK-Info:"))
            {
                line = TextRuns.Run(text, p, HeaderLine, 128);
            }

            var lineEnd = p + line;
            if (line == 0 || !EndsLine(text, lineEnd))
            {
                break;
            }

            end = lineEnd;
            p = lineEnd;
        }

        return end;
    }

    private static bool EndsLine(ReadOnlySpan<char> text, int p)
    {
        while (p < text.Length && text[p] is ' ' or '\t')
        {
            p++;
        }

        return p == text.Length || text[p] is '\r' or '\n' || (text[p] == '\\' && (TextRuns.At(text, p + 1, 'n') || TextRuns.At(text, p + 1, 'r')))
            || text[p] is '"' or '\'';
    }

    private static int SkipNewlines(ReadOnlySpan<char> text, int p)
    {
        while (p < text.Length)
        {
            if (text[p] is '\r' or '\n' or ' ' or '\t')
            {
                p++;
            }
            else if (text[p] == '\\' && (TextRuns.At(text, p + 1, 'n') || TextRuns.At(text, p + 1, 'r')))
            {
                p += 2;
            }
            else
            {
                break;
            }
        }

        return p;
    }
}
