using Hub.Core.Storage;
using Hub.Testing;
using Npgsql;

namespace Hub.Core.Tests.Storage;

public sealed class SchemaMigratorTests(LocalInfrastructure infrastructure)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void Migrations_AreNumberedWithoutGapsFromOne()
    {
        var versions = SchemaMigrator.Migrations().Select(m => m.Version).ToList();

        Assert.Equal(Enumerable.Range(1, versions.Count), versions);
    }

    [Fact]
    public async Task MigrateAsync_TwoStartersAtOnce_ApplyEachMigrationExactlyOnce()
    {
        await using var dataSource = NpgsqlDataSource.Create(await infrastructure.CreateDatabaseAsync($"migrate_{Guid.NewGuid():N}"));
        var first = new SchemaMigrator(dataSource);
        var second = new SchemaMigrator(dataSource);

        var results = await Task.WhenAll(first.MigrateAsync(Cancel), second.MigrateAsync(Cancel));

        Assert.Equal(SchemaMigrator.Migrations().Count, results[0].Count + results[1].Count);
        Assert.Contains(results, applied => applied.Count == 0);
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM schema_migrations");
        Assert.Equal((long)SchemaMigrator.Migrations().Count, await count.ExecuteScalarAsync(Cancel));
    }

    [Fact]
    public async Task MigrateAsync_CurrentSchema_AppliesNothing()
    {
        await using var dataSource = NpgsqlDataSource.Create(await infrastructure.CreateDatabaseAsync($"migrate_{Guid.NewGuid():N}"));
        await new SchemaMigrator(dataSource).MigrateAsync(Cancel);

        var again = await new SchemaMigrator(dataSource).MigrateAsync(Cancel);

        Assert.Empty(again);
    }
}
