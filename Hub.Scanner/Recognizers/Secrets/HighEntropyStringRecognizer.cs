using System.Buffers;
using Hub.Core.Entities;

namespace Hub.Scanner.Recognizers.Secrets;

/// <summary>
/// Random-looking strings that are credentials only by context: "Use the key 22a69d4b…", "token 8f7d…".
/// A standalone run of 16–256 base64 characters that mixes letters and digits, has no repeated
/// placeholder characters and an entropy of at least 3.2 bits per character is proposed as API_KEY at
/// 0.3: below the default threshold, so only a context word ("key", "token", "secret", …) near it
/// reports it. A hash after "sha256:" or "MD5" has no such word and stays unreported.
/// </summary>
internal sealed class HighEntropyStringRecognizer : IRecognizer
{
    private const int MinLength = 16;
    private const int MaxLength = 256;
    private const double Score = 0.3;

    private static readonly SearchValues<char> RunChars = SearchValues.Create("+-/0123456789=ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz");

    public string Name => nameof(HighEntropyStringRecognizer);

    public IReadOnlyList<EntityDefinition> Entities { get; } = [SecretEntities.ApiKey];

    public void Analyze(string text, IReadOnlySet<string> enabled, List<RecognizerResult> results)
    {
        if (!enabled.Contains(EntityNames.ApiKey))
        {
            return;
        }

        // Probe every MinLength-th character, as SecretTokenRecognizer does: prose has few long runs.
        var span = text.AsSpan();
        var position = 0;
        var (blockStart, blockEnd) = NextPemBlock(span, 0);
        while (TextRuns.NextLongRun(span, ref position, RunChars, MinLength, out var start, out var end))
        {
            // '=' is base64 padding only at the end; inside the run it is an assignment (NAME=value).
            var assignment = span[start..end].TrimEnd('=').LastIndexOf('=');
            start += assignment + 1;

            // The base64 lines of a PEM block (public keys and certificates too) are PrivateKeyRecognizer's business.
            while (blockEnd <= start)
            {
                (blockStart, blockEnd) = NextPemBlock(span, blockEnd);
            }

            if (end - start is >= MinLength and <= MaxLength && start < blockStart && (start == 0 || span[start - 1] is not ('.' or '@' or '\\'))
                && LooksLikeSecret(span[start..end]) && !IsCodeAssignmentValue(span, start))
            {
                results.Add(new RecognizerResult(EntityNames.ApiKey, start, end, Score));
            }
        }
    }

    /// <summary>The next <c>-----BEGIN</c>…<c>-----END</c> range at or after <paramref name="from"/>; (max, max) when none.</summary>
    private static (int Start, int End) NextPemBlock(ReadOnlySpan<char> text, int from)
    {
        var begin = from < text.Length ? text[from..].IndexOf("-----BEGIN ", StringComparison.Ordinal) : -1;
        if (begin < 0)
        {
            return (int.MaxValue, int.MaxValue);
        }

        begin += from;
        var end = text[begin..].IndexOf("-----END ", StringComparison.Ordinal);
        return (begin, end < 0 ? text.Length : begin + end + 9);
    }

    private static bool LooksLikeSecret(ReadOnlySpan<char> value)
    {
        if (value[0] is '/' or '-' or '=' or '+' || value.IndexOf("//", StringComparison.Ordinal) >= 0
            || !value.ContainsAnyInRange('0', '9') || !ContainsLetter(value) || !SecretValueShape.LooksRandom(value)
            || SecretValueShape.HasLongRepeat(value) || SecretValueShape.IsDocumentationExample(value) || HasWordSegment(value))
        {
            return false;
        }

        return SecretValueShape.Entropy(value) >= 3.2;
    }

    /// <summary>
    /// The value of <c>"private_key_id": "…"</c> or <c>REQUEST_ID=…</c>: a code identifier names it, and
    /// <see cref="CredentialAssignmentRecognizer"/> already decided whether that name is a credential. Prose
    /// labels (<c>key: …</c>, <c>Token: …</c>) still count, with their context word.
    /// </summary>
    private static bool IsCodeAssignmentValue(ReadOnlySpan<char> text, int start)
    {
        var p = start;
        p -= p > 0 && text[p - 1] is '"' or '\'' ? 1 : 0;
        while (p > 0 && start - p < 4 && text[p - 1] == ' ')
        {
            p--;
        }

        if (p == 0 || text[p - 1] is not (':' or '='))
        {
            return false;
        }

        p--;
        p -= p > 0 && text[p - 1] is '>' or ':' ? 1 : 0;
        while (p > 0 && text[p - 1] == ' ')
        {
            p--;
        }

        var quoted = p > 0 && text[p - 1] is '"' or '\'';
        var identifierEnd = quoted ? p - 1 : p;
        var identifierStart = identifierEnd;
        while (identifierStart > 0 && identifierEnd - identifierStart < 60 && (char.IsAsciiLetterOrDigit(text[identifierStart - 1]) || text[identifierStart - 1] is '_' or '-' or '.'))
        {
            identifierStart--;
        }

        var identifier = text[identifierStart..identifierEnd];
        return !identifier.IsEmpty && (quoted || identifier.IndexOfAny('_', '-', '.') >= 0 || identifier[1..].IndexOfAnyInRange('A', 'Z') >= 0);
    }

    private static bool ContainsLetter(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (char.IsAsciiLetter(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A path such as <c>src/components/Button2</c>: some <c>/</c>, <c>-</c> or <c>_</c> segment is a lower-case word.</summary>
    private static bool HasWordSegment(ReadOnlySpan<char> value)
    {
        var wordLength = 0;
        var separated = false;
        foreach (var c in value)
        {
            if (c is '/' or '-' or '_')
            {
                if (wordLength >= 3)
                {
                    return true;
                }

                separated = true;
                wordLength = 0;
            }
            else
            {
                wordLength = char.IsAsciiLetterLower(c) && wordLength >= 0 ? wordLength + 1 : -1;
            }
        }

        return separated && wordLength >= 3;
    }
}
