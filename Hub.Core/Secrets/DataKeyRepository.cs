using System.Security.Cryptography;
using Hub.Core.Randomness;
using Npgsql;

namespace Hub.Core.Secrets;

/// <summary>
/// Organizations' data keys in Postgres (<c>secret_data_keys</c>), wrapped by the master key. One per
/// organization, made on its first stored secret. Unwrapping needs the master key named by the row's
/// <c>master_key_id</c>: the primary, or a retired one while a rotation runs.
/// </summary>
public sealed class DataKeyRepository(NpgsqlDataSource dataSource, MasterKeys masterKeys, IRandomSource random)
{
    private const string Columns = "id, organization_id, master_key_id, nonce, wrapped_key, tag";

    /// <summary>The organization's data key, made and stored (wrapped by the primary master key) if it has none.</summary>
    /// <exception cref="SecretsNotConfiguredException">No master key.</exception>
    /// <exception cref="SecretUnreadableException">The stored key does not unwrap with any master key held.</exception>
    public async Task<DataKey> GetOrCreateAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        if (await FindAsync(organizationId, cancellationToken) is { } existing)
        {
            return existing;
        }

        var ring = masterKeys.Required;
        var id = Guid.CreateVersion7();
        var key = new byte[SecretBox.KeyLength];
        random.Fill(key);
        try
        {
            var wrapped = SecretBox.Seal(ring.Primary.Bytes, key, DataKey.AssociatedData(id, organizationId), random);
            await using var command = dataSource.CreateCommand($"""
                INSERT INTO secret_data_keys ({Columns}) VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (organization_id) DO NOTHING
                """);
            command.Parameters.Add(new() { Value = id });
            command.Parameters.Add(new() { Value = organizationId });
            command.Parameters.Add(new() { Value = ring.Primary.Id });
            command.Parameters.Add(new() { Value = wrapped.Nonce });
            command.Parameters.Add(new() { Value = wrapped.Ciphertext });
            command.Parameters.Add(new() { Value = wrapped.Tag });
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return new DataKey(id, organizationId, key);
            }
        }
        catch
        {
            CryptographicOperations.ZeroMemory(key);
            throw;
        }

        // Another writer made the organization's key first: use that one.
        CryptographicOperations.ZeroMemory(key);
        return await FindAsync(organizationId, cancellationToken) ?? throw new InvalidOperationException("The organization's data key vanished while it was being made.");
    }

    /// <summary>The organization's data key, unwrapped; null when it has none yet.</summary>
    /// <exception cref="SecretUnreadableException">It does not unwrap with any master key held.</exception>
    public async Task<DataKey?> FindAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM secret_data_keys WHERE organization_id = $1");
        command.Parameters.Add(new() { Value = organizationId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Unwrap(WrappedDataKey.Read(reader), masterKeys.Required) : null;
    }

    internal static DataKey Unwrap(WrappedDataKey row, MasterKeyRing ring)
    {
        if (!ring.TryGet(row.MasterKeyId, out var master))
        {
            throw new SecretUnreadableException($"The data key of organization {row.OrganizationId} is wrapped by master key {row.MasterKeyId}, which this process does not hold.");
        }

        var key = SecretBox.Open(master.Bytes, row.Wrapped, DataKey.AssociatedData(row.Id, row.OrganizationId));
        return new DataKey(row.Id, row.OrganizationId, key);
    }
}

/// <summary>A <c>secret_data_keys</c> row as stored.</summary>
internal sealed record WrappedDataKey(Guid Id, Guid OrganizationId, string MasterKeyId, SealedSecret Wrapped)
{
    public static WrappedDataKey Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2),
        new SealedSecret(reader.GetFieldValue<byte[]>(3), reader.GetFieldValue<byte[]>(4), reader.GetFieldValue<byte[]>(5)));
}
