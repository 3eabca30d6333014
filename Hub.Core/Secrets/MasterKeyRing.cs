using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;

namespace Hub.Core.Secrets;

/// <summary>A 256-bit master key and its public id (stored beside what it wrapped, so the right key is found after a rotation).</summary>
public sealed class MasterKey
{
    public const int Length = 32;

    private readonly byte[] key;

    public MasterKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != Length)
        {
            throw new ArgumentException($"A master key is {Length} bytes.", nameof(key));
        }

        this.key = key.ToArray();

        // An HMAC of a fixed label, not a hash of the key: the id says which key, and nothing about it.
        Id = Convert.ToHexStringLower(HMACSHA256.HashData(this.key, "hub master key id v1"u8)[..8]);
    }

    /// <summary>16 hex characters naming the key in <c>secret_data_keys.master_key_id</c>.</summary>
    public string Id { get; }

    internal ReadOnlySpan<byte> Bytes => key;

    /// <summary>Never print a key, even by accident.</summary>
    public override string ToString() => $"{nameof(MasterKey)}({Id})";
}

/// <summary>
/// The master keys this process holds: the primary, which wraps, and the retired ones, which only
/// unwrap (a rotation in progress). Built once at start from <see cref="SecretsOptions"/>; a value
/// that is neither a 32-byte base64 key nor a readable key file stops the process.
/// </summary>
public sealed class MasterKeyRing
{
    private readonly FrozenDictionary<string, MasterKey> byId;

    public MasterKeyRing(MasterKey primary, IEnumerable<MasterKey> retired)
    {
        ArgumentNullException.ThrowIfNull(primary);
        Primary = primary;
        byId = retired.Prepend(primary).DistinctBy(key => key.Id).ToFrozenDictionary(key => key.Id, StringComparer.Ordinal);
    }

    public MasterKey Primary { get; }

    /// <summary>The ids of every key held, the primary first.</summary>
    public IEnumerable<string> Ids => byId.Keys.OrderBy(id => id != Primary.Id);

    public bool TryGet(string id, out MasterKey key) => byId.TryGetValue(id, out key!);

    /// <returns>Null when no master key is configured.</returns>
    /// <exception cref="InvalidOperationException">A configured value is not a key; the message names the setting, never the value.</exception>
    public static MasterKeyRing? From(SecretsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.MasterKey))
        {
            return null;
        }

        var primary = Parse(options.MasterKey, "Hub:Secrets:MasterKey");
        var retired = options.RetiredMasterKeys.Select((value, i) => Parse(value, $"Hub:Secrets:RetiredMasterKeys:{i}"));
        return new MasterKeyRing(primary, [.. retired]);
    }

    /// <summary>A fresh key as its base64 text: what <c>hub.sh</c> and the AppHost write to a key file.</summary>
    public static string NewKeyText() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(MasterKey.Length));

    private static MasterKey Parse(string value, string setting)
    {
        var text = value.Trim();
        if (TryDecode(text, out var key))
        {
            return key;
        }

        if (!File.Exists(text))
        {
            throw new InvalidOperationException($"{setting} must be the base64 of {MasterKey.Length} bytes, or the path of a file holding them.");
        }

        var bytes = File.ReadAllBytes(text);
        try
        {
            if (bytes.Length == MasterKey.Length)
            {
                return new MasterKey(bytes);
            }

            return TryDecode(Encoding.ASCII.GetString(bytes).Trim(), out key)
                ? key
                : throw new InvalidOperationException($"The file named by {setting} must hold the base64 of {MasterKey.Length} bytes, or the {MasterKey.Length} bytes themselves.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private static bool TryDecode(string text, out MasterKey key)
    {
        Span<byte> buffer = stackalloc byte[MasterKey.Length + 3];
        if (Convert.TryFromBase64String(text, buffer, out var written) && written == MasterKey.Length)
        {
            key = new MasterKey(buffer[..written]);
            CryptographicOperations.ZeroMemory(buffer);
            return true;
        }

        key = null!;
        return false;
    }
}
