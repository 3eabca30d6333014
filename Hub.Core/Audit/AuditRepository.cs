using Microsoft.Extensions.Options;
using Npgsql;

namespace Hub.Core.Audit;

/// <summary>
/// The audit table (migration 0003): appends events to their organization's hash chain
/// (<see cref="AuditChain"/>), queries them, and verifies the chain. Every read is scoped to one
/// organization. Retention and partition upkeep are in <see cref="AuditRetentionRepository"/>.
/// </summary>
public sealed partial class AuditRepository(NpgsqlDataSource dataSource, TimeProvider time, IOptions<AuditOptions> options)
{
    private readonly int defaultRetentionDays = options.Value.RetentionDays;

    /// <summary>
    /// Appends the events, in the given order, in one transaction:
    /// 1. lock the chain of every organization in the batch (transaction-level advisory locks, taken
    ///    in uuid order so that two writers can never deadlock on them);
    /// 2. read each chain's head (last seq, hash, retain_until) and the organization's retention;
    /// 3. skip events whose correlation id is already stored, or repeats within the batch;
    /// 4. number, date and hash the rest;
    /// 5. create any monthly partition they need that does not exist yet;
    /// 6. insert the rows, their correlation ids and the new heads, and commit.
    /// Nothing is visible before the commit, so a caller that acknowledges its stream entries only
    /// after this returns loses nothing to a crash on either side, and a redelivery is a duplicate.
    /// </summary>
    /// <exception cref="ArgumentException">An event breaks <see cref="AuditEventRules"/>.</exception>
    public async Task<AuditAppendResult> AppendAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var auditEvent in events)
        {
            if (AuditEventRules.Problem(auditEvent) is { } problem)
            {
                throw new ArgumentException($"An audit event cannot be stored: {problem}.", nameof(events));
            }
        }

        if (events.Count == 0)
        {
            return new AuditAppendResult(0, 0);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var organizations = events.Select(e => e.OrganizationId).Distinct().ToArray();

        // Step 1
        await ExecuteAsync(connection, transaction, """
            SELECT pg_advisory_xact_lock(hashtextextended('hub:audit:chain:' || id::text, 0))
            FROM (SELECT id FROM unnest($1::uuid[]) AS u(id) ORDER BY id) AS ordered
            """, [organizations], cancellationToken);

        // Step 2
        var chains = await ReadChainsAsync(connection, transaction, organizations, cancellationToken);

        // Step 3
        var seen = await StoredCorrelationIdsAsync(connection, transaction, events, cancellationToken);

        // Step 4
        var recordedAt = AuditChain.ToStoredPrecision(time.GetUtcNow());
        var records = new List<AuditRecord>(events.Count);
        foreach (var auditEvent in events)
        {
            if (seen.Add(auditEvent.CorrelationId))
            {
                records.Add(chains[auditEvent.OrganizationId].Append(auditEvent, recordedAt));
            }
        }

        if (records.Count > 0)
        {
            // Step 5
            var months = records.Select(r => AuditPartitions.MonthOf(r.RetainUntil)).Distinct().Order().ToArray();
            await ExecuteAsync(connection, transaction, "SELECT audit_ensure_partition(m) FROM unnest($1::date[]) AS m", [months], cancellationToken);

            // Step 6
            await InsertAsync(connection, transaction, records, chains.Values, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new AuditAppendResult(records.Count, events.Count - records.Count);
    }

    private async Task<Dictionary<Guid, ChainHead>> ReadChainsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid[] organizations, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT u.id, o.audit_retention_days, h.last_seq, h.last_hash, h.last_retain_until
            FROM unnest($1::uuid[]) AS u(id)
            LEFT JOIN organizations o ON o.id = u.id
            LEFT JOIN audit_chain_heads h ON h.organization_id = u.id
            """, connection, transaction);
        command.Parameters.Add(AuditRowMapper.Value(organizations));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var chains = new Dictionary<Guid, ChainHead>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var retentionDays = reader.IsDBNull(1) ? defaultRetentionDays : reader.GetInt32(1);
            chains[reader.GetGuid(0)] = reader.IsDBNull(2)
                ? new ChainHead(reader.GetGuid(0), retentionDays, 0, AuditChain.Genesis(), null)
                : new ChainHead(reader.GetGuid(0), retentionDays, reader.GetInt64(2), reader.GetFieldValue<byte[]>(3), reader.GetFieldValue<DateTimeOffset>(4));
        }

        return chains;
    }

    private static async Task<HashSet<string>> StoredCorrelationIdsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT correlation_id FROM audit_correlation_ids WHERE correlation_id = ANY($1)", connection, transaction);
        command.Parameters.Add(AuditRowMapper.Value(events.Select(e => e.CorrelationId).Distinct(StringComparer.Ordinal).ToArray()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var stored = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            stored.Add(reader.GetString(0));
        }

        return stored;
    }

    private static async Task InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<AuditRecord> records, IEnumerable<ChainHead> chains,
        CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var record in records)
        {
            var row = new NpgsqlBatchCommand(AuditRowMapper.InsertSql);
            AuditRowMapper.AddInsertParameters(row.Parameters, record);
            batch.BatchCommands.Add(row);

            // A plain INSERT: a correlation id stored meanwhile by another organization's writer fails
            // the batch (to be retried and then skipped) rather than being silently stored twice.
            var id = new NpgsqlBatchCommand(
                "INSERT INTO audit_correlation_ids (correlation_id, organization_id, seq, retain_until) VALUES ($1, $2, $3, $4)");
            id.Parameters.Add(AuditRowMapper.Value(record.Event.CorrelationId));
            id.Parameters.Add(AuditRowMapper.Value(record.Event.OrganizationId));
            id.Parameters.Add(AuditRowMapper.Value(record.Seq));
            id.Parameters.Add(AuditRowMapper.Value(record.RetainUntil));
            batch.BatchCommands.Add(id);
            if (Billing.LedgerRows.ChargeOf(record.Event) is { } charge)
            {
                batch.BatchCommands.Add(charge);
            }
        }

        foreach (var chain in chains.Where(c => c.Advanced))
        {
            var head = new NpgsqlBatchCommand("""
                INSERT INTO audit_chain_heads (organization_id, last_seq, last_hash, last_retain_until) VALUES ($1, $2, $3, $4)
                ON CONFLICT (organization_id) DO UPDATE
                SET last_seq = EXCLUDED.last_seq, last_hash = EXCLUDED.last_hash, last_retain_until = EXCLUDED.last_retain_until
                """);
            head.Parameters.Add(AuditRowMapper.Value(chain.OrganizationId));
            head.Parameters.Add(AuditRowMapper.Value(chain.LastSeq));
            head.Parameters.Add(AuditRowMapper.Value(chain.LastHash));
            head.Parameters.Add(AuditRowMapper.Value(chain.LastRetainUntil));
            batch.BatchCommands.Add(head);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, object[] values, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(AuditRowMapper.Value(value));
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>One organization's chain end while a batch is appended to it.</summary>
    private sealed class ChainHead(Guid organizationId, int retentionDays, long lastSeq, byte[] lastHash, DateTimeOffset? lastRetainUntil)
    {
        public Guid OrganizationId => organizationId;

        public long LastSeq { get; private set; } = lastSeq;

        public byte[] LastHash { get; private set; } = lastHash;

        public DateTimeOffset? LastRetainUntil { get; private set; } = lastRetainUntil;

        public bool Advanced { get; private set; }

        /// <summary>
        /// The next row. retain_until never decreases along a chain (see migration 0003), so that
        /// retention always removes a prefix of it and the rest still verifies from an anchor.
        /// </summary>
        public AuditRecord Append(AuditEvent auditEvent, DateTimeOffset recordedAt)
        {
            var stored = auditEvent with
            {
                OccurredAt = AuditChain.ToStoredPrecision(auditEvent.OccurredAt),
                ScanMs = AuditChain.ToStoredPrecision(auditEvent.ScanMs),
                UpstreamMs = auditEvent.UpstreamMs is { } upstream ? AuditChain.ToStoredPrecision(upstream) : null,
            };
            var retainUntil = stored.OccurredAt.AddDays(retentionDays);
            if (LastRetainUntil is { } previous && previous > retainUntil)
            {
                retainUntil = previous;
            }

            var record = new AuditRecord(LastSeq + 1, stored, recordedAt, retainUntil, LastHash, []);
            record = record with { RowHash = AuditChain.ComputeRowHash(record) };
            (LastSeq, LastHash, LastRetainUntil, Advanced) = (record.Seq, record.RowHash, retainUntil, true);
            return record;
        }
    }
}
