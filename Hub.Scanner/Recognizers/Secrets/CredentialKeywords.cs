using System.Buffers;

namespace Hub.Scanner.Recognizers.Secrets;

/// <summary>The words that name a credential in <c>name=value</c> assignments, and the words that show a name is not one.</summary>
internal static class CredentialKeywords
{
    /// <summary>Lower case; matched case-insensitively, the longest at a position wins.</summary>
    private static readonly string[] Words =
    [
        "api_key", "api-key", "apikey", "api key", "api.key", "secret", "token", "password", "passwd", "passphrase",
        "pwd", "pass", "access_key", "access-key", "accesskey", "private_key", "private-key", "privatekey", "auth",
        "authorization", "bearer", "credential", "app_key", "appkey", "master_key", "signing_key", "encryption_key",
        "client_key", "session_key", "auth_key", "authkey", "account_key", "accountkey", "consumer_key", "hmac_key",
    ];

    public static readonly SearchValues<string> Search = SearchValues.Create(Words, StringComparison.OrdinalIgnoreCase);

    /// <summary>Words after the keyword in a name that make it metadata: <c>token_url</c>, <c>secret_name</c>, <c>password_file</c>.</summary>
    public static readonly SearchValues<string> NotSecretSuffixes = SearchValues.Create(
        ["url", "uri", "endpoint", "path", "file", "dir", "type", "name", "count", "limit", "len", "size", "expir", "ttl",
         "timeout", "header", "field", "param", "env", "var", "prefix", "format", "policy", "rotation", "version", "enabled",
         "required", "mode", "arn", "ref", "location", "provider", "index", "usage", "budget", "_id", "-id", "hash", "ize", "izer"],
        StringComparison.OrdinalIgnoreCase);

    /// <summary>Words before the keyword that make it a number or a cursor: <c>max_tokens</c>, <c>next_page_token</c>.</summary>
    public static readonly SearchValues<string> NotSecretPrefixes = SearchValues.Create(
        ["max", "num", "total", "prompt", "completion", "input", "output", "reasoning", "cached", "page", "cursor", "continuation", "bypass"],
        StringComparison.OrdinalIgnoreCase);

    /// <summary>The longest keyword that starts at <paramref name="at"/>, or null.</summary>
    public static string? LongestAt(ReadOnlySpan<char> text, int at)
    {
        var rest = text[at..];
        string? longest = null;
        foreach (var word in Words)
        {
            if ((longest is null || word.Length > longest.Length) && rest.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            {
                longest = word;
            }
        }

        return longest;
    }

    public static bool IsPassword(string keyword) => keyword is "password" or "passwd" or "passphrase" or "pwd" or "pass";

    public static bool IsAuthorization(string keyword) => keyword is "authorization" or "bearer" or "auth";
}
