using Microsoft.Extensions.Options;
using Npgsql;

namespace Hub.Core.Audit;

/// <summary>
/// Retention of the audit table: each organization's retention setting, and the monthly partitions
/// (migration 0003) — created ahead of need, dropped whole once every row in them has expired.
/// </summary>
public sealed class AuditRetentionRepository(NpgsqlDataSource dataSource, IOptions<AuditOptions> options)
{
    /// <summary>How far past today's writes partitions are created ahead: a month and a few days, so a daily run always stays ahead.</summary>
    private static readonly TimeSpan CreateAhead = TimeSpan.FromDays(35);

    public int DefaultDays { get; } = options.Value.RetentionDays;

    /// <summary>The organization's own retention in days; null when it uses <see cref="DefaultDays"/>.</summary>
    public async Task<int?> GetDaysAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT audit_retention_days FROM organizations WHERE id = $1");
        command.Parameters.Add(AuditRowMapper.Value(organizationId));
        return await command.ExecuteScalarAsync(cancellationToken) as int?;
    }

    /// <summary>
    /// Sets (or with null, clears) the organization's retention. It applies to rows written from now
    /// on; false when there is no such organization.
    /// </summary>
    public async Task<bool> SetDaysAsync(Guid organizationId, int? days, CancellationToken cancellationToken)
    {
        if (days is { } value)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, AuditOptions.MinRetentionDays);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, AuditOptions.MaxRetentionDays);
        }

        await using var command = dataSource.CreateCommand("UPDATE organizations SET audit_retention_days = $2 WHERE id = $1");
        command.Parameters.Add(AuditRowMapper.Value(organizationId));
        command.Parameters.Add(AuditRowMapper.Value(days));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Creates the partitions that rows written during the next <see cref="CreateAhead"/> will need,
    /// for the default and every organization's retention, so appends rarely create one themselves
    /// (they still do when one is missing). Returns the names it created.
    /// </summary>
    public async Task<IReadOnlyList<string>> EnsurePartitionsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var retentions = new SortedSet<int> { DefaultDays };
        await using (var command = dataSource.CreateCommand(
            "SELECT DISTINCT audit_retention_days FROM organizations WHERE audit_retention_days IS NOT NULL"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                retentions.Add(reader.GetInt32(0));
            }
        }

        var months = new SortedSet<DateOnly>();
        foreach (var days in retentions)
        {
            var last = AuditPartitions.MonthOf(now.AddDays(days) + CreateAhead);
            for (var month = AuditPartitions.MonthOf(now.AddDays(days)); month <= last; month = month.AddMonths(1))
            {
                months.Add(month);
            }
        }

        var created = new List<string>();
        foreach (var month in months)
        {
            await using var command = dataSource.CreateCommand("SELECT audit_ensure_partition($1)");
            command.Parameters.Add(AuditRowMapper.Value(month));
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                created.Add(AuditPartitions.Name(month));
            }
        }

        return created;
    }

    /// <summary>
    /// Drops, oldest first, every partition whose month ended at or before <paramref name="now"/>:
    /// all its rows are past retain_until. Each drop is one transaction that first records, for
    /// every organization in the partition, the seq and row_hash of its last row there as the chain's
    /// new anchor (see <see cref="AuditRepository.VerifyAsync"/>) and forgets the rows' correlation
    /// ids. Returns the names it dropped.
    /// </summary>
    public async Task<IReadOnlyList<string>> DropExpiredPartitionsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var expired = new List<DateOnly>();
        await using (var command = dataSource.CreateCommand("""
            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'audit_events'::regclass
            """))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (AuditPartitions.MonthOf(reader.GetString(0)) is { } month && AuditPartitions.EndOf(month) <= now)
                {
                    expired.Add(month);
                }
            }
        }

        expired.Sort();
        var dropped = new List<string>();
        foreach (var month in expired)
        {
            if (await DropAsync(month, now, cancellationToken))
            {
                dropped.Add(AuditPartitions.Name(month));
            }
        }

        return dropped;
    }

    private async Task<bool> DropAsync(DateOnly month, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The name is rebuilt from a parsed month, never taken from the catalog as text: safe to splice.
        var partition = AuditPartitions.Name(month);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // The whole table, first: a writer inserting into this partition while the anchors are read
        // would leave a row behind no anchor, and locking the parent before the partition keeps the
        // lock order of writers (parent, then partition), so the two cannot deadlock.
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE audit_events IN ACCESS EXCLUSIVE MODE", connection, transaction))
        {
            await lockTable.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var exists = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", connection, transaction))
        {
            exists.Parameters.Add(AuditRowMapper.Value(partition));
            if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return false; // Another Admin instance dropped it first.
            }
        }

        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand($"""
                    INSERT INTO audit_anchors (organization_id, seq, row_hash, dropped_at)
                    SELECT DISTINCT ON (organization_id) organization_id, seq, row_hash, $1 FROM {partition} ORDER BY organization_id, seq DESC
                    ON CONFLICT (organization_id) DO UPDATE SET seq = EXCLUDED.seq, row_hash = EXCLUDED.row_hash, dropped_at = EXCLUDED.dropped_at
                    WHERE audit_anchors.seq < EXCLUDED.seq
                    """) { Parameters = { AuditRowMapper.Value(now.ToUniversalTime()) } },
                new NpgsqlBatchCommand("DELETE FROM audit_correlation_ids WHERE retain_until < $1")
                {
                    Parameters = { AuditRowMapper.Value(AuditPartitions.EndOf(month)) },
                },
                new NpgsqlBatchCommand($"DROP TABLE {partition}"),
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
