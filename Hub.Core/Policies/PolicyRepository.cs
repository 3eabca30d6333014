using Npgsql;
using NpgsqlTypes;

namespace Hub.Core.Policies;

/// <summary>
/// Policy versions in Postgres (<c>policy_versions</c>). Admin methods are scoped by organization: a
/// project of another tenant looks like no project. Saving and restoring:
/// 1. lock the project row, which serialises concurrent saves for one project and proves the
///    project belongs to the organization;
/// 2. number the new version max + 1 (safe under the lock);
/// 3. deactivate the active version (the only change a version ever undergoes);
/// 4. insert the new version, active; all in one transaction.
/// </summary>
public sealed class PolicyRepository(NpgsqlDataSource dataSource, PolicyValidator validator, TimeProvider time)
{
    private const string Columns =
        "id, organization_id, project_id, version, name, document, created_by, created_at, active, restored_from";

    /// <summary>Saves <paramref name="document"/> as the project's new active version; null when the organization has no such project.</summary>
    /// <exception cref="ArgumentException"><paramref name="document"/> fails <see cref="PolicyValidator"/>: callers validate first, to report the fields.</exception>
    public Task<PolicyVersion?> SaveAsync(
        Guid organizationId, Guid projectId, string name, PolicyDocument document, string createdBy, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(createdBy);
        if (validator.Validate(document) is { IsValid: false } validation)
        {
            throw new ArgumentException(
                $"The policy is invalid: {string.Join("; ", validation.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}",
                nameof(document));
        }

        return AddVersionAsync(organizationId, projectId, createdBy, _ => Task.FromResult<Source?>(new(name, PolicyJson.Serialize(document), null)), cancellationToken);
    }

    /// <summary>
    /// Makes a new active version with the name and content of version <paramref name="version"/>; null when the
    /// organization has no such project or the project no such version.
    /// </summary>
    public Task<PolicyVersion?> RestoreAsync(Guid organizationId, Guid projectId, int version, string createdBy, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(createdBy);
        return AddVersionAsync(organizationId, projectId, createdBy, async transaction =>
        {
            await using var command = new NpgsqlCommand(
                "SELECT name, document FROM policy_versions WHERE project_id = $1 AND version = $2", transaction.Connection, transaction);
            command.Parameters.Add(new() { Value = projectId });
            command.Parameters.Add(new() { Value = version });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? new Source(reader.GetString(0), reader.GetString(1), version) : null;
        }, cancellationToken);
    }

    /// <summary>The project's version in force, or null when it never saved one (the global default applies). The gateway's lookup.</summary>
    public async Task<PolicyVersion?> FindActiveAsync(Guid projectId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM policy_versions WHERE project_id = $1 AND active");
        command.Parameters.Add(new() { Value = projectId });
        return await ReadSingleAsync(command, cancellationToken);
    }

    public async Task<PolicyVersion?> FindVersionAsync(Guid organizationId, Guid projectId, int version, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM policy_versions WHERE organization_id = $1 AND project_id = $2 AND version = $3");
        command.Parameters.Add(new() { Value = organizationId });
        command.Parameters.Add(new() { Value = projectId });
        command.Parameters.Add(new() { Value = version });
        return await ReadSingleAsync(command, cancellationToken);
    }

    /// <summary>Every version of the project, newest first; empty for a project of another organization.</summary>
    public async Task<IReadOnlyList<PolicyVersion>> ListVersionsAsync(Guid organizationId, Guid projectId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM policy_versions WHERE organization_id = $1 AND project_id = $2 ORDER BY version DESC");
        command.Parameters.Add(new() { Value = organizationId });
        command.Parameters.Add(new() { Value = projectId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var versions = new List<PolicyVersion>();
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(Read(reader));
        }

        return versions;
    }

    /// <summary>What a new version is made of: its name, its document as JSON, and the version it restores.</summary>
    private sealed record Source(string Name, string DocumentJson, int? RestoredFrom);

    private async Task<PolicyVersion?> AddVersionAsync(
        Guid organizationId, Guid projectId, string createdBy, Func<NpgsqlTransaction, Task<Source?>> source, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Step 1
        if (!await LockProjectAsync(transaction, organizationId, projectId, cancellationToken)
            || await source(transaction) is not { } content)
        {
            return null;
        }

        // Step 3 (before the insert: the partial unique index allows one active row at any moment)
        await using (var deactivate = new NpgsqlCommand(
            "UPDATE policy_versions SET active = false WHERE project_id = $1 AND active", connection, transaction))
        {
            deactivate.Parameters.Add(new() { Value = projectId });
            await deactivate.ExecuteNonQueryAsync(cancellationToken);
        }

        // Steps 2 and 4
        await using var insert = new NpgsqlCommand($"""
            INSERT INTO policy_versions (organization_id, project_id, version, name, document, created_by, created_at, active, restored_from)
            SELECT $1, $2, coalesce(max(version), 0) + 1, $3, $4, $5, $6, true, $7 FROM policy_versions WHERE project_id = $2
            RETURNING {Columns}
            """, connection, transaction);
        insert.Parameters.Add(new() { Value = organizationId });
        insert.Parameters.Add(new() { Value = projectId });
        insert.Parameters.Add(new() { Value = content.Name });
        insert.Parameters.Add(new() { Value = content.DocumentJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
        insert.Parameters.Add(new() { Value = createdBy });
        insert.Parameters.Add(new() { Value = time.GetUtcNow() });
        insert.Parameters.Add(new() { Value = (object?)content.RestoredFrom ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        var saved = await ReadSingleAsync(insert, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    private static async Task<bool> LockProjectAsync(
        NpgsqlTransaction transaction, Guid organizationId, Guid projectId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT 1 FROM projects WHERE organization_id = $1 AND id = $2 FOR UPDATE", transaction.Connection, transaction);
        command.Parameters.Add(new() { Value = organizationId });
        command.Parameters.Add(new() { Value = projectId });
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private static async Task<PolicyVersion?> ReadSingleAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <remarks>
    /// jsonb keeps the document's meaning, not its text (it reorders keys and adds spaces), so the JSON is
    /// written out again in <see cref="PolicyJson"/>'s compact form.
    /// </remarks>
    private static PolicyVersion Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetGuid(1),
        reader.GetGuid(2),
        reader.GetInt32(3),
        reader.GetString(4),
        PolicyJson.Serialize(PolicyJson.Deserialize(reader.GetString(5))),
        reader.GetString(6),
        reader.GetFieldValue<DateTimeOffset>(7),
        reader.GetBoolean(8))
    {
        RestoredFrom = reader.IsDBNull(9) ? null : reader.GetInt32(9),
    };
}
