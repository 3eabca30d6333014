using System.Buffers;
using System.Text.RegularExpressions;
using Hub.Core.Providers;

namespace Hub.Core.Byok;

/// <summary>
/// Checks the shape of credentials before they are stored, so a pasted-wrong key is refused at once
/// rather than at the first request. Per protocol: an <c>api_key</c> for OpenAI-compatible, Azure,
/// Anthropic and Gemini providers; for Bedrock either an <c>api_key</c> (a Bedrock API key) or an
/// AWS access key id and secret (and a session token for temporary <c>ASIA…</c> ids); Bedrock always
/// with a <c>region</c>. Where a provider publishes its key prefix, the key must carry it. Messages
/// name fields, never values.
/// </summary>
public static partial class ByokCredentialRules
{
    private const int MinKeyLength = 16;
    private const int MaxKeyLength = 1024;

    /// <summary>Printable ASCII without spaces: what every provider's keys are made of.</summary>
    private static readonly SearchValues<char> KeyCharacters = SearchValues.Create(
        "!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    /// <summary>Prefixes providers publish for their keys (protocols.md; each provider's key page).</summary>
    private static readonly Dictionary<string, string> Prefixes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["openai"] = "sk-",
        ["anthropic"] = "sk-ant-",
        ["groq"] = "gsk_",
        ["xai"] = "xai-",
        ["openrouter"] = "sk-or-",
    };

    /// <returns>Errors by field (<c>credentials.api_key</c>, …); empty when the credentials fit the provider.</returns>
    public static Dictionary<string, string[]> Check(string provider, string protocol, ByokCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (protocol == ProtocolNames.Bedrock)
        {
            CheckBedrock(credentials, errors);
        }
        else
        {
            CheckApiKey(provider, protocol, credentials.ApiKey, errors);
            foreach (var (field, value) in AwsFields(credentials))
            {
                if (value is not null)
                {
                    errors[$"credentials.{field}"] = [$"`{field}` applies to Bedrock only; {provider} takes an `api_key`."];
                }
            }
        }

        return errors;
    }

    private static void CheckApiKey(string provider, string protocol, string? apiKey, Dictionary<string, string[]> errors)
    {
        const string Field = "credentials.api_key";
        if (string.IsNullOrEmpty(apiKey))
        {
            errors[Field] = [$"{provider} needs an `api_key`."];
            return;
        }

        if (ShapeError(apiKey) is { } shape)
        {
            errors[Field] = [shape];
        }
        else if (protocol == ProtocolNames.Gemini && !GoogleApiKey().IsMatch(apiKey))
        {
            errors[Field] = ["A Google API key is `AIza` followed by 35 letters, digits, `-` or `_`."];
        }
        else if (Prefixes.TryGetValue(provider, out var prefix) && !apiKey.StartsWith(prefix, StringComparison.Ordinal))
        {
            errors[Field] = [$"{provider} keys start with `{prefix}`."];
        }
    }

    private static void CheckBedrock(ByokCredentials credentials, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(credentials.Region) || !AwsRegion().IsMatch(credentials.Region))
        {
            errors["credentials.region"] = ["Bedrock needs the AWS `region` its models are called in, such as `us-east-1`."];
        }

        var hasAwsKey = credentials.AccessKeyId is not null || credentials.SecretAccessKey is not null;
        if (credentials.ApiKey is not null)
        {
            if (hasAwsKey || credentials.SessionToken is not null)
            {
                errors["credentials"] = ["Give either a Bedrock `api_key` or an AWS `access_key_id` and `secret_access_key`, not both."];
            }
            else if (ShapeError(credentials.ApiKey) is { } shape)
            {
                errors["credentials.api_key"] = [shape];
            }

            return;
        }

        if (credentials.AccessKeyId is null || !AwsAccessKeyId().IsMatch(credentials.AccessKeyId))
        {
            errors["credentials.access_key_id"] = ["An AWS access key id is `AKIA` (long-term) or `ASIA` (temporary) followed by 16 capital letters or digits."];
        }

        if (credentials.SecretAccessKey is null || !AwsSecretAccessKey().IsMatch(credentials.SecretAccessKey))
        {
            errors["credentials.secret_access_key"] = ["An AWS secret access key is 40 characters of letters, digits, `/`, `+` or `=`."];
        }

        var temporary = credentials.AccessKeyId?.StartsWith("ASIA", StringComparison.Ordinal) == true;
        if (temporary && string.IsNullOrEmpty(credentials.SessionToken))
        {
            errors["credentials.session_token"] = ["Temporary credentials (`ASIA…`) need their `session_token`."];
        }
        else if (credentials.SessionToken is { } token && ShapeError(token, maxLength: 4096) is { } shape)
        {
            errors["credentials.session_token"] = [shape];
        }
    }

    private static string? ShapeError(string value, int maxLength = MaxKeyLength) =>
        value.Length < MinKeyLength || value.Length > maxLength || value.AsSpan().IndexOfAnyExcept(KeyCharacters) >= 0
            ? $"Keys are {MinKeyLength}–{maxLength} printable characters without spaces; check that the whole key was pasted, and nothing around it."
            : null;

    private static IEnumerable<(string Field, string? Value)> AwsFields(ByokCredentials credentials) =>
    [
        ("access_key_id", credentials.AccessKeyId),
        ("secret_access_key", credentials.SecretAccessKey),
        ("session_token", credentials.SessionToken),
        ("region", credentials.Region),
    ];

    [GeneratedRegex("^AIza[0-9A-Za-z_-]{35}$")]
    private static partial Regex GoogleApiKey();

    [GeneratedRegex("^(AKIA|ASIA)[A-Z0-9]{16}$")]
    private static partial Regex AwsAccessKeyId();

    [GeneratedRegex("^[A-Za-z0-9/+=]{40}$")]
    private static partial Regex AwsSecretAccessKey();

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$")]
    private static partial Regex AwsRegion();
}
