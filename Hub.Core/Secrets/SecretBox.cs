using System.Security.Cryptography;
using Hub.Core.Randomness;

namespace Hub.Core.Secrets;

/// <summary>
/// AES-256-GCM with a fresh random 96-bit nonce for every seal (never reused under one key: at 2^32
/// seals per key the collision odds stay below 2^-32, NIST SP 800-38D 8.3) and associated data that
/// binds the ciphertext to where it is stored, so a ciphertext copied to another row does not open.
/// </summary>
public static class SecretBox
{
    public const int KeyLength = 32;
    public const int NonceLength = 12;
    public const int TagLength = 16;

    public static SealedSecret Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var nonce = new byte[NonceLength];
        random.Fill(nonce);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[TagLength];
        using var aes = new AesGcm(key, TagLength);
        aes.Encrypt(nonce, plaintext, ciphertext, tag, associatedData);
        return new SealedSecret(nonce, ciphertext, tag);
    }

    /// <summary>The plaintext; the caller clears it (<see cref="CryptographicOperations.ZeroMemory"/>) once used.</summary>
    /// <exception cref="SecretUnreadableException">Wrong key, or anything sealed or bound changed.</exception>
    public static byte[] Open(ReadOnlySpan<byte> key, SealedSecret secret, ReadOnlySpan<byte> associatedData)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Nonce.Length != NonceLength || secret.Tag.Length != TagLength)
        {
            throw new SecretUnreadableException("The sealed secret's nonce or tag has the wrong length.");
        }

        var plaintext = new byte[secret.Ciphertext.Length];
        try
        {
            using var aes = new AesGcm(key, TagLength);
            aes.Decrypt(secret.Nonce, secret.Ciphertext, secret.Tag, plaintext, associatedData);
            return plaintext;
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new SecretUnreadableException("The sealed secret did not authenticate: wrong key, or it was changed or moved.", ex);
        }
    }
}
