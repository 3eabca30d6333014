using Hub.Core.Storage;
using Hub.Core.Tenancy;
using Hub.Testing;
using Npgsql;

namespace Hub.Core.Tests.Secrets;

/// <summary>
/// A database of its own for one rotation test: a rotation re-wraps every data key in the table, so
/// it must not meet the data keys other tests make (under their own master keys) at the same time.
/// </summary>
internal sealed class RotationDatabase : IAsyncDisposable
{
    private RotationDatabase(NpgsqlDataSource dataSource) => DataSource = dataSource;

    public NpgsqlDataSource DataSource { get; }

    public static async Task<RotationDatabase> CreateAsync(LocalInfrastructure infrastructure)
    {
        var connectionString = await infrastructure.CreateDatabaseAsync($"rotation_{Guid.NewGuid():N}");
        var dataSource = NpgsqlDataSource.Create(connectionString);
        await new SchemaMigrator(dataSource).MigrateAsync(TestContext.Current.CancellationToken);
        return new RotationDatabase(dataSource);
    }

    public Task<Guid> NewOrganizationAsync() =>
        new OrganizationRepository(DataSource).CreateAsync($"rotation-org-{Guid.NewGuid():N}", TestContext.Current.CancellationToken);

    /// <summary>Each organization's <c>master_key_id</c>.</summary>
    public async Task<Dictionary<Guid, string>> MasterKeyIdsAsync()
    {
        await using var command = DataSource.CreateCommand("SELECT organization_id, master_key_id FROM secret_data_keys");
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var ids = new Dictionary<Guid, string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            ids.Add(reader.GetGuid(0), reader.GetString(1));
        }

        return ids;
    }

    /// <summary>The stored row of an organization's data key, as text, to see that it did not change.</summary>
    public Task<string> RowAsync(Guid organizationId) => TestSql.ScalarAsync<string>(
        DataSource, "SELECT row_to_json(k)::text FROM secret_data_keys AS k WHERE organization_id = $1", organizationId);

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
