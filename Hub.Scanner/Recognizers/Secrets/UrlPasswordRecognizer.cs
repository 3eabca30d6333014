using System.Buffers;
using Hub.Core.Entities;

namespace Hub.Scanner.Recognizers.Secrets;

/// <summary>
/// The password in a URL's user-info, the usual leak in connection strings:
/// <c>postgres://admin:S3cret!@db:5432/app</c>, <c>redis://:pw@host</c>, <c>amqp://user:pw@host</c>.
/// Reported as API_KEY (0.7) when it passes the password plausibility check. For <c>http(s)</c> the
/// whole URL, reported by the URL recognizer and as long or longer, usually wins the overlap; both redact it.
/// </summary>
internal sealed class UrlPasswordRecognizer : IRecognizer
{
    private const int MaxUserInfo = 256;

    /// <summary>Characters that end a user-info before its <c>@</c>: then there is no user-info.</summary>
    private static readonly SearchValues<char> UserInfoStops = SearchValues.Create(" \t\r\n\"'<>`/?#[]{}|\\");

    public string Name => nameof(UrlPasswordRecognizer);

    public IReadOnlyList<EntityDefinition> Entities { get; } = [SecretEntities.ApiKey];

    public void Analyze(string text, IReadOnlySet<string> enabled, List<RecognizerResult> results)
    {
        if (!enabled.Contains(EntityNames.ApiKey))
        {
            return;
        }

        var span = text.AsSpan();
        var position = 0;
        while (position < span.Length)
        {
            var found = span[position..].IndexOf("://", StringComparison.Ordinal);
            if (found < 0)
            {
                return;
            }

            var userInfoStart = position + found + 3;
            position = userInfoStart;
            var window = span.Slice(userInfoStart, Math.Min(MaxUserInfo, span.Length - userInfoStart));
            var stop = window.IndexOfAny(UserInfoStops);
            var userInfo = stop < 0 ? window : window[..stop];

            // The last @ ends the user-info: passwords may contain @ when the client does not escape it.
            var at = userInfo.LastIndexOf('@');
            var colon = at < 0 ? -1 : userInfo[..at].IndexOf(':');
            if (colon < 0 || at == colon + 1)
            {
                continue;
            }

            var password = userInfo[(colon + 1)..at];
            if (SecretValueShape.IsPlausible(password, password: true))
            {
                var start = userInfoStart + colon + 1;
                results.Add(new RecognizerResult(EntityNames.ApiKey, start, start + password.Length, 0.7));
                position = userInfoStart + at + 1;
            }
        }
    }
}
