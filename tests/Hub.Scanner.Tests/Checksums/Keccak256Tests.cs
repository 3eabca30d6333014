using System.Security.Cryptography;
using System.Text;
using Hub.Scanner.Checksums;

namespace Hub.Scanner.Tests.Checksums;

public sealed class Keccak256Tests
{
    [Theory]
    [InlineData("", "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")]
    [InlineData("abc", "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")]
    [InlineData("The quick brown fox jumps over the lazy dog", "4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15")]
    public void Hash_KnownInput_ReturnsEthereumKeccak(string input, string expected)
    {
        var hash = new byte[Keccak256.HashSize];

        Keccak256.Hash(Encoding.ASCII.GetBytes(input), hash);

        Assert.Equal(expected, Convert.ToHexStringLower(hash));
    }

    /// <summary>SHA3-256 is the same sponge with 0x06 padding, so .NET's SHA3_256 checks the permutation over many blocks.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(135)]
    [InlineData(136)]
    [InlineData(137)]
    [InlineData(1000)]
    public void Sponge_Sha3Padding_MatchesDotNetSha3(int length)
    {
        Assert.SkipUnless(SHA3_256.IsSupported, "SHA3-256 needs OpenSSL 1.1.1 or later");
        var data = new byte[length];
        for (var i = 0; i < length; i++)
        {
            data[i] = (byte)(i * 31);
        }

        var hash = new byte[Keccak256.HashSize];
        Keccak256.Sponge(data, hash, 0x06);

        Assert.Equal(SHA3_256.HashData(data), hash);
    }
}
