using System.Security.Cryptography;
using System.Text;
using Hub.Core.Keys;
using Hub.Core.Randomness;

namespace Hub.Core.Tests.Keys;

public sealed class ApiKeyFormatTests
{
    [Theory]
    [InlineData(ApiKeyKind.Project, "^oah_[0-9A-Za-z]{40}$")]
    [InlineData(ApiKeyKind.Account, "^os_hub_[0-9A-Za-z]{40}$")]
    [InlineData(ApiKeyKind.Admin, "^hub_admin_[0-9A-Za-z]{40}$")]
    public void Generate_Kind_HasPrefixAnd40Base62Characters(ApiKeyKind kind, string pattern)
    {
        var key = ApiKeyFormat.Generate(kind, CryptoRandomSource.Instance);

        Assert.Matches(pattern, key);
        Assert.True(ApiKeyFormat.LooksLikeKey(key));
    }

    [Fact]
    public void Generate_TwiceFromCryptoSource_Differs() =>
        Assert.NotEqual(ApiKeyFormat.Generate(ApiKeyKind.Project, CryptoRandomSource.Instance), ApiKeyFormat.Generate(ApiKeyKind.Project, CryptoRandomSource.Instance));

    [Fact]
    public void Generate_FixedRandomSource_IsExact()
    {
        var key = ApiKeyFormat.Generate(ApiKeyKind.Project, new CountingRandomSource());

        // Bytes 0,1,2… map to alphabet positions 0,1,2…; 62..247 wrap modulo 62; 248..255 are rejected.
        Assert.Equal("oah_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcd", key);
    }

    [Fact]
    public void Hash_IsSha256OfUtf8()
    {
        const string key = "oah_abc";

        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(key)), ApiKeyFormat.Hash(key));
    }

    [Theory]
    [InlineData("sk-123456789")]
    [InlineData("oah_")]
    [InlineData("")]
    public void LooksLikeKey_ForeignOrShort_IsFalse(string key) => Assert.False(ApiKeyFormat.LooksLikeKey(key));

    [Fact]
    public void Base62_ManyDraws_AreRoughlyUniform()
    {
        var counts = new int[128];
        var text = new char[62 * 2000];
        Base62.FillRandom(CryptoRandomSource.Instance, text);
        foreach (var c in text)
        {
            counts[c]++;
        }

        // Expected 2000 per character; a biased modulo (no rejection) would give ~2260 for the first 8.
        Assert.All("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", c => Assert.InRange(counts[c], 1750, 2250));
    }

    private sealed class CountingRandomSource : IRandomSource
    {
        private byte next;

        public void Fill(Span<byte> destination)
        {
            for (var i = 0; i < destination.Length; i++)
            {
                destination[i] = next++;
            }
        }
    }
}
