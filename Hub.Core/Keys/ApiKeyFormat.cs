using System.Security.Cryptography;
using System.Text;
using Hub.Core.Randomness;

namespace Hub.Core.Keys;

/// <summary>
/// Key text and its stored form. A key is its prefix plus 40 base62 characters (~238 bits), so a
/// plain SHA-256 is the right hash: there is nothing to brute-force that a slow KDF would protect,
/// and the gateway must hash on every uncached request.
/// </summary>
public static class ApiKeyFormat
{
    public const string ProjectPrefix = "oah_";
    public const string AccountPrefix = "os_hub_";
    public const string AdminPrefix = "hub_admin_";

    /// <summary>Characters shown in listings so people can tell keys apart.</summary>
    public const int DisplayPrefixLength = 12;

    private const int SecretLength = 40;

    public static string Generate(ApiKeyKind kind, IRandomSource random) =>
        Base62.Random(random, PrefixOf(kind), SecretLength);

    public static string PrefixOf(ApiKeyKind kind) => kind switch
    {
        ApiKeyKind.Project => ProjectPrefix,
        ApiKeyKind.Account => AccountPrefix,
        ApiKeyKind.Admin => AdminPrefix,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string DisplayPrefix(string key) => key[..Math.Min(DisplayPrefixLength, key.Length)];

    /// <summary>SHA-256 of the key's UTF-8 bytes: the only form ever stored.</summary>
    public static byte[] Hash(ReadOnlySpan<char> key)
    {
        Span<byte> utf8 = key.Length <= 256 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(key.Length)] : new byte[Encoding.UTF8.GetMaxByteCount(key.Length)];
        var length = Encoding.UTF8.GetBytes(key, utf8);
        return SHA256.HashData(utf8[..length]);
    }

    /// <summary>Cheap shape check before any lookup: a known prefix and a plausible length.</summary>
    public static bool LooksLikeKey(ReadOnlySpan<char> key) =>
        key.Length is > 8 and <= 128
        && (key.StartsWith(ProjectPrefix) || key.StartsWith(AccountPrefix) || key.StartsWith(AdminPrefix));
}
