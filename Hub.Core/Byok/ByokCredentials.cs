using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hub.Core.Byok;

/// <summary>
/// An organization's credentials for one provider, as the admin API receives them and as they are
/// sealed. Which fields matter depends on the provider's protocol (<see cref="ByokCredentialRules"/>):
/// <c>api_key</c> for most (bearer token, Anthropic <c>x-api-key</c>, Google API key, Azure
/// <c>api-key</c>, a Bedrock API key); AWS <c>access_key_id</c> + <c>secret_access_key</c> (+
/// <c>session_token</c>) and <c>region</c> for Bedrock's SigV4.
/// </summary>
public sealed record ByokCredentials(
    [property: JsonPropertyName("api_key")] string? ApiKey = null,
    [property: JsonPropertyName("access_key_id")] string? AccessKeyId = null,
    [property: JsonPropertyName("secret_access_key")] string? SecretAccessKey = null,
    [property: JsonPropertyName("session_token")] string? SessionToken = null,
    [property: JsonPropertyName("region")] string? Region = null)
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>
    /// The last four characters the API shows, to tell keys apart: of the API key, else of the AWS
    /// access key id (as AWS's own console shows it; the secret's never appear).
    /// </summary>
    public string Last4 => (ApiKey ?? AccessKeyId) is { Length: >= 4 } shown ? shown[^4..] : string.Empty;

    /// <summary>Never print secrets, even by accident in a debugger, a log or an exception message.</summary>
    public override string ToString() => nameof(ByokCredentials);

    /// <summary>What is sealed: compact UTF-8 JSON with the fields that are set.</summary>
    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static ByokCredentials FromUtf8Json(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<ByokCredentials>(json, Json) ?? throw new JsonException("Sealed credentials were null.");
}
