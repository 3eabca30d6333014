using Hub.Core.Byok;
using Hub.Core.Randomness;
using Hub.Core.Secrets;
using Hub.Testing;
using Npgsql;

namespace Hub.Core.Tests.Secrets;

public sealed class MasterKeyRotationTests(LocalInfrastructure infrastructure)
{
    private static readonly ByokCredentials ProviderKey = new(ApiKey: "sk-rotation-canary-00000000000000Rt01");

    private readonly string keyA = TestMasterKeys.New();
    private readonly string keyB = TestMasterKeys.New();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_FromKeyAToKeyB_RewrapsEveryDataKeyAndKeepsItsBytes()
    {
        await using var database = await RotationDatabase.CreateAsync(infrastructure);
        var before = await MakeDataKeysAsync(database, TestMasterKeys.Holding(keyA), count: 3, withProviderKeys: true);

        var report = await Rotation(database, TestMasterKeys.Holding(keyB, keyA)).RunAsync(Cancel);

        Assert.Equal((3, 0), (report.Rewrapped, report.Unreadable.Count));
        Assert.All((await database.MasterKeyIdsAsync()).Values, id => Assert.Equal(TestMasterKeys.IdOf(keyB), id));
        Assert.Equal(0L, await TestSql.ScalarAsync<long>(database.DataSource, "SELECT count(*) FROM secret_data_keys WHERE rewrapped_at IS NULL"));

        // Only B is needed now: the data keys are the same, so provider keys sealed before A was retired still open.
        var onlyB = TestMasterKeys.DataKeys(database.DataSource, TestMasterKeys.Holding(keyB));
        var byok = new ByokRepository(database.DataSource, onlyB, CryptoRandomSource.Instance);
        foreach (var (organizationId, bytes) in before)
        {
            var dataKey = await onlyB.FindAsync(organizationId, Cancel);
            Assert.Equal(bytes, dataKey!.Bytes.ToArray());
            Assert.Equal(ProviderKey, ByokSeal.Open(dataKey, (await byok.LoadSealedAsync(organizationId, Cancel)).Single()));
        }

        var onlyA = TestMasterKeys.DataKeys(database.DataSource, TestMasterKeys.Holding(keyA));
        await Assert.ThrowsAsync<SecretUnreadableException>(() => onlyA.FindAsync(before.Keys.First(), Cancel));
    }

    [Fact]
    public async Task RunAsync_SecondRun_RewrapsNothing()
    {
        await using var database = await RotationDatabase.CreateAsync(infrastructure);
        var before = await MakeDataKeysAsync(database, TestMasterKeys.Holding(keyA), count: 3);
        var rotation = Rotation(database, TestMasterKeys.Holding(keyB, keyA));
        await rotation.RunAsync(Cancel);
        var rows = await Task.WhenAll(before.Keys.Select(database.RowAsync));

        var report = await rotation.RunAsync(Cancel);

        Assert.Equal((0, 0), (report.Rewrapped, report.Unreadable.Count));
        Assert.Equal(rows, await Task.WhenAll(before.Keys.Select(database.RowAsync)));
    }

    [Fact]
    public async Task RunAsync_NothingStored_RewrapsNothing()
    {
        await using var database = await RotationDatabase.CreateAsync(infrastructure);

        var report = await Rotation(database, TestMasterKeys.Holding(keyB, keyA)).RunAsync(Cancel);

        Assert.Equal((0, 0), (report.Rewrapped, report.Unreadable.Count));
    }

    [Fact]
    public async Task RunAsync_RowsNoKeyHeldUnwraps_AreReportedAndLeftAloneWhileTheOthersRotate()
    {
        await using var database = await RotationDatabase.CreateAsync(infrastructure);
        var keyC = TestMasterKeys.New();
        var readable = await MakeDataKeysAsync(database, TestMasterKeys.Holding(keyA), count: 2);
        var unknownKey = (await MakeDataKeysAsync(database, TestMasterKeys.Holding(keyC), count: 1)).Keys.Single();
        var damaged = (await MakeDataKeysAsync(database, TestMasterKeys.Holding(keyA), count: 1)).Keys.Single();
        await TestSql.ExecuteAsync(database.DataSource, "UPDATE secret_data_keys SET tag = set_byte(tag, 0, get_byte(tag, 0) # 1) WHERE organization_id = $1", damaged);
        var untouched = new[] { await database.RowAsync(unknownKey), await database.RowAsync(damaged) };
        var rotation = Rotation(database, TestMasterKeys.Holding(keyB, keyA));

        var report = await rotation.RunAsync(Cancel);

        Assert.Equal(2, report.Rewrapped);
        Assert.Equal(new[] { unknownKey, damaged }.Order(), report.Unreadable.Order());
        Assert.Equal(untouched, new[] { await database.RowAsync(unknownKey), await database.RowAsync(damaged) });
        var masterKeyIds = await database.MasterKeyIdsAsync();
        Assert.All(readable.Keys, organizationId => Assert.Equal(TestMasterKeys.IdOf(keyB), masterKeyIds[organizationId]));
        Assert.NotNull(await TestMasterKeys.DataKeys(database.DataSource, TestMasterKeys.Holding(keyC)).FindAsync(unknownKey, Cancel));

        var again = await rotation.RunAsync(Cancel);

        Assert.Equal(0, again.Rewrapped);
        Assert.Equal(report.Unreadable.Order(), again.Unreadable.Order());
    }

    [Fact]
    public async Task RunAsync_MoreDataKeysThanOneBatch_RewrapsThemAll()
    {
        await using var database = await RotationDatabase.CreateAsync(infrastructure);
        var before = await MakeDataKeysAsync(database, TestMasterKeys.Holding(keyA), count: 250);

        var report = await Rotation(database, TestMasterKeys.Holding(keyB, keyA)).RunAsync(Cancel);

        Assert.Equal((250, 0), (report.Rewrapped, report.Unreadable.Count));
        var onlyB = TestMasterKeys.DataKeys(database.DataSource, TestMasterKeys.Holding(keyB));
        foreach (var (organizationId, bytes) in before)
        {
            Assert.Equal(bytes, (await onlyB.FindAsync(organizationId, Cancel))!.Bytes.ToArray());
        }
    }

    /// <summary>
    /// Saving a provider key holds a KEY SHARE lock on its data key's row (the foreign key) until its
    /// transaction ends. Re-wrapping changes no key column, so it must not wait for that, nor skip the row.
    /// </summary>
    [Fact]
    public async Task RunAsync_DataKeyRowHeldByAProviderKeyBeingSaved_IsStillRewrapped()
    {
        await using var database = await RotationDatabase.CreateAsync(infrastructure);
        var organizationId = (await MakeDataKeysAsync(database, TestMasterKeys.Holding(keyA), count: 1)).Keys.Single();
        await using var saving = await database.DataSource.OpenConnectionAsync(Cancel);
        await using var transaction = await saving.BeginTransactionAsync(Cancel);
        await using (var hold = new NpgsqlCommand("SELECT 1 FROM secret_data_keys WHERE organization_id = $1 FOR KEY SHARE", saving, transaction))
        {
            hold.Parameters.Add(new NpgsqlParameter { Value = organizationId });
            await hold.ExecuteNonQueryAsync(Cancel);
        }

        var report = await Rotation(database, TestMasterKeys.Holding(keyB, keyA)).RunAsync(Cancel);

        Assert.Equal(1, report.Rewrapped);
        Assert.Equal(TestMasterKeys.IdOf(keyB), (await database.MasterKeyIdsAsync())[organizationId]);
        await transaction.RollbackAsync(Cancel);
    }

    /// <summary>A row another rotation (or an organization's deletion) has locked is waited for, not silently left under the old key.</summary>
    [Fact]
    public async Task RunAsync_DataKeyRowLockedByAnotherTransaction_WaitsAndRewrapsIt()
    {
        await using var database = await RotationDatabase.CreateAsync(infrastructure);
        var organizations = (await MakeDataKeysAsync(database, TestMasterKeys.Holding(keyA), count: 3)).Keys.ToArray();
        await using var other = await database.DataSource.OpenConnectionAsync(Cancel);
        await using var transaction = await other.BeginTransactionAsync(Cancel);
        await using (var hold = new NpgsqlCommand("SELECT 1 FROM secret_data_keys WHERE organization_id = $1 FOR UPDATE", other, transaction))
        {
            hold.Parameters.Add(new NpgsqlParameter { Value = organizations[1] });
            await hold.ExecuteNonQueryAsync(Cancel);
        }

        var rotation = Rotation(database, TestMasterKeys.Holding(keyB, keyA)).RunAsync(Cancel);
        await Eventually.Until(
            () => TestSql.ScalarAsync<long>(database.DataSource, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"),
            waiting => waiting > 0 || rotation.IsCompleted,
            "the rotation to wait for the locked row");
        await transaction.CommitAsync(Cancel);
        var report = await rotation;

        Assert.Equal(3, report.Rewrapped);
        Assert.All((await database.MasterKeyIdsAsync()).Values, id => Assert.Equal(TestMasterKeys.IdOf(keyB), id));
    }

    /// <summary>
    /// The rotation as it runs in production: every service already holds B (primary) and A (retired)
    /// and goes on reading and making data keys and saving provider keys while it runs. Four rounds
    /// (A→B→C→D→E) of a rotation racing readers and writers; every read succeeds and sees the same bytes.
    /// </summary>
    [Fact]
    public async Task RunAsync_WithReadersAndWritersRacing_EveryReadSucceedsAndEveryRowRotates()
    {
        await using var database = await RotationDatabase.CreateAsync(infrastructure);
        var keys = Enumerable.Range(0, 5).Select(_ => TestMasterKeys.New()).ToArray();
        var expected = await MakeDataKeysAsync(database, TestMasterKeys.Holding(keys[0]), count: 300, withProviderKeys: false);
        var reads = 0;
        for (var round = 1; round < keys.Length; round++)
        {
            var ring = TestMasterKeys.Holding(keys[round], keys[round - 1]);
            var dataKeys = TestMasterKeys.DataKeys(database.DataSource, ring);
            var byok = new ByokRepository(database.DataSource, dataKeys, CryptoRandomSource.Instance);
            var organizations = expected.Keys.ToArray();
            using var stop = new CancellationTokenSource();
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

            async Task<int> ReadAsync(int seed)
            {
                var count = 0;
                var random = new Random(seed);
                do
                {
                    var organizationId = organizations[random.Next(organizations.Length)];
                    var found = random.Next(2) == 0 ? await dataKeys.FindAsync(organizationId, Cancel) : await dataKeys.GetOrCreateAsync(organizationId, Cancel);
                    Assert.Equal(expected[organizationId], found!.Bytes.ToArray());
                    count++;
                    started.TrySetResult();
                }
                while (!stop.IsCancellationRequested);
                return count;
            }

            async Task<Dictionary<Guid, byte[]>> WriteAsync()
            {
                var made = new Dictionary<Guid, byte[]>();
                var random = new Random(round);
                do
                {
                    var organizationId = await database.NewOrganizationAsync();
                    made[organizationId] = (await dataKeys.GetOrCreateAsync(organizationId, Cancel)).Bytes.ToArray();
                    await byok.SaveAsync(organizations[random.Next(organizations.Length)], null, "openai", null, ProviderKey, Cancel);
                }
                while (!stop.IsCancellationRequested);
                return made;
            }

            var readers = new[] { Task.Run(() => ReadAsync(round), Cancel), Task.Run(() => ReadAsync(-round), Cancel) };
            var writer = Task.Run(WriteAsync, Cancel);
            await started.Task.WaitAsync(Cancel);

            var report = await Rotation(database, ring).RunAsync(Cancel);

            await stop.CancelAsync();
            reads += (await Task.WhenAll(readers)).Sum();
            foreach (var (organizationId, bytes) in await writer)
            {
                expected.Add(organizationId, bytes);
            }

            Assert.Empty(report.Unreadable);
            Assert.Equal(organizations.Length, report.Rewrapped);
            Assert.All((await database.MasterKeyIdsAsync()).Values, id => Assert.Equal(TestMasterKeys.IdOf(keys[round]), id));
        }

        var onlyLast = TestMasterKeys.DataKeys(database.DataSource, TestMasterKeys.Holding(keys[^1]));
        foreach (var (organizationId, bytes) in expected)
        {
            Assert.Equal(bytes, (await onlyLast.FindAsync(organizationId, Cancel))!.Bytes.ToArray());
        }

        Assert.True(reads >= 8, $"{reads} reads");
    }

    private static MasterKeyRotation Rotation(RotationDatabase database, MasterKeys keys) =>
        new(database.DataSource, keys, CryptoRandomSource.Instance, TimeProvider.System);

    /// <returns>Each new organization's data key bytes.</returns>
    private static async Task<Dictionary<Guid, byte[]>> MakeDataKeysAsync(RotationDatabase database, MasterKeys keys, int count, bool withProviderKeys = false)
    {
        var dataKeys = TestMasterKeys.DataKeys(database.DataSource, keys);
        var byok = new ByokRepository(database.DataSource, dataKeys, CryptoRandomSource.Instance);
        var made = new Dictionary<Guid, byte[]>();
        for (var i = 0; i < count; i++)
        {
            var organizationId = await database.NewOrganizationAsync();
            made.Add(organizationId, (await dataKeys.GetOrCreateAsync(organizationId, Cancel)).Bytes.ToArray());
            if (withProviderKeys)
            {
                await byok.SaveAsync(organizationId, null, "openai", null, ProviderKey, Cancel);
            }
        }

        return made;
    }
}
