using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Hub.Admin.Alerts;

/// <summary>
/// How a delivery is signed (docs/budget-alerts.md): <c>x-hub-signature: sha256=&lt;hex&gt;</c>, the lower-case
/// hex HMAC-SHA256, keyed with the UTF-8 bytes of the secret, of the ASCII decimal
/// <c>x-hub-timestamp</c>, a full stop, and the exact body bytes: <c>"&lt;timestamp&gt;.&lt;body&gt;"</c>.
/// Signing the timestamp lets a receiver refuse an old request replayed.
/// </summary>
internal static class WebhookSignature
{
    public const string SignatureHeader = "x-hub-signature";
    public const string TimestampHeader = "x-hub-timestamp";
    public const string EventIdHeader = "x-hub-event-id";
    public const string EventTypeHeader = "x-hub-event";
    public const string Scheme = "sha256=";

    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var message = new ArrayBufferWriter<byte>(body.Length + 21);
        var prefix = message.GetSpan(21);
        timestamp.TryFormat(prefix, out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        prefix[written++] = (byte)'.';
        message.Advance(written);
        message.Write(body);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message.WrittenSpan, mac);
        return Scheme + Convert.ToHexStringLower(mac);
    }
}
