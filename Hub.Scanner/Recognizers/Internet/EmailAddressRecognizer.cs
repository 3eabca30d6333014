using Hub.Core.Entities;
using Hub.Scanner.Recognizers.Secrets;

namespace Hub.Scanner.Recognizers.Internet;

/// <summary>
/// E-mail addresses, scanned outward from each <c>@</c>: a local part (at most 64 characters of
/// letters, digits and <c>. _ % + - '</c>) and a host of two or more labels. Like Presidio, a host
/// whose top-level domain is real validates the address (1.0); an unknown alphabetic TLD
/// (<c>corp.internal</c>) is weak (0.4) and needs an "email" context word. The user-info of a URL
/// (<c>https://user:pw@host</c>) is left to the URL.
/// </summary>
internal sealed class EmailAddressRecognizer : IRecognizer
{
    private const int MaxLocal = 64;

    public string Name => nameof(EmailAddressRecognizer);

    public IReadOnlyList<EntityDefinition> Entities { get; } =
    [
        new(EntityNames.EmailAddress, "E-mail address.", ["email", "e-mail", "mail", "contact", "address"]),
    ];

    public void Analyze(string text, IReadOnlySet<string> enabled, List<RecognizerResult> results)
    {
        if (!enabled.Contains(EntityNames.EmailAddress))
        {
            return;
        }

        var span = text.AsSpan();
        var position = 0;
        while (position < span.Length)
        {
            var found = span[position..].IndexOf('@');
            if (found < 0)
            {
                return;
            }

            var at = position + found;
            var end = HostNames.End(span, at + 1);
            position = Math.Max(end, at + 1);
            var start = LocalStart(span, at);
            if (start < 0 || !HostNames.TryGetTld(span[(at + 1)..end], out var tld) || TextRuns.IsWordAt(span, end) || IsUrlUserInfo(span, start) || IsScpTarget(span, end))
            {
                continue;
            }

            results.Add(new RecognizerResult(EntityNames.EmailAddress, start, end, TopLevelDomains.IsKnown(tld) ? 1.0 : 0.4));
        }
    }

    /// <summary>The start of the local part before <paramref name="at"/>, or -1 when it is empty, too long or malformed.</summary>
    private static int LocalStart(ReadOnlySpan<char> text, int at)
    {
        var start = at;
        while (start > 0 && IsLocalChar(text[start - 1]))
        {
            start--;
            if (at - start > MaxLocal)
            {
                return -1;
            }
        }

        while (start < at && text[start] is '.' or '\'' or '-' or '+' or '%')
        {
            start++;
        }

        var local = text[start..at];
        return local.IsEmpty || local[^1] == '.' || local.IndexOf("..", StringComparison.Ordinal) >= 0 ? -1 : start;
    }

    private static bool IsLocalChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-' or '\'' || (c > 127 && char.IsLetterOrDigit(c));

    /// <summary><c>git@github.com:org/repo.git</c>: an SSH/scp target, whose user is a service account, not a mailbox.</summary>
    private static bool IsScpTarget(ReadOnlySpan<char> text, int end) =>
        TextRuns.At(text, end, ':') && end + 1 < text.Length && (char.IsAsciiLetter(text[end + 1]) || text[end + 1] is '/' or '~');

    /// <summary><c>scheme://user:password@host</c>: the <c>://</c> sits in the same unbroken run before the local part.</summary>
    private static bool IsUrlUserInfo(ReadOnlySpan<char> text, int localStart)
    {
        if (localStart == 0 || text[localStart - 1] is not (':' or '/'))
        {
            return false;
        }

        var from = Math.Max(0, localStart - 200);
        var before = text[from..localStart];
        var space = before.LastIndexOfAny(' ', '\n', '\t');
        return before[(space + 1)..].IndexOf("://", StringComparison.Ordinal) >= 0;
    }
}
