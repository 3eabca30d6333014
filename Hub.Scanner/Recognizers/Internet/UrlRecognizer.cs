using Hub.Core.Entities;
using Hub.Scanner.Recognizers.Secrets;

namespace Hub.Scanner.Recognizers.Internet;

/// <summary>
/// URLs, in two passes:
/// 1. with a scheme (<c>http</c>, <c>https</c>, <c>ftp</c>, <c>ftps</c>, <c>sftp</c>, <c>ws</c>, <c>wss</c>), found
///    from each <c>://</c>: 0.7 when the host ends in a known TLD, 0.6 for IPs, localhost and intranet names;
/// 2. without one, found from each dot: <c>www.x.com</c> (0.6), <c>example.co.uk/path</c> (0.55),
///    <c>example.com</c> (0.5). The TLD must be known and lower case, and a TLD that is also a file
///    extension (<c>setup.py</c>, <c>README.md</c>) needs <c>www.</c> or a path.
/// Trailing sentence punctuation and an unbalanced closing bracket are not part of a URL. Slack webhooks
/// are left to <see cref="SecretTokenRecognizer"/>, which scores them higher.
/// </summary>
internal sealed class UrlRecognizer : IRecognizer
{

    public string Name => nameof(UrlRecognizer);

    public IReadOnlyList<EntityDefinition> Entities { get; } =
    [
        new(EntityNames.Url, "Web or FTP address, with or without its scheme.", ["url", "link", "website", "site", "visit", "href", "endpoint"]),
    ];

    public void Analyze(string text, IReadOnlySet<string> enabled, List<RecognizerResult> results)
    {
        if (!enabled.Contains(EntityNames.Url))
        {
            return;
        }

        var span = text.AsSpan();
        var first = results.Count;
        if (span.IndexOf("://", StringComparison.Ordinal) >= 0)
        {
            FindWithScheme(span, results);
        }

        FindWithoutScheme(span, results, first);
    }

    private static void FindWithScheme(ReadOnlySpan<char> text, List<RecognizerResult> results)
    {
        var position = 0;
        while (position < text.Length)
        {
            var found = text[position..].IndexOf("://", StringComparison.Ordinal);
            if (found < 0)
            {
                return;
            }

            var separator = position + found;
            position = separator + 3;
            var start = UrlSyntax.SchemeStart(text, separator);
            var hostStart = separator + 3;
            var userInfo = text[hostStart..Math.Min(text.Length, hostStart + 256)];
            var atSign = userInfo.IndexOfAny('@', '/');
            if (atSign >= 0 && userInfo[atSign] == '@' && userInfo[..atSign].IndexOfAny(UrlSyntax.PathStops) < 0)
            {
                hostStart += atSign + 1;
            }

            var hostEnd = TextRuns.At(text, hostStart, '[') ? text[hostStart..].IndexOf(']') + hostStart + 1 : HostNames.End(text, hostStart);
            if (start < 0 || hostEnd <= hostStart || text[hostStart..hostEnd].StartsWith("hooks.slack.com", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var host = text[hostStart..hostEnd];
            var score = HostNames.TryGetTld(host, out var tld) && TopLevelDomains.IsKnown(tld) ? 0.7 : 0.6;
            var end = UrlSyntax.PathEnd(text, hostEnd, start);
            results.Add(new RecognizerResult(EntityNames.Url, start, end, score));
            position = end;
        }
    }

    private static void FindWithoutScheme(ReadOnlySpan<char> text, List<RecognizerResult> results, int first)
    {
        var covered = first;
        var position = 0;
        var floor = 0;
        var schemed = results.Count;
        while (position < text.Length)
        {
            var found = text[position..].IndexOf('.');
            if (found < 0)
            {
                return;
            }

            var dot = position + found;
            position = dot + 1;

            // Skip dots inside the URLs of the first pass (they are sorted by start).
            while (covered < schemed && results[covered].End <= dot)
            {
                covered++;
            }

            if (covered < schemed && results[covered].Start <= dot)
            {
                position = results[covered].End;
                continue;
            }

            if (dot == 0 || !char.IsAsciiLetterOrDigit(text[dot - 1]) || !TextRuns.IsWordAt(text, dot + 1))
            {
                continue;
            }

            // Never walk back into text an earlier host already covered: that keeps "a.a.a.…" linear.
            var start = dot;
            while (start > floor && dot - start < HostNames.MaxLength && HostNames.IsHostChar(text[start - 1]))
            {
                start--;
            }

            var hostEnd = HostNames.End(text, start);
            floor = Math.Max(floor, hostEnd);
            position = Math.Max(position, hostEnd);
            if (TryScoreBareHost(text, start, hostEnd, out var score))
            {
                var end = TextRuns.At(text, hostEnd, '/') || TextRuns.At(text, hostEnd, ':') ? UrlSyntax.PathEnd(text, hostEnd, start) : hostEnd;
                if (UrlSyntax.IsContainerImage(text, start, end))
                {
                    position = end;
                    continue;
                }

                results.Add(new RecognizerResult(EntityNames.Url, start, end, end > hostEnd && score < 0.6 ? 0.55 : score));
                position = end;
            }
        }
    }

    private static bool TryScoreBareHost(ReadOnlySpan<char> text, int start, int hostEnd, out double score)
    {
        score = 0;
        var host = text[start..hostEnd];
        var before = start > 0 ? text[start - 1] : ' ';
        var after = hostEnd < text.Length ? text[hostEnd] : ' ';
        if (before is '@' or '/' or '\\' or '_' or '$' or ')' or ']' or '~' or '-' || after is '@' or '(' or '_'
            || !HostNames.TryGetTld(host, out var tld) || !TopLevelDomains.IsKnown(tld) || !UrlSyntax.IsLower(tld))
        {
            return false;
        }

        var www = host.StartsWith("www.", StringComparison.OrdinalIgnoreCase);
        var path = after == '/' && TextRuns.IsWordAt(text, hostEnd + 1);
        if (!www && (!TopLevelDomains.IsBare(tld) || (TopLevelDomains.IsFileLike(tld) && !path)))
        {
            return false;
        }

        score = www ? 0.6 : 0.5;
        return true;
    }
}
