using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Hub.Core.Providers;

/// <summary>AWS credentials for one call. <see cref="ToString"/> never prints the secret.</summary>
public sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken)
{
    public override string ToString() => nameof(AwsCredentials);
}

/// <summary>
/// AWS Signature Version 4 for Bedrock (<c>shared/research/protocols.md</c> 4.5), proved against AWS's
/// published test suite in the tests. Overview:
/// 1. Stamp <c>x-amz-date</c> (from the injected clock) and, for temporary credentials, <c>x-amz-security-token</c>.
/// 2. Canonical request: method, the path URI-encoded once more than on the wire (non-S3 services sign
///    <c>%3A</c> as <c>%253A</c>; signing the wire form gives 403 for every model id with a colon),
///    empty query, the signed headers each once, lower-cased and sorted, and the body's SHA-256.
/// 3. String to sign over the credential scope <c>date/region/service/aws4_request</c>.
/// 4. Signing key by the HMAC chain from <c>"AWS4" + secret</c>, then the hex signature into <c>Authorization</c>.
/// </summary>
public sealed class SigV4Signer(TimeProvider time)
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>Signs a POST of <paramref name="body"/> with <c>Content-Type: application/json</c> (already set on the content).</summary>
    public void Sign(HttpRequestMessage message, ReadOnlySpan<byte> body, AwsCredentials credentials, string region, string service) =>
        Sign(message, "application/json", HexSha256(body), credentials, region, service);

    /// <summary>Signs a request without a body or query (a GET such as Bedrock's <c>ListFoundationModels</c>): no content type is signed.</summary>
    public void SignWithoutBody(HttpRequestMessage message, AwsCredentials credentials, string region, string service) =>
        Sign(message, null, HexSha256([]), credentials, region, service);

    private void Sign(HttpRequestMessage message, string? contentType, string payloadHash, AwsCredentials credentials, string region, string service)
    {
        var uri = message.RequestUri!;
        var host = uri.Authority;
        var amzDate = time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

        // Step 1
        message.Headers.Host = host;
        message.Headers.Add("x-amz-date", amzDate);
        // The signed headers in sorted order: content-type, host, x-amz-date, x-amz-security-token.
        var headers = new (string Name, string Value)[4];
        var count = 0;
        if (contentType is not null)
        {
            headers[count++] = ("content-type", contentType);
        }

        headers[count++] = ("host", host);
        headers[count++] = ("x-amz-date", amzDate);
        if (credentials.SessionToken is not null)
        {
            headers[count++] = ("x-amz-security-token", credentials.SessionToken);
            message.Headers.Add("x-amz-security-token", credentials.SessionToken);
        }

        message.Headers.TryAddWithoutValidation("Authorization",
            Authorization(message.Method.Method, CanonicalUri(uri.AbsolutePath), "", headers.AsSpan(0, count), payloadHash, credentials, region, service, amzDate));
    }

    /// <summary>Steps 2–4 for any request: <paramref name="headers"/> are the signed ones, lower-case names in sorted order.</summary>
    public static string Authorization(
        string method, string canonicalUri, string canonicalQuery, ReadOnlySpan<(string Name, string Value)> headers, string payloadHash,
        AwsCredentials credentials, string region, string service, string amzDate)
    {
        var date = amzDate[..8];
        var scope = $"{date}/{region}/{service}/aws4_request";
        var signedHeaders = SignedHeaders(headers);

        // Step 2
        var canonicalRequest = CanonicalRequest(method, canonicalUri, canonicalQuery, headers, signedHeaders, payloadHash);

        // Step 3
        var stringToSign = $"{Algorithm}\n{amzDate}\n{scope}\n{HexSha256(Encoding.UTF8.GetBytes(canonicalRequest))}";

        // Step 4
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(SigningKey(credentials.SecretAccessKey, date, region, service), Encoding.UTF8.GetBytes(stringToSign)));
        return $"{Algorithm} Credential={credentials.AccessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
    }

    public static string CanonicalRequest(
        string method, string canonicalUri, string canonicalQuery, ReadOnlySpan<(string Name, string Value)> headers, string signedHeaders, string payloadHash)
    {
        var text = new StringBuilder(256).Append(method).Append('\n').Append(canonicalUri).Append('\n').Append(canonicalQuery).Append('\n');
        foreach (var (name, value) in headers)
        {
            text.Append(name).Append(':').Append(value.Trim()).Append('\n');
        }

        return text.Append('\n').Append(signedHeaders).Append('\n').Append(payloadHash).ToString();
    }

    public static byte[] SigningKey(string secret, string date, string region, string service)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secret), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        return HMACSHA256.HashData(key, "aws4_request"u8);
    }

    /// <summary>
    /// The wire path (already percent-encoded, e.g. <c>/model/x-v1%3A0/converse</c>) encoded once more,
    /// segment by segment, keeping only RFC 3986 unreserved characters: the second encoding AWS
    /// requires of every service but S3.
    /// </summary>
    public static string CanonicalUri(string wirePath)
    {
        if (wirePath.Length == 0)
        {
            return "/";
        }

        var utf8 = Encoding.UTF8.GetBytes(wirePath);
        if (utf8.AsSpan().IndexOfAnyExcept(Unreserved) < 0)
        {
            return wirePath;
        }

        var text = new StringBuilder(utf8.Length + 16);
        foreach (var b in utf8)
        {
            if (Unreserved.Contains(b))
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append(HexUpper[b >> 4]).Append(HexUpper[b & 0xF]);
            }
        }

        return text.ToString();
    }

    public static string HexSha256(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>RFC 3986 unreserved characters, plus the segment separator.</summary>
    private static readonly SearchValues<byte> Unreserved =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~/"u8);

    private const string HexUpper = "0123456789ABCDEF";

    private static string SignedHeaders(ReadOnlySpan<(string Name, string Value)> headers)
    {
        var names = new StringBuilder(64);
        foreach (var (name, _) in headers)
        {
            names.Append(names.Length == 0 ? "" : ";").Append(name);
        }

        return names.ToString();
    }
}
