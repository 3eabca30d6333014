using Hub.Core.Randomness;
using Hub.Core.Secrets;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hub.Core.Tests.Secrets;

/// <summary>Master keys for tests: each test makes fresh ones, so no two tests share a key (or a rotation).</summary>
internal static class TestMasterKeys
{
    public static string New() => MasterKeyRing.NewKeyText();

    /// <summary>What a process configured with these values holds.</summary>
    public static MasterKeys Holding(string primary, params string[] retired) =>
        new(Options.Create(new SecretsOptions { MasterKey = primary, RetiredMasterKeys = [.. retired] }));

    public static MasterKeys None() => new(Options.Create(new SecretsOptions()));

    public static string IdOf(string key) => new MasterKey(Convert.FromBase64String(key)).Id;

    public static DataKeyRepository DataKeys(NpgsqlDataSource dataSource, MasterKeys keys) => new(dataSource, keys, CryptoRandomSource.Instance);
}
