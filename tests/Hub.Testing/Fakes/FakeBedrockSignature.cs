using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Hub.Testing.Fakes;

/// <summary>An AWS request refusal: the status, the <c>x-amzn-ErrorType</c> and the message AWS sends.</summary>
public sealed record AwsRefusal(int Status, string ErrorType, string Message);

/// <summary>
/// Checks a SigV4 <c>Authorization</c> header the way AWS does, written from AWS's Signature Version 4
/// reference independently of the gateway's signer: it recomputes the signature from the request as
/// received (the raw path, the signed headers' values, the body's SHA-256) and compares. The canonical
/// path of a non-S3 service is the wire path URI-encoded once more, so <c>%3A</c> is signed as <c>%253A</c>.
/// </summary>
public static class FakeBedrockSignature
{
    public const string SignatureMismatch =
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    /// <summary>AWS refuses a request whose x-amz-date is more than 5 minutes off its clock.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <param name="secrets">Access key id → (secret, session token or null) of the keys the fake knows.</param>
    /// <returns>Null when the signature is right; else the refusal AWS would answer.</returns>
    public static AwsRefusal? Verify(
        HttpRequest request, string rawPath, byte[] body, IReadOnlyDictionary<string, (string Secret, string? Token)> secrets, string region, DateTimeOffset now)
    {
        var authorization = request.Headers.Authorization.ToString();
        const string Prefix = "AWS4-HMAC-SHA256 ";
        if (!authorization.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return new AwsRefusal(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
        }

        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in authorization[Prefix.Length..].Split(',', StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !parts.TryAdd(part[..equals], part[(equals + 1)..]))
            {
                return Incomplete();
            }
        }

        if (!parts.TryGetValue("Credential", out var credential) || !parts.TryGetValue("SignedHeaders", out var signedHeaders) || !parts.TryGetValue("Signature", out var signature))
        {
            return Incomplete();
        }

        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request")
        {
            return Incomplete();
        }

        if (!secrets.TryGetValue(scope[0], out var key))
        {
            return new AwsRefusal(403, "UnrecognizedClientException", "The security token included in the request is invalid.");
        }

        if (scope[3] != "bedrock")
        {
            return new AwsRefusal(403, "InvalidSignatureException", "Credential should be scoped to correct service: 'bedrock'. ");
        }

        if (scope[2] != region)
        {
            return new AwsRefusal(403, "InvalidSignatureException", $"Credential should be scoped to a valid region. ");
        }

        var amzDate = request.Headers["x-amz-date"].ToString();
        if (!DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt) || scope[1] != amzDate[..8])
        {
            return new AwsRefusal(403, "IncompleteSignatureException", "Date must be in ISO-8601 'basic format' and match the credential scope date.");
        }

        if ((now - signedAt).Duration() > ClockSkew)
        {
            return new AwsRefusal(403, "InvalidSignatureException",
                $"Signature expired: {amzDate} is now earlier than {(now - ClockSkew).UtcDateTime:yyyyMMdd'T'HHmmss'Z'} ({now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'} - 5 min.)");
        }

        var names = signedHeaders.Split(';');
        // A GET has no body, so no content type to sign.
        var needsContentType = !HttpMethods.IsGet(request.Method);
        if (!names.SequenceEqual(names.Order(StringComparer.Ordinal).Distinct()) || !names.Contains("host") || !names.Contains("x-amz-date")
            || needsContentType && !names.Contains("content-type"))
        {
            return new AwsRefusal(403, "InvalidSignatureException", SignatureMismatch);
        }

        if (key.Token is not null && (request.Headers["x-amz-security-token"] != key.Token || !names.Contains("x-amz-security-token")))
        {
            return new AwsRefusal(403, "UnrecognizedClientException", "The security token included in the request is invalid.");
        }

        var expected = Signature(request.Method, rawPath, names, request.Headers, body, key.Secret, scope[1], region, amzDate);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature))
            ? null
            : new AwsRefusal(403, "InvalidSignatureException", SignatureMismatch);
    }

    /// <summary>The canonical path for every service but S3: each segment of the path as received, URI-encoded (RFC 3986 unreserved kept).</summary>
    public static string CanonicalPath(string rawPath) =>
        string.Join('/', rawPath.Split('/').Select(Uri.EscapeDataString));

    private static string Signature(
        string method, string rawPath, string[] names, IHeaderDictionary headers, byte[] body, string secret, string date, string region, string amzDate)
    {
        var canonical = new StringBuilder();
        canonical.Append(method).Append('\n').Append(CanonicalPath(rawPath)).Append("\n\n");
        foreach (var name in names)
        {
            var values = headers[name].Select(value => string.Join(' ', (value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)));
            canonical.Append(name).Append(':').Append(string.Join(',', values)).Append('\n');
        }

        canonical.Append('\n').Append(string.Join(';', names)).Append('\n').Append(Hex(SHA256.HashData(body)));
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{date}/{region}/bedrock/aws4_request\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))}";

        var signingKey = Encoding.UTF8.GetBytes("AWS4" + secret);
        foreach (var step in new[] { date, region, "bedrock", "aws4_request" })
        {
            signingKey = HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(step));
        }

        return Hex(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(stringToSign)));
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    private static AwsRefusal Incomplete() =>
        new(403, "IncompleteSignatureException", "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters.");
}
