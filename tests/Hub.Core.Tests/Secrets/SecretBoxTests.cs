using System.Security.Cryptography;
using System.Text;
using Hub.Core.Randomness;
using Hub.Core.Secrets;

namespace Hub.Core.Tests.Secrets;

public sealed class SecretBoxTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(SecretBox.KeyLength);
    private static readonly byte[] Plaintext = Encoding.UTF8.GetBytes("""{"api_key":"sk-proj-0123456789abcdef"}""");
    private static readonly byte[] AssociatedData = Encoding.ASCII.GetBytes("hub-test|org-1|openai");

    [Fact]
    public void Open_SealedSecret_ReturnsPlaintext()
    {
        var sealedSecret = SecretBox.Seal(Key, Plaintext, AssociatedData, CryptoRandomSource.Instance);

        Assert.Equal(Plaintext, SecretBox.Open(Key, sealedSecret, AssociatedData));
        Assert.Equal((SecretBox.NonceLength, Plaintext.Length, SecretBox.TagLength), (sealedSecret.Nonce.Length, sealedSecret.Ciphertext.Length, sealedSecret.Tag.Length));
    }

    [Theory]
    [InlineData("ciphertext", 0)]
    [InlineData("ciphertext", -1)]
    [InlineData("nonce", 0)]
    [InlineData("nonce", -1)]
    [InlineData("tag", 0)]
    [InlineData("tag", -1)]
    public void Open_OneBitChanged_ThrowsUnreadable(string part, int index)
    {
        var sealedSecret = SecretBox.Seal(Key, Plaintext, AssociatedData, CryptoRandomSource.Instance);
        var (nonce, ciphertext, tag) = (sealedSecret.Nonce.ToArray(), sealedSecret.Ciphertext.ToArray(), sealedSecret.Tag.ToArray());
        var changed = part switch { "ciphertext" => ciphertext, "nonce" => nonce, _ => tag };
        changed[index < 0 ? changed.Length + index : index] ^= 0x01;

        Assert.Throws<SecretUnreadableException>(() => SecretBox.Open(Key, new SealedSecret(nonce, ciphertext, tag), AssociatedData));
    }

    [Theory]
    [InlineData("hub-test|org-2|openai")]
    [InlineData("hub-test|org-1|anthropic")]
    [InlineData("hub-test|org-1|openai ")]
    [InlineData("")]
    public void Open_OtherAssociatedData_ThrowsUnreadable(string associatedData)
    {
        var sealedSecret = SecretBox.Seal(Key, Plaintext, AssociatedData, CryptoRandomSource.Instance);

        Assert.Throws<SecretUnreadableException>(() => SecretBox.Open(Key, sealedSecret, Encoding.ASCII.GetBytes(associatedData)));
    }

    [Fact]
    public void Open_WrongKey_ThrowsUnreadable()
    {
        var sealedSecret = SecretBox.Seal(Key, Plaintext, AssociatedData, CryptoRandomSource.Instance);

        Assert.Throws<SecretUnreadableException>(() => SecretBox.Open(RandomNumberGenerator.GetBytes(SecretBox.KeyLength), sealedSecret, AssociatedData));
    }

    [Fact]
    public void Seal_SamePlaintextTwice_UsesFreshNonceEachTime()
    {
        var first = SecretBox.Seal(Key, Plaintext, AssociatedData, CryptoRandomSource.Instance);
        var second = SecretBox.Seal(Key, Plaintext, AssociatedData, CryptoRandomSource.Instance);

        Assert.NotEqual(first.Nonce, second.Nonce);
        Assert.NotEqual(first.Ciphertext, second.Ciphertext);
        Assert.NotEqual(first.Tag, second.Tag);
    }

    [Fact]
    public void Seal_Nonce_ComesFromTheRandomSource()
    {
        var sealedSecret = SecretBox.Seal(Key, Plaintext, AssociatedData, new CountingRandomSource());

        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], sealedSecret.Nonce);
    }

    [Theory]
    [InlineData(11, 16)]
    [InlineData(13, 16)]
    [InlineData(0, 16)]
    [InlineData(12, 15)]
    [InlineData(12, 17)]
    [InlineData(12, 0)]
    public void Open_WrongNonceOrTagLength_ThrowsUnreadable(int nonceLength, int tagLength)
    {
        var sealedSecret = SecretBox.Seal(Key, Plaintext, AssociatedData, CryptoRandomSource.Instance);
        var nonce = new byte[nonceLength];
        var tag = new byte[tagLength];
        sealedSecret.Nonce.AsSpan(0, Math.Min(nonceLength, SecretBox.NonceLength)).CopyTo(nonce);
        sealedSecret.Tag.AsSpan(0, Math.Min(tagLength, SecretBox.TagLength)).CopyTo(tag);

        Assert.Throws<SecretUnreadableException>(() => SecretBox.Open(Key, new SealedSecret(nonce, sealedSecret.Ciphertext, tag), AssociatedData));
    }

    [Fact]
    public void SealedSecret_ToString_ShowsNoBytes()
    {
        var sealedSecret = SecretBox.Seal(Key, Plaintext, AssociatedData, CryptoRandomSource.Instance);

        Assert.Equal(nameof(SealedSecret), sealedSecret.ToString());
    }

    private sealed class CountingRandomSource : IRandomSource
    {
        public void Fill(Span<byte> destination)
        {
            for (var i = 0; i < destination.Length; i++)
            {
                destination[i] = (byte)i;
            }
        }
    }
}
