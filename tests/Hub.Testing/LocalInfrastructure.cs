using Hub.AppHost.LocalServers;
using Hub.Core.Catalog;
using Hub.Core.Storage;
using Npgsql;
using Xunit;

namespace Hub.Testing;

/// <summary>
/// A real PostgreSQL and a real Redis, started as local processes on free loopback ports once per
/// test assembly (an xunit assembly fixture), with the Hub schema and the catalog seed applied. Their data lives in a
/// temporary folder that is deleted afterwards. No Docker, no in-memory substitutes.
/// </summary>
public sealed class LocalInfrastructure : IAsyncLifetime
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"hub-tests-{Guid.NewGuid():N}");
    private PostgresServer? postgres;
    private RedisServer? redis;

    public string DatabaseConnectionString => postgres!.DatabaseConnectionString("hubdb");

    public string RedisConnectionString => redis!.ConnectionString;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public ValueTask InitializeAsync() => new(StartAsync(TestContext.Current.CancellationToken));

    /// <summary>Starts both servers and migrates; what <see cref="InitializeAsync"/> does, for hosts outside xunit (benchmarks).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(root);
        postgres = await PostgresServer.StartAsync(Path.Combine(root, "postgres"), FreePort.Next(), "test-" + Guid.NewGuid().ToString("N"), _ => { }, cancellationToken);
        await postgres.EnsureDatabaseAsync("hubdb", cancellationToken);
        redis = await RedisServer.StartAsync(Path.Combine(root, "redis"), FreePort.Next(), "test-" + Guid.NewGuid().ToString("N"), appendOnly: false, _ => { }, cancellationToken);
        DataSource = NpgsqlDataSource.Create(DatabaseConnectionString);
        await new SchemaMigrator(DataSource).MigrateAsync(cancellationToken);
        await new CatalogSeeder(DataSource).SeedAsync(cancellationToken);
    }

    /// <summary>A new empty database on the same server, for tests that need a schema of their own.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await postgres!.EnsureDatabaseAsync(name, TestContext.Current.CancellationToken);
        return postgres.DatabaseConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        if (DataSource is not null)
        {
            await DataSource.DisposeAsync();
        }

        if (redis is not null)
        {
            await redis.DisposeAsync();
        }

        if (postgres is not null)
        {
            await postgres.DisposeAsync();
        }

        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A server may still be releasing a file; the folder is in /tmp and harmless.
        }
    }
}
