using System.Buffers;
using Hub.Core.Entities;

namespace Hub.Scanner.Recognizers.Secrets;

/// <summary>
/// Generic credentials by their name: <c>api_key=…</c>, <c>"client_secret": "…"</c>, <c>--token …</c>,
/// <c>Authorization: Bearer …</c>, <c>password is …</c> (API_KEY), and 40-character AWS secret keys
/// assigned to an <c>aws…</c> or <c>…secret…</c> name (AWS_SECRET_KEY). Reports the value only.
/// 1. find a keyword (one multi-string search), check it is a whole part of an identifier;
/// 2. read the separator (<c>=</c>, <c>:</c>, <c>:=</c>, <c>=&gt;</c>, a flag's space, a prose "is");
/// 3. read the value, quoted or bare, at most <see cref="CredentialValueReader.MaxValue"/> characters;
/// 4. drop placeholders and references (<see cref="SecretValueShape.IsPlausible"/>) and values a
///    specific format reports better (<see cref="SecretTokenFormats"/>).
/// </summary>
internal sealed class CredentialAssignmentRecognizer : IRecognizer
{
    private const int MaxIdentifier = 40;

    private static readonly SearchValues<char> IdentifierChars = SearchValues.Create("-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz");

    public string Name => nameof(CredentialAssignmentRecognizer);

    public IReadOnlyList<EntityDefinition> Entities { get; } = [SecretEntities.ApiKey, SecretEntities.AwsSecretKey];

    public void Analyze(string text, IReadOnlySet<string> enabled, List<RecognizerResult> results)
    {
        var span = text.AsSpan();
        var position = 0;
        while (position < span.Length)
        {
            var found = span[position..].IndexOfAny(CredentialKeywords.Search);
            if (found < 0)
            {
                return;
            }

            var at = position + found;
            if (TryRead(span, at, out var result))
            {
                if (enabled.Contains(result.Entity))
                {
                    results.Add(result);
                }

                position = result.End;
            }
            else
            {
                position = at + 1;
            }
        }
    }

    private static bool TryRead(ReadOnlySpan<char> text, int at, out RecognizerResult result)
    {
        result = default;
        var keyword = CredentialKeywords.LongestAt(text, at);
        if (keyword is null)
        {
            return false;
        }

        // Step 1
        var keywordEnd = at + keyword.Length;
        if (keywordEnd < text.Length && text[keywordEnd] is 's' or 'S' && (keywordEnd + 1 == text.Length || !char.IsAsciiLetter(text[keywordEnd + 1])))
        {
            keywordEnd++;
        }

        if (keywordEnd < text.Length && char.IsAsciiLetter(text[keywordEnd]) && char.IsAsciiLetterLower(text[keywordEnd]) == char.IsAsciiLetterLower(text[keywordEnd - 1]))
        {
            return false;
        }

        var identifierEnd = keywordEnd + TextRuns.Run(text, keywordEnd, IdentifierChars, MaxIdentifier);
        while (identifierEnd > keywordEnd && text[identifierEnd - 1] is '.' or '-')
        {
            identifierEnd--;
        }

        var identifierStart = at;
        while (identifierStart > 0 && at - identifierStart < MaxIdentifier && IdentifierChars.Contains(text[identifierStart - 1]))
        {
            identifierStart--;
        }

        var suffix = text[keywordEnd..identifierEnd];
        var wholeWordBefore = at == 0 || !char.IsAsciiLetter(text[at - 1]) || (char.IsAsciiLetterLower(text[at - 1]) && char.IsAsciiLetterUpper(text[at]));
        if ((!wholeWordBefore && (keyword.Length < 5 || !suffix.IsEmpty)) || suffix.IndexOfAny(CredentialKeywords.NotSecretSuffixes) >= 0
            || text[identifierStart..at].IndexOfAny(CredentialKeywords.NotSecretPrefixes) >= 0)
        {
            return false;
        }

        // Step 2
        var prose = identifierStart == at && identifierEnd == keywordEnd;
        var flag = text[identifierStart] == '-';
        var p = CredentialValueReader.SkipQuote(text, identifierEnd);
        p = TextRuns.At(text, p, ']') ? p + 1 : p;
        var spaces = CredentialValueReader.SkipSpaces(text, p) - p;
        p += spaces;
        if (keyword == "bearer")
        {
            if (spaces == 0)
            {
                return false;
            }
        }
        else if (TextRuns.Starts(text, p, "=>") || TextRuns.Starts(text, p, ":=") || TextRuns.Starts(text, p, "=="))
        {
            p += 2;
        }
        else if (p < text.Length && text[p] is '=' or ':')
        {
            p++;
        }
        else if (prose && (TextRuns.Starts(text, p, "is ") || TextRuns.Starts(text, p, "was ")))
        {
            p += text[p] == 'i' ? 3 : 4;
        }
        else if (prose && spaces > 0 && CredentialValueReader.TrySkipProse(text, p, out var afterVerb))
        {
            p = afterVerb;
        }
        else if (!(flag && spaces > 0))
        {
            return false;
        }

        // Step 3
        p = CredentialValueReader.SkipSpaces(text, p);
        if (CredentialKeywords.IsAuthorization(keyword))
        {
            p = CredentialValueReader.SkipAuthScheme(text, p);
        }

        if (!CredentialValueReader.TryReadValue(text, p, out var valueStart, out var valueEnd))
        {
            return false;
        }

        // Step 4
        var value = text[valueStart..valueEnd];
        if (SecretTokenFormats.TryMatch(text, valueStart, out _) || value.IndexOf("://", StringComparison.Ordinal) >= 0)
        {
            return false;
        }

        var identifier = text[identifierStart..identifierEnd];
        if (SecretValueShape.IsAwsSecretShape(value)
            && (identifier.Contains("aws", StringComparison.OrdinalIgnoreCase) || identifier.Contains("secret", StringComparison.OrdinalIgnoreCase)))
        {
            result = new RecognizerResult(EntityNames.AwsSecretKey, valueStart, valueEnd, 0.85);
            return true;
        }

        var password = CredentialKeywords.IsPassword(keyword);
        if (!SecretValueShape.IsPlausible(value, password))
        {
            return false;
        }

        var score = password ? 0.7 : CredentialKeywords.IsAuthorization(keyword) ? 0.8 : 0.75;
        result = new RecognizerResult(EntityNames.ApiKey, valueStart, valueEnd, score);
        return true;
    }
}
