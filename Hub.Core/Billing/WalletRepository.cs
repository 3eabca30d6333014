using Npgsql;

namespace Hub.Core.Billing;

/// <summary>An organization's wallet as the ledger has it: the source the live balance in Redis is rebuilt from.</summary>
/// <param name="Limit">Every top-up and adjustment: what the organization has paid in.</param>
/// <param name="Used">Every charge recorded so far.</param>
/// <param name="TopUpSeq">The last top-up or adjustment included: later ones are applied on top (<see cref="CreditScripts.ApplyTopUp"/>).</param>
public sealed record WalletSnapshot(long Limit, long Used, long TopUpSeq)
{
    public long Balance => Limit - Used;
}

/// <summary>One top-up or adjustment in the ledger.</summary>
public sealed record WalletTopUp(long Seq, long Credits, DateTimeOffset OccurredAt, string? Note);

/// <summary>
/// The append-only wallet ledger (<c>wallet_ledger</c>). Top-ups and snapshot reads take the same
/// per-organization advisory lock, so a snapshot's <see cref="WalletSnapshot.TopUpSeq"/> covers every
/// top-up committed before it and none after: the two ways a top-up reaches Redis (applied by Admin,
/// or found by a rebuild) then never both count it and never both miss it. Charges are written with
/// their audit event (<see cref="LedgerRows"/>).
/// </summary>
public sealed class WalletRepository(NpgsqlDataSource dataSource)
{
    private const string LockSql = "SELECT pg_advisory_xact_lock(hashtextextended('hub:wallet:' || $1::text, 0))";

    /// <summary>Adds credits (a top-up) or, with a negative amount, an adjustment; returns its ledger seq and the ledger balance after it.</summary>
    public async Task<(long Seq, long Balance)> AddAsync(Guid organizationId, long credits, string? note, DateTimeOffset occurredAt, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                Command(LockSql, organizationId),
                Command("""
                    INSERT INTO wallet_ledger (organization_id, kind, credits, occurred_at, note) VALUES ($1, $2, $3, $4, $5) RETURNING seq
                    """, organizationId, credits > 0 ? "topup" : "adjustment", credits, occurredAt, (object?)note ?? DBNull.Value),
                Command("SELECT coalesce(sum(credits), 0)::bigint FROM wallet_ledger WHERE organization_id = $1", organizationId),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var seq = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var balance = reader.GetInt64(0);
        await reader.DisposeAsync();
        await transaction.CommitAsync(cancellationToken);
        return (seq, balance);
    }

    public async Task<WalletSnapshot> SnapshotAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                Command(LockSql, organizationId),
                Command("""
                    SELECT coalesce(sum(credits) FILTER (WHERE kind <> 'charge'), 0)::bigint,
                           coalesce(-sum(credits) FILTER (WHERE kind = 'charge'), 0)::bigint,
                           coalesce(max(seq) FILTER (WHERE kind <> 'charge'), 0)::bigint
                    FROM wallet_ledger WHERE organization_id = $1
                    """, organizationId),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var snapshot = new WalletSnapshot(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        await reader.DisposeAsync();
        await transaction.CommitAsync(cancellationToken);
        return snapshot;
    }

    /// <summary>Top-ups and adjustments after <paramref name="seq"/>, oldest first.</summary>
    public async Task<IReadOnlyList<WalletTopUp>> TopUpsAfterAsync(Guid organizationId, long seq, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT seq, credits, occurred_at, note FROM wallet_ledger
            WHERE organization_id = $1 AND seq > $2 AND kind <> 'charge' ORDER BY seq
            """);
        command.Parameters.Add(new() { Value = organizationId });
        command.Parameters.Add(new() { Value = seq });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var topUps = new List<WalletTopUp>();
        while (await reader.ReadAsync(cancellationToken))
        {
            topUps.Add(new WalletTopUp(reader.GetInt64(0), reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return topUps;
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
