using Npgsql;

namespace Hub.Core.Billing;

/// <summary>Budgets in Postgres (<c>budgets</c>), and what the ledger says was spent against one.</summary>
public sealed class BudgetRepository(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, organization_id, scope, scope_id, period, amount_credits, alert_thresholds";

    /// <summary>Creates the budget for this scope and period, or replaces its amount and thresholds.</summary>
    public async Task<Budget> UpsertAsync(
        Guid organizationId, string scope, string scopeId, string period, long amountCredits, IReadOnlyList<int> alertThresholds, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO budgets (organization_id, scope, scope_id, period, amount_credits, alert_thresholds)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (organization_id, scope, scope_id, period) DO UPDATE
            SET amount_credits = EXCLUDED.amount_credits, alert_thresholds = EXCLUDED.alert_thresholds, updated_at = now()
            RETURNING {Columns}
            """);
        command.Parameters.Add(new() { Value = organizationId });
        command.Parameters.Add(new() { Value = scope });
        command.Parameters.Add(new() { Value = scopeId });
        command.Parameters.Add(new() { Value = period });
        command.Parameters.Add(new() { Value = amountCredits });
        command.Parameters.Add(new() { Value = alertThresholds.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return Read(reader);
    }

    public async Task<IReadOnlyList<Budget>> ListAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM budgets WHERE organization_id = $1 ORDER BY scope, scope_id, period");
        command.Parameters.Add(new() { Value = organizationId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var budgets = new List<Budget>();
        while (await reader.ReadAsync(cancellationToken))
        {
            budgets.Add(Read(reader));
        }

        return budgets;
    }

    /// <returns>False when the organization has no such budget.</returns>
    public async Task<bool> DeleteAsync(Guid organizationId, Guid budgetId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM budgets WHERE organization_id = $1 AND id = $2");
        command.Parameters.Add(new() { Value = organizationId });
        command.Parameters.Add(new() { Value = budgetId });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// What the ledger has counted against <paramref name="budget"/> for <paramref name="subject"/> (the
    /// end user of a per-user budget, else its scope id) from <paramref name="from"/> until <paramref name="to"/>.
    /// </summary>
    public async Task<long> SpentAsync(Budget budget, string subject, DateTimeOffset from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(budget);
        var filter = budget.Scope switch
        {
            BudgetScopes.Organization => "TRUE",
            BudgetScopes.Project => "project_id::text = $4",
            BudgetScopes.Key => "key_id::text = $4",
            BudgetScopes.User => "end_user = $4",
            _ => throw new ArgumentException($"Unknown budget scope '{budget.Scope}'.", nameof(budget)),
        };
        await using var command = dataSource.CreateCommand($"""
            SELECT coalesce(sum(spend_credits), 0)::bigint FROM wallet_ledger
            WHERE organization_id = $1 AND occurred_at >= $2 AND ($3::timestamptz IS NULL OR occurred_at < $3) AND ({filter})
            """);
        command.Parameters.Add(new() { Value = budget.OrganizationId });
        command.Parameters.Add(new() { Value = from });
        command.Parameters.Add(new() { Value = (object?)to ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = subject });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static Budget Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt64(5),
        reader.GetFieldValue<int[]>(6));
}
