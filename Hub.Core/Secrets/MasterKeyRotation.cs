using System.Security.Cryptography;
using Hub.Core.Randomness;
using Npgsql;

namespace Hub.Core.Secrets;

/// <summary>What a rotation did.</summary>
/// <param name="Rewrapped">Data keys now wrapped by the primary master key that were not before.</param>
/// <param name="Unreadable">Organizations whose data key no master key held could unwrap: left as they were.</param>
public sealed record RotationReport(int Rewrapped, IReadOnlyList<Guid> Unreadable);

/// <summary>
/// Re-wraps every data key not yet wrapped by the primary master key (docs/byok.md, "Rotating the
/// master key"). Only the small <c>secret_data_keys</c> rows change; the provider keys they sealed
/// stay as they are, and a data key's bytes never change, so gateways that have it unwrapped in
/// memory go on serving. Batches of short transactions lock only the rows being re-wrapped; it can
/// run beside live traffic, be interrupted and run again (a finished row is skipped).
/// </summary>
public sealed class MasterKeyRotation(NpgsqlDataSource dataSource, MasterKeys masterKeys, IRandomSource random, TimeProvider time)
{
    private const int BatchSize = 100;

    public async Task<RotationReport> RunAsync(CancellationToken cancellationToken)
    {
        var ring = masterKeys.Required;
        var rewrapped = 0;
        var unreadable = new List<Guid>();
        var skipLocked = true;
        while (true)
        {
            var (done, failed) = await RewrapBatchAsync(ring, unreadable, skipLocked, cancellationToken);
            rewrapped += done;
            unreadable.AddRange(failed);
            if (done == 0 && failed.Count == 0)
            {
                if (!skipLocked)
                {
                    return new RotationReport(rewrapped, unreadable);
                }

                // Rows another transaction holds (a second rotation, an organization being deleted) were
                // skipped: wait for them now, so that on return every readable row is under the primary.
                skipLocked = false;
            }
        }
    }

    private async Task<(int Rewrapped, List<Guid> Unreadable)> RewrapBatchAsync(
        MasterKeyRing ring, List<Guid> skip, bool skipLocked, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = new List<WrappedDataKey>(BatchSize);

        // NO KEY UPDATE, the lock the UPDATE below takes anyway: FOR UPDATE would conflict with the KEY
        // SHARE lock a byok_keys insert holds on its data key's row (the foreign key), and SKIP LOCKED
        // would then leave that row under the old key.
        await using (var select = new NpgsqlCommand(
            $"""
            SELECT id, organization_id, master_key_id, nonce, wrapped_key, tag FROM secret_data_keys
            WHERE master_key_id <> $1 AND NOT (organization_id = ANY($2))
            ORDER BY id LIMIT $3 FOR NO KEY UPDATE{(skipLocked ? " SKIP LOCKED" : "")}
            """, connection, transaction))
        {
            select.Parameters.Add(new() { Value = ring.Primary.Id });
            select.Parameters.Add(new() { Value = skip.ToArray() });
            select.Parameters.Add(new() { Value = BatchSize });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(WrappedDataKey.Read(reader));
            }
        }

        var unreadable = new List<Guid>();
        var rewrapped = 0;
        foreach (var row in rows)
        {
            if (!ring.TryGet(row.MasterKeyId, out var master))
            {
                unreadable.Add(row.OrganizationId);
                continue;
            }

            byte[] key;
            try
            {
                key = SecretBox.Open(master.Bytes, row.Wrapped, DataKey.AssociatedData(row.Id, row.OrganizationId));
            }
            catch (SecretUnreadableException)
            {
                // A damaged row: reported, left for an operator; the others are still rotated.
                unreadable.Add(row.OrganizationId);
                continue;
            }

            try
            {
                var wrapped = SecretBox.Seal(ring.Primary.Bytes, key, DataKey.AssociatedData(row.Id, row.OrganizationId), random);
                await using var update = new NpgsqlCommand(
                    "UPDATE secret_data_keys SET master_key_id = $2, nonce = $3, wrapped_key = $4, tag = $5, rewrapped_at = $6 WHERE id = $1",
                    connection, transaction);
                update.Parameters.Add(new() { Value = row.Id });
                update.Parameters.Add(new() { Value = ring.Primary.Id });
                update.Parameters.Add(new() { Value = wrapped.Nonce });
                update.Parameters.Add(new() { Value = wrapped.Ciphertext });
                update.Parameters.Add(new() { Value = wrapped.Tag });
                update.Parameters.Add(new() { Value = time.GetUtcNow() });
                rewrapped += await update.ExecuteNonQueryAsync(cancellationToken);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(key);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return (rewrapped, unreadable);
    }
}
