using System.Data;
using System.Globalization;
using System.Text;
using Npgsql;

namespace Hub.Core.Audit;

public sealed partial class AuditRepository
{
    /// <summary>One organization's events matching <paramref name="query"/>, newest (highest seq) first.</summary>
    public async Task<IReadOnlyList<AuditRecord>> QueryAsync(Guid organizationId, AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, AuditQuery.MaxLimit);

        await using var command = dataSource.CreateCommand();
        var sql = new StringBuilder($"SELECT {AuditRowMapper.Columns} FROM audit_events WHERE organization_id = $1");
        command.Parameters.Add(AuditRowMapper.Value(organizationId));
        void Where(string condition, object value)
        {
            command.Parameters.Add(AuditRowMapper.Value(value));
            sql.Append(" AND ").Append(condition.Replace("$?", "$" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        if (query.CorrelationId is { } correlationId)
        {
            Where("correlation_id = $?", correlationId);
        }

        if (query.ProjectId is { } projectId)
        {
            Where("project_id = $?", projectId);
        }

        if (query.From is { } from)
        {
            Where("occurred_at >= $?", from.ToUniversalTime());
        }

        if (query.To is { } to)
        {
            Where("occurred_at < $?", to.ToUniversalTime());
        }

        if (query.Entity is { } entity)
        {
            Where("entities @> jsonb_build_array(jsonb_build_object('entity', $?::text))", entity);
        }

        if (query.Status is { } status)
        {
            Where("status = $?", status);
        }

        if (query.Outcome is { } outcome)
        {
            Where("outcome = $?", outcome);
        }

        if (query.BeforeSeq is { } beforeSeq)
        {
            Where("seq < $?", beforeSeq);
        }

        command.Parameters.Add(AuditRowMapper.Value(query.Limit));
        sql.Append(CultureInfo.InvariantCulture, $" ORDER BY seq DESC LIMIT ${command.Parameters.Count}");
        command.CommandText = sql.ToString();

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<AuditRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(AuditRowMapper.Read(reader));
        }

        return records;
    }

    /// <summary>
    /// Recomputes every hash of one organization's chain in seq order and checks that each row links
    /// to the one before. The chain starts at seq 1 with 32 zero bytes, or, once retention has dropped
    /// partitions, at the anchor recorded with the drop (the seq and row_hash of the last row it
    /// removed), so expired rows are not reported but rows removed any other way are. It ends at the
    /// chain head, so rows cut off the end are reported too. Reads one snapshot, taken under a lock
    /// that keeps retention from dropping a partition halfway through.
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);

        // Before the first query, which fixes the snapshot: a drop that commits after it would otherwise
        // remove rows from under a snapshot that still sees the old anchor.
        await ExecuteAsync(connection, transaction, "LOCK TABLE audit_events IN ACCESS SHARE MODE", [], cancellationToken);

        var (expectedSeq, expectedPrev) = await ReadHashAsync(
            connection, transaction, "SELECT seq, row_hash FROM audit_anchors WHERE organization_id = $1", organizationId, cancellationToken)
            is { } anchor ? (anchor.Seq + 1, anchor.Hash) : (1L, AuditChain.Genesis());
        var head = await ReadHashAsync(
            connection, transaction, "SELECT last_seq, last_hash FROM audit_chain_heads WHERE organization_id = $1", organizationId, cancellationToken);

        await using var command = new NpgsqlCommand(
            $"SELECT {AuditRowMapper.Columns} FROM audit_events WHERE organization_id = $1 ORDER BY seq", connection, transaction);
        command.Parameters.Add(AuditRowMapper.Value(organizationId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        long verified = 0;
        string? lastCorrelationId = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            var record = AuditRowMapper.Read(reader);
            if (Check(record, expectedSeq, expectedPrev, head) is { } reason)
            {
                return new AuditVerification(false, verified, new AuditChainBreak(record.Seq, record.Event.CorrelationId, reason));
            }

            (expectedSeq, expectedPrev, lastCorrelationId) = (record.Seq + 1, record.RowHash, record.Event.CorrelationId);
            verified++;
        }

        if (head is { } last && last.Seq >= expectedSeq)
        {
            return new AuditVerification(false, verified, new AuditChainBreak(expectedSeq, null, AuditChainBreak.Truncated));
        }

        // The last row hashes consistently but is not the one the head recorded: rewritten, hash and all.
        if (head is { } end && !end.Hash.AsSpan().SequenceEqual(expectedPrev))
        {
            return new AuditVerification(false, Math.Max(0, verified - 1), new AuditChainBreak(end.Seq, lastCorrelationId, AuditChainBreak.Altered));
        }

        return new AuditVerification(true, verified, null);
    }

    private static string? Check(AuditRecord record, long expectedSeq, byte[] expectedPrev, (long Seq, byte[] Hash)? head)
    {
        if (record.Seq > expectedSeq)
        {
            return AuditChainBreak.Missing;
        }

        // A seq already passed, or one beyond the head, was not written by AppendAsync.
        if (record.Seq < expectedSeq || head is not { } last || record.Seq > last.Seq || !record.PrevHash.AsSpan().SequenceEqual(expectedPrev))
        {
            return AuditChainBreak.Unlinked;
        }

        return AuditChain.ComputeRowHash(record).AsSpan().SequenceEqual(record.RowHash) ? null : AuditChainBreak.Altered;
    }

    private static async Task<(long Seq, byte[] Hash)?> ReadHashAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, Guid organizationId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(AuditRowMapper.Value(organizationId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)) : null;
    }
}
