using Hub.Core.Randomness;
using Hub.Core.Secrets;
using Npgsql;

namespace Hub.Core.Byok;

/// <summary>
/// Organizations' provider keys in Postgres (<c>byok_keys</c>), sealed with the organization's data
/// key. One key per organization (or project) and provider: saving again replaces it. Always read
/// and written within one organization: no method crosses tenants.
/// </summary>
public sealed class ByokRepository(NpgsqlDataSource dataSource, DataKeyRepository dataKeys, IRandomSource random)
{
    private const string Columns = "id, organization_id, project_id, provider, label, last4, created_at, updated_at, last_used_at";
    private const string SealedColumns = Columns + ", data_key_id, nonce, ciphertext, tag";

    /// <summary>Seals and stores the credentials, replacing any the organization (or project) had for the provider.</summary>
    /// <returns>Null when <paramref name="projectId"/> is not a project of the organization.</returns>
    /// <exception cref="SecretsNotConfiguredException">No master key.</exception>
    public async Task<ByokKey?> SaveAsync(
        Guid organizationId, Guid? projectId, string provider, string? label, ByokCredentials credentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var dataKey = await dataKeys.GetOrCreateAsync(organizationId, cancellationToken);
        var sealedCredentials = ByokSeal.Seal(dataKey, projectId, provider, credentials, random);
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO byok_keys (id, organization_id, project_id, provider, label, last4, data_key_id, nonce, ciphertext, tag)
            SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10
            WHERE $3::uuid IS NULL OR EXISTS (SELECT 1 FROM projects WHERE id = $3 AND organization_id = $2)
            ON CONFLICT (organization_id, coalesce(project_id, '00000000-0000-0000-0000-000000000000'::uuid), provider) DO UPDATE
            SET label = EXCLUDED.label, last4 = EXCLUDED.last4, data_key_id = EXCLUDED.data_key_id, nonce = EXCLUDED.nonce,
                ciphertext = EXCLUDED.ciphertext, tag = EXCLUDED.tag, updated_at = now(), last_used_at = NULL
            RETURNING {Columns}
            """);
        command.Parameters.Add(new() { Value = Guid.CreateVersion7() });
        command.Parameters.Add(new() { Value = organizationId });
        command.Parameters.Add(new() { Value = (object?)projectId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        command.Parameters.Add(new() { Value = provider });
        command.Parameters.Add(new() { Value = (object?)label ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = credentials.Last4 });
        command.Parameters.Add(new() { Value = dataKey.Id });
        command.Parameters.Add(new() { Value = sealedCredentials.Nonce });
        command.Parameters.Add(new() { Value = sealedCredentials.Ciphertext });
        command.Parameters.Add(new() { Value = sealedCredentials.Tag });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>The organization's keys and its projects' keys (never the credentials).</summary>
    public async Task<IReadOnlyList<ByokKey>> ListAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM byok_keys WHERE organization_id = $1 ORDER BY project_id NULLS FIRST, provider");
        command.Parameters.Add(new() { Value = organizationId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<ByokKey>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(Read(reader));
        }

        return keys;
    }

    /// <returns>False when there was no such key.</returns>
    public async Task<bool> DeleteAsync(Guid organizationId, Guid? projectId, string provider, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "DELETE FROM byok_keys WHERE organization_id = $1 AND project_id IS NOT DISTINCT FROM $2 AND provider = $3");
        command.Parameters.Add(new() { Value = organizationId });
        command.Parameters.Add(new() { Value = (object?)projectId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        command.Parameters.Add(new() { Value = provider });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Every key of the organization with its sealed credentials: what a gateway caches.</summary>
    public async Task<IReadOnlyList<SealedByokKey>> LoadSealedAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {SealedColumns} FROM byok_keys WHERE organization_id = $1");
        command.Parameters.Add(new() { Value = organizationId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<SealedByokKey>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(new SealedByokKey(
                Read(reader),
                reader.GetGuid(9),
                new SealedSecret(reader.GetFieldValue<byte[]>(10), reader.GetFieldValue<byte[]>(11), reader.GetFieldValue<byte[]>(12))));
        }

        return keys;
    }

    /// <summary>Records when keys were last used (never moving a time backwards); ids of deleted keys are ignored.</summary>
    public async Task MarkUsedAsync(IReadOnlyCollection<(Guid KeyId, DateTimeOffset UsedAt)> uses, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uses);
        if (uses.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand("""
            UPDATE byok_keys AS k SET last_used_at = greatest(k.last_used_at, u.used_at)
            FROM (SELECT id, max(used_at) AS used_at FROM unnest($1::uuid[], $2::timestamptz[]) AS t(id, used_at) GROUP BY id) AS u
            WHERE k.id = u.id
            """);
        command.Parameters.Add(new() { Value = uses.Select(use => use.KeyId).ToArray() });
        command.Parameters.Add(new() { Value = uses.Select(use => use.UsedAt).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static ByokKey Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetGuid(1),
        reader.IsDBNull(2) ? null : reader.GetGuid(2),
        reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.GetString(5),
        reader.GetFieldValue<DateTimeOffset>(6),
        reader.GetFieldValue<DateTimeOffset>(7),
        reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8));
}
