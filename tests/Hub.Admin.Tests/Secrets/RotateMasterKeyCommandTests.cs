using Hub.Admin.Secrets;
using Hub.Core.Randomness;
using Hub.Core.Secrets;
using Hub.Core.Storage;
using Hub.Core.Tenancy;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hub.Admin.Tests.Secrets;

public sealed class RotateMasterKeyCommandTests(AdminFixture fixture) : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("hub-rotate-command-").FullName;
    private readonly string keyA = MasterKeyRing.NewKeyText();
    private readonly string keyB = MasterKeyRing.NewKeyText();
    private readonly StringWriter output = new();
    private readonly StringWriter error = new();
    private NpgsqlDataSource dataSource = null!;
    private string connectionString = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A database of its own: the command re-wraps every data key in it, and must meet no other test's.</summary>
    public async ValueTask InitializeAsync()
    {
        connectionString = await fixture.Infrastructure.CreateDatabaseAsync($"rotate_command_{Guid.NewGuid():N}");
        dataSource = NpgsqlDataSource.Create(connectionString);
        await new SchemaMigrator(dataSource).MigrateAsync(Cancel);
    }

    public async ValueTask DisposeAsync()
    {
        await dataSource.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task RunAsync_DataKeysUnderTheRetiredKey_RewrapsThemAndExitsZero()
    {
        var organizations = new[] { await MakeDataKeyAsync(keyA), await MakeDataKeyAsync(keyA) };

        var exitCode = await RunAsync($"--Hub:Secrets:MasterKey={KeyFile("master.key", keyB)}", $"--Hub:Secrets:RetiredMasterKeys:0={KeyFile("master-retired.key", keyA)}");

        Assert.Equal(0, exitCode);
        Assert.Equal(
            [$"re-wrapping data keys with master key {IdOf(keyB)} (holding {IdOf(keyB)}, {IdOf(keyA)})", "rewrapped 2 data keys; 0 unreadable"],
            Lines(output));
        foreach (var organizationId in organizations)
        {
            Assert.NotNull(await DataKeys(keyB).FindAsync(organizationId, Cancel));
        }
    }

    [Fact]
    public async Task RunAsync_SecondRun_RewrapsNothingAndExitsZero()
    {
        await MakeDataKeyAsync(keyA);
        string[] args = [$"--Hub:Secrets:MasterKey={keyB}", $"--Hub:Secrets:RetiredMasterKeys:0={keyA}"];
        await RunAsync(args);
        output.GetStringBuilder().Clear();

        var exitCode = await RunAsync(args);

        Assert.Equal(0, exitCode);
        Assert.Equal("rewrapped 0 data keys; 0 unreadable", Lines(output)[^1]);
    }

    [Fact]
    public async Task RunAsync_ADataKeyNoKeyHeldUnwraps_ListsItsOrganizationAndExitsOne()
    {
        var rotated = await MakeDataKeyAsync(keyA);
        var lost = await MakeDataKeyAsync(MasterKeyRing.NewKeyText());

        var exitCode = await RunAsync($"--Hub:Secrets:MasterKey={keyB}", $"--Hub:Secrets:RetiredMasterKeys:0={keyA}");

        Assert.Equal(1, exitCode);
        Assert.Equal(["rewrapped 1 data keys; 1 unreadable", $"unreadable: organization {lost}"], Lines(output)[1..]);
        Assert.NotNull(await DataKeys(keyB).FindAsync(rotated, Cancel));
    }

    [Fact]
    public async Task RunAsync_NoMasterKey_ExitsOneAndRewrapsNothing()
    {
        var organizationId = await MakeDataKeyAsync(keyA);

        var exitCode = await RunAsync($"--Hub:Secrets:RetiredMasterKeys:0={keyA}");

        Assert.Equal(1, exitCode);
        Assert.Empty(output.ToString());
        Assert.StartsWith("rotate-master-key: Hub:Secrets:MasterKey is ", error.ToString(), StringComparison.Ordinal);
        Assert.NotNull(await DataKeys(keyA).FindAsync(organizationId, Cancel));
    }

    [Fact]
    public async Task RunAsync_BadMasterKey_ExitsOneNamingTheSettingButNotTheValue()
    {
        var bad = Convert.ToBase64String(new byte[16]);

        var exitCode = await RunAsync($"--Hub:Secrets:MasterKey={keyB}", $"--Hub:Secrets:RetiredMasterKeys:0={bad}");

        Assert.Equal(1, exitCode);
        Assert.Contains("Hub:Secrets:RetiredMasterKeys:0", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(bad, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnreachableDatabase_ExitsOne()
    {
        var exitCode = await RotateMasterKeyCommand.RunAsync(
            ["--ConnectionStrings:hubdb=Host=127.0.0.1;Port=1;Username=nobody;Password=x;Timeout=2", $"--Hub:Secrets:MasterKey={keyB}"], output, error, Cancel);

        Assert.Equal(1, exitCode);
        Assert.Contains("the database failed", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "rotate-master-key" }, true)]
    [InlineData(new[] { "rotate-master-key", "--Hub:Secrets:MasterKey=/k" }, true)]
    [InlineData(new string[0], false)]
    [InlineData(new[] { "--urls", "http://127.0.0.1:0" }, false)]
    [InlineData(new[] { "--x", "rotate-master-key" }, false)]
    public void IsRequested_OnlyAsTheFirstArgument(string[] args, bool requested) =>
        Assert.Equal(requested, RotateMasterKeyCommand.IsRequested(args));

    /// <summary>Runs the command; whatever it did, it never printed a key.</summary>
    private async Task<int> RunAsync(params string[] args)
    {
        var exitCode = await RotateMasterKeyCommand.RunAsync([$"--ConnectionStrings:hubdb={connectionString}", .. args], output, error, Cancel);
        foreach (var key in new[] { keyA, keyB })
        {
            Assert.DoesNotContain(key, output + error.ToString(), StringComparison.Ordinal);
        }

        return exitCode;
    }

    private async Task<Guid> MakeDataKeyAsync(string masterKey)
    {
        var organizationId = await new OrganizationRepository(dataSource).CreateAsync($"rotate-{Guid.NewGuid():N}", Cancel);
        await DataKeys(masterKey).GetOrCreateAsync(organizationId, Cancel);
        return organizationId;
    }

    private DataKeyRepository DataKeys(string masterKey) =>
        new(dataSource, new MasterKeys(Options.Create(new SecretsOptions { MasterKey = masterKey })), CryptoRandomSource.Instance);

    private string KeyFile(string name, string key)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, key + "\n");
        return path;
    }

    private static string IdOf(string key) => new MasterKey(Convert.FromBase64String(key)).Id;

    private static string[] Lines(StringWriter writer) => writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
}
