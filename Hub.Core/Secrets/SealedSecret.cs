namespace Hub.Core.Secrets;

/// <summary>What AES-256-GCM made of a secret: the 96-bit nonce it was sealed with, the ciphertext and the 128-bit tag. Stored as three columns.</summary>
public sealed record SealedSecret(byte[] Nonce, byte[] Ciphertext, byte[] Tag)
{
    public override string ToString() => nameof(SealedSecret);
}

/// <summary>A sealed secret did not open: a wrong key, or the ciphertext, nonce, tag or associated data changed.</summary>
public sealed class SecretUnreadableException(string message, Exception? inner = null) : Exception(message, inner);
