using Npgsql;

namespace Hub.Testing;

/// <summary>What an attacker with superuser rights could do to the append-only audit table.</summary>
public static class AuditTampering
{
    /// <summary>
    /// Runs <paramref name="sql"/> (positional parameters <paramref name="values"/>) with the append-only
    /// trigger switched off. All in one transaction, so no concurrent test ever sees the trigger off:
    /// ALTER TABLE's lock makes them wait instead.
    /// </summary>
    public static async Task RunAsync(NpgsqlDataSource dataSource, string sql, params object[] values)
    {
        var cancel = Xunit.TestContext.Current.CancellationToken;
        await using var connection = await dataSource.OpenConnectionAsync(cancel);
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        await using (var off = new NpgsqlCommand("ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only", connection, transaction))
        {
            await off.ExecuteNonQueryAsync(cancel);
        }

        await using (var change = new NpgsqlCommand(sql, connection, transaction))
        {
            foreach (var value in values)
            {
                change.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            await change.ExecuteNonQueryAsync(cancel);
        }

        await using (var on = new NpgsqlCommand("ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only", connection, transaction))
        {
            await on.ExecuteNonQueryAsync(cancel);
        }

        await transaction.CommitAsync(cancel);
    }
}
