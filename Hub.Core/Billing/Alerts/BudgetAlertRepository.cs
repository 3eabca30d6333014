using Npgsql;
using NpgsqlTypes;
using static Hub.Core.Billing.Alerts.BudgetAlertRowMapper;

namespace Hub.Core.Billing.Alerts;

/// <summary>
/// The recorded budget alerts (migration 0007): each (budget, subject, period start, threshold) once,
/// however often it is reported, together with its webhook delivery when the organization has a webhook
/// (the outbox that <see cref="BudgetAlertDeliveryRepository"/> works through). Reads are scoped to one organization.
/// </summary>
public sealed class BudgetAlertRepository(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Records a reported alert unless it is stored already, in one statement: the alert, only if its
    /// budget belongs to its organization, and in the same commit a pending delivery if the organization
    /// has a webhook. A report of a stored alert changes nothing.
    /// </summary>
    /// <exception cref="ArgumentException">The alert breaks <see cref="BudgetAlertRules"/>.</exception>
    public async Task<BudgetAlertRecordResult> RecordAsync(BudgetAlert alert, DateTimeOffset recordedAt, CancellationToken cancellationToken)
    {
        if (BudgetAlertRules.Problem(alert) is { } problem)
        {
            throw new ArgumentException($"A budget alert cannot be recorded: {problem}.", nameof(alert));
        }

        var eventId = BudgetAlertEventId.For(alert);
        await using (var insert = dataSource.CreateCommand("""
            WITH alert AS (
                INSERT INTO budget_alerts (organization_id, budget_id, scope, scope_id, subject, period, period_start, threshold,
                                           spent_credits, amount_credits, occurred_at, recorded_at, event_id)
                SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13
                WHERE EXISTS (SELECT 1 FROM budgets WHERE id = $2 AND organization_id = $1)
                ON CONFLICT DO NOTHING
                RETURNING id),
            delivery AS (
                INSERT INTO budget_alert_deliveries (alert_id, state, next_attempt_at, created_at)
                SELECT alert.id, 'pending', $12, $12 FROM alert
                WHERE EXISTS (SELECT 1 FROM budget_alert_webhooks WHERE organization_id = $1)
                RETURNING alert_id)
            SELECT alert.id, delivery.alert_id IS NOT NULL FROM alert LEFT JOIN delivery ON true
            """))
        {
            insert.Parameters.AddValues(
                Value(alert.OrganizationId), Value(alert.BudgetId), Value(alert.Scope), Value(alert.ScopeId), Value(alert.Subject),
                Value(alert.Period), Value(alert.PeriodStart), Value(alert.Threshold), Value(alert.SpentCredits),
                Value(alert.AmountCredits), Value(alert.OccurredAt), Value(recordedAt), Value(eventId));
            await using var reader = await insert.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                return new BudgetAlertRecordResult(BudgetAlertRecording.Recorded, reader.GetGuid(0), false, reader.GetBoolean(1));
            }
        }

        // Not inserted: stored before (the event id is a function of the unique key), or no such budget.
        // A new statement sees a concurrent writer's commit that the insert waited for.
        await using var existing = dataSource.CreateCommand(
            "SELECT id, audit_queued_at IS NOT NULL FROM budget_alerts WHERE event_id = $1 AND organization_id = $2");
        existing.Parameters.AddValues(Value(eventId), Value(alert.OrganizationId));
        await using var found = await existing.ExecuteReaderAsync(cancellationToken);
        return await found.ReadAsync(cancellationToken)
            ? new BudgetAlertRecordResult(BudgetAlertRecording.Duplicate, found.GetGuid(0), found.GetBoolean(1), false)
            : new BudgetAlertRecordResult(BudgetAlertRecording.UnknownBudget, null, false, false);
    }

    /// <summary>Notes that the alerts' audit events are on the audit stream, so a later report does not send them again.</summary>
    public async Task MarkAuditQueuedAsync(IReadOnlyCollection<Guid> alertIds, DateTimeOffset queuedAt, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE budget_alerts SET audit_queued_at = $2 WHERE id = ANY($1) AND audit_queued_at IS NULL");
        command.Parameters.AddValues(Value(alertIds.ToArray()), Value(queuedAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>One organization's alerts matching <paramref name="query"/>, newest first, with their delivery.</summary>
    public async Task<IReadOnlyList<BudgetAlertRecord>> QueryAsync(Guid organizationId, BudgetAlertQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, BudgetAlertQuery.MaxLimit);

        await using var command = dataSource.CreateCommand($"""
            SELECT a.id, a.event_id, a.recorded_at, d.state, d.attempts, d.next_attempt_at, d.last_attempt_at, d.last_status,
                   d.last_error, d.delivered_at, {AlertColumns}
            FROM budget_alerts a LEFT JOIN budget_alert_deliveries d ON d.alert_id = a.id
            WHERE a.organization_id = $1
              AND ($2 IS NULL OR a.budget_id = $2)
              AND ($3 IS NULL OR a.occurred_at >= $3)
              AND ($4 IS NULL OR a.occurred_at < $4)
            ORDER BY a.occurred_at DESC, a.id
            LIMIT $5
            """);
        command.Parameters.AddValues(
            Value(organizationId), Nullable(query.BudgetId, NpgsqlDbType.Uuid), Nullable(query.From, NpgsqlDbType.TimestampTz),
            Nullable(query.To, NpgsqlDbType.TimestampTz), Value(query.Limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<BudgetAlertRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var delivery = reader.IsDBNull(3)
                ? BudgetAlertDelivery.None
                : new BudgetAlertDelivery(
                    reader.GetString(3), reader.GetInt32(4), NullableTime(reader, 5), NullableTime(reader, 6),
                    reader.IsDBNull(7) ? null : reader.GetInt32(7), reader.IsDBNull(8) ? null : reader.GetString(8), NullableTime(reader, 9));
            records.Add(new BudgetAlertRecord(reader.GetGuid(0), reader.GetString(1), ReadAlert(reader, 10), reader.GetFieldValue<DateTimeOffset>(2), delivery));
        }

        return records;
    }
}
