using System.Security.Cryptography;
using System.Text;
using Hub.Core.Secrets;

namespace Hub.Core.Tests.Secrets;

public sealed class MasterKeyRingTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("hub-master-key-tests-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void From_Base64Value_HoldsThatKeyAsPrimary()
    {
        var bytes = RandomNumberGenerator.GetBytes(MasterKey.Length);

        var ring = MasterKeyRing.From(new SecretsOptions { MasterKey = Convert.ToBase64String(bytes) });

        Assert.Equal(bytes, ring!.Primary.Bytes.ToArray());
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("")]
    [InlineData("  \n\n")]
    public void From_FileHoldingBase64_ReadsTheKey(string trailing)
    {
        var bytes = RandomNumberGenerator.GetBytes(MasterKey.Length);
        var path = Write("master.key", Encoding.ASCII.GetBytes(Convert.ToBase64String(bytes) + trailing));

        var ring = MasterKeyRing.From(new SecretsOptions { MasterKey = path });

        Assert.Equal(bytes, ring!.Primary.Bytes.ToArray());
    }

    [Fact]
    public void From_FileOf32RawBytes_ReadsTheKey()
    {
        var bytes = RandomNumberGenerator.GetBytes(MasterKey.Length);
        var path = Write("master.bin", bytes);

        var ring = MasterKeyRing.From(new SecretsOptions { MasterKey = path });

        Assert.Equal(bytes, ring!.Primary.Bytes.ToArray());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void From_NoMasterKey_ReturnsNull(string? value) =>
        Assert.Null(MasterKeyRing.From(new SecretsOptions { MasterKey = value }));

    [Theory]
    [InlineData("base64 of 16 bytes")]
    [InlineData("base64 of 33 bytes")]
    [InlineData("garbage text")]
    [InlineData("missing file")]
    [InlineData("file of 31 raw bytes")]
    [InlineData("file of 33 raw bytes")]
    [InlineData("file of garbage text")]
    [InlineData("file of base64 of 16 bytes")]
    [InlineData("empty file")]
    [InlineData("folder")]
    public void From_BadMasterKey_ThrowsNamingTheSettingButNotTheValue(string kind)
    {
        var (value, secret) = BadValue(kind);

        var error = Assert.Throws<InvalidOperationException>(() => MasterKeyRing.From(new SecretsOptions { MasterKey = value }));

        Assert.Contains("Hub:Secrets:MasterKey", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(value.Trim(), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void From_BadRetiredKey_ThrowsNamingItsIndexButNotTheValue()
    {
        var (value, _) = BadValue("base64 of 16 bytes");

        var error = Assert.Throws<InvalidOperationException>(() => MasterKeyRing.From(new SecretsOptions
        {
            MasterKey = MasterKeyRing.NewKeyText(),
            RetiredMasterKeys = [MasterKeyRing.NewKeyText(), value],
        }));

        Assert.Contains("Hub:Secrets:RetiredMasterKeys:1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_RetiredKeys_HoldsThemBesideThePrimary()
    {
        var (primary, retiredText, retiredFile) = (MasterKeyRing.NewKeyText(), MasterKeyRing.NewKeyText(), MasterKeyRing.NewKeyText());
        var path = Write("master-retired.key", Encoding.ASCII.GetBytes(retiredFile + "\n"));

        var ring = MasterKeyRing.From(new SecretsOptions { MasterKey = primary, RetiredMasterKeys = [retiredText, path] })!;

        var ids = new[] { primary, retiredText, retiredFile }.Select(TestMasterKeys.IdOf).ToArray();
        Assert.Equal(ids[0], ring.Primary.Id);
        Assert.Equal(ids, ring.Ids);
        Assert.All(ids, id => Assert.True(ring.TryGet(id, out _)));
        Assert.True(ring.TryGet(ids[2], out var fromFile));
        Assert.Equal(Convert.FromBase64String(retiredFile), fromFile.Bytes.ToArray());
        Assert.False(ring.TryGet(TestMasterKeys.IdOf(MasterKeyRing.NewKeyText()), out _));
    }

    [Fact]
    public void Id_SameKey_IsStable()
    {
        var bytes = RandomNumberGenerator.GetBytes(MasterKey.Length);

        Assert.Equal(new MasterKey(bytes).Id, new MasterKey(bytes.ToArray()).Id);
        Assert.Matches("^[0-9a-f]{16}$", new MasterKey(bytes).Id);
    }

    [Fact]
    public void Id_DifferentKeys_Differ()
    {
        var ids = Enumerable.Range(0, 100).Select(_ => new MasterKey(RandomNumberGenerator.GetBytes(MasterKey.Length)).Id).ToHashSet();

        Assert.Equal(100, ids.Count);
    }

    [Fact]
    public void Id_AndToString_ContainNoKeyBytes()
    {
        // A key whose bytes are all one value: any prefix of it, in hex or base64, would show in the id.
        foreach (var bytes in new[] { new byte[MasterKey.Length], Enumerable.Repeat((byte)0xab, MasterKey.Length).ToArray(), RandomNumberGenerator.GetBytes(MasterKey.Length) })
        {
            var key = new MasterKey(bytes);
            var id = Convert.FromHexString(key.Id);

            Assert.Equal(-1, bytes.AsSpan().IndexOf(id.AsSpan(0, 4)));
            Assert.DoesNotContain(Convert.ToHexStringLower(bytes)[..8], key.Id, StringComparison.Ordinal);
            Assert.Equal($"MasterKey({key.Id})", key.ToString());
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void MasterKey_WrongLength_Throws(int length) =>
        Assert.Throws<ArgumentException>(() => new MasterKey(new byte[length]));

    private (string Value, string Secret) BadValue(string kind)
    {
        var shortKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var longKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(33));
        return kind switch
        {
            "base64 of 16 bytes" => (shortKey, shortKey),
            "base64 of 33 bytes" => (longKey, longKey),
            "garbage text" => ("not a key at all, really", "not a key at all, really"),
            "missing file" => (Path.Combine(folder, "missing.key"), "missing.key"),
            "file of 31 raw bytes" => (Write("short.bin", RandomNumberGenerator.GetBytes(31)), "short.bin"),
            "file of 33 raw bytes" => (Write("long.bin", RandomNumberGenerator.GetBytes(33)), "long.bin"),
            "file of garbage text" => (Write("garbage.key", "correct horse battery staple\n"u8.ToArray()), "correct horse"),
            "file of base64 of 16 bytes" => (Write("short.key", Encoding.ASCII.GetBytes(shortKey + "\n")), shortKey),
            "empty file" => (Write("empty.key", []), "empty.key"),
            "folder" => (folder, Path.GetFileName(folder)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    private string Write(string name, byte[] content)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }
}
