using Hub.Core.Byok;
using Hub.Core.Randomness;
using Hub.Core.Secrets;
using Hub.Core.Tenancy;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hub.IntegrationTests.AppHost;

/// <summary>
/// The development master key of the real AppHost: generated once in the data folder (0600), given to
/// Admin and Gateway as a path and never as the key, and rotated by <c>rotate-master-key</c> against
/// the running AppHost's database; after a restart the services hold the retired key too.
/// </summary>
public sealed class DevelopmentMasterKeyTests : IDisposable
{
    private static readonly ByokCredentials ProviderKey = new(ApiKey: "sk-apphost-rotation-canary-000000Ak01");

    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), $"hub-apphost-key-{Guid.NewGuid():N}");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string MasterKeyPath => Path.Combine(dataDirectory, "master.key");

    public void Dispose()
    {
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left in /tmp: harmless, and useful when a failure needs looking at.
        }
    }

    [Fact]
    public async Task Run_ThenRotateMasterKey_RewrapsTheDataKeysAndTheRestartedServicesHoldBothKeys()
    {
        Guid organizationId;
        string firstKey;
        await using (var first = await RunningAppHost.StartAsync(dataDirectory, Cancel))
        {
            firstKey = await File.ReadAllTextAsync(MasterKeyPath, Cancel);
            Assert.Equal(32, Convert.FromBase64String(firstKey.TrimEnd('\n')).Length);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(MasterKeyPath));
            Assert.Equal([MasterKeyPath], SecretsEnvironment(first, "admin").Values);
            Assert.Equal([MasterKeyPath], SecretsEnvironment(first, "gateway").Values);

            var database = first.Endpoints.GetProperty("database").GetString()!;
            organizationId = await SaveProviderKeyAsync(database);

            var (exitCode, output) = await RunningAppHost.RunCommandAsync(dataDirectory, "rotate-master-key", Cancel);

            Assert.True(exitCode == 0, output);
            Assert.Contains("rewrapped 1 data keys; 0 unreadable", output, StringComparison.Ordinal);
            Assert.Contains("Restart Hub", output, StringComparison.Ordinal);
            AssertNoKeyIn(output, firstKey, await File.ReadAllTextAsync(MasterKeyPath, Cancel));
            await using var dataSource = NpgsqlDataSource.Create(database);
            var onlyNewKey = DataKeys(dataSource, MasterKeyPath);
            var stored = Assert.Single(await new ByokRepository(dataSource, onlyNewKey, CryptoRandomSource.Instance).LoadSealedAsync(organizationId, Cancel));
            Assert.Equal(ProviderKey, ByokSeal.Open((await onlyNewKey.FindAsync(organizationId, Cancel))!, stored));
            await first.StopAsync("TERM", Cancel);
            AssertNoKeyIn(first.Output, firstKey, await File.ReadAllTextAsync(MasterKeyPath, Cancel));
        }

        var retired = Assert.Single(Directory.GetFiles(dataDirectory, "master-retired-*.key"));
        Assert.Equal(firstKey, await File.ReadAllTextAsync(retired, Cancel));
        Assert.Equal($"master-retired-{new MasterKey(Convert.FromBase64String(firstKey.Trim())).Id}.key", Path.GetFileName(retired));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(retired));

        await using var second = await RunningAppHost.StartAsync(dataDirectory, Cancel);
        var expected = new Dictionary<string, string> { ["Hub__Secrets__MasterKey"] = MasterKeyPath, ["Hub__Secrets__RetiredMasterKeys__0"] = retired };
        Assert.Equal(expected, SecretsEnvironment(second, "admin"));
        Assert.Equal(expected, SecretsEnvironment(second, "gateway"));
        await second.StopAsync("TERM", Cancel);
    }

    [Fact]
    public async Task RotateMasterKey_NoAppHostRunning_ExitsOneAndChangesNoFile()
    {
        Directory.CreateDirectory(dataDirectory);
        await File.WriteAllTextAsync(MasterKeyPath, MasterKeyRing.NewKeyText() + "\n", Cancel);

        var (exitCode, output) = await RunningAppHost.RunCommandAsync(dataDirectory, "rotate-master-key", Cancel);

        Assert.Equal(1, exitCode);
        Assert.Contains("Hub.AppHost is not running", output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(dataDirectory, "master-retired-*.key"));
    }

    /// <summary>The Hub__Secrets__* variables the service's process was started with.</summary>
    private static Dictionary<string, string> SecretsEnvironment(RunningAppHost appHost, string service) =>
        File.ReadAllText($"/proc/{appHost.Children()[service]}/environ").Split('\0')
            .Where(variable => variable.StartsWith("Hub__Secrets__", StringComparison.Ordinal))
            .Select(variable => variable.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1]);

    private static void AssertNoKeyIn(string text, params string[] keys)
    {
        foreach (var key in keys)
        {
            Assert.DoesNotContain(key.Trim(), text, StringComparison.Ordinal);
        }
    }

    /// <summary>A new organization's provider key, sealed with a data key the development master key wraps.</summary>
    private async Task<Guid> SaveProviderKeyAsync(string database)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        var organizationId = await new OrganizationRepository(dataSource).CreateAsync($"rotation-{Guid.NewGuid():N}", Cancel);
        await new ByokRepository(dataSource, DataKeys(dataSource, MasterKeyPath), CryptoRandomSource.Instance)
            .SaveAsync(organizationId, null, "openai", null, ProviderKey, Cancel);
        return organizationId;
    }

    private static DataKeyRepository DataKeys(NpgsqlDataSource dataSource, string masterKeyPath) =>
        new(dataSource, new MasterKeys(Options.Create(new SecretsOptions { MasterKey = masterKeyPath })), CryptoRandomSource.Instance);
}
