using Npgsql;

namespace Hub.Core.Tenancy;

public sealed class OrganizationRepository(NpgsqlDataSource dataSource)
{
    public async Task<Guid> CreateAsync(string name, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("INSERT INTO organizations (name) VALUES ($1) RETURNING id");
        command.Parameters.Add(new() { Value = name });
        return (Guid)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Creates the organization with this exact id unless it exists (used by development bootstrap).</summary>
    public async Task EnsureAsync(Guid id, string name, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO organizations (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING");
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = name });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
