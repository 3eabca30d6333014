using Npgsql;
using NpgsqlTypes;
using static Hub.Core.Billing.Alerts.BudgetAlertRowMapper;

namespace Hub.Core.Billing.Alerts;

/// <summary>
/// A delivery attempt taken from the outbox: the alert, the attempt's number (1 for the first), and the
/// organization's webhook as it is now (null when it was deleted meanwhile).
/// </summary>
public sealed record BudgetAlertAttempt(Guid AlertId, string EventId, BudgetAlert Alert, int Attempt, BudgetAlertWebhook? Webhook);

/// <summary>How an attempt ended: the delivery's new state (pending again, with <paramref name="NextAttemptAt"/>, or final).</summary>
/// <param name="Status">The receiver's HTTP status; null when it did not answer.</param>
/// <param name="Error">Why the attempt failed, in a few words; null on success.</param>
public sealed record BudgetAlertAttemptOutcome(string State, DateTimeOffset? NextAttemptAt, int? Status, string? Error);

/// <summary>
/// The outbox of webhook deliveries (<c>budget_alert_deliveries</c>, migration 0007), shared by every
/// Admin instance: <see cref="TakeDueAsync"/> takes due deliveries under a lease, and
/// <see cref="FinishAsync"/> records each attempt's outcome. A delivery whose instance died mid-attempt
/// comes due again when its lease ends, so no delivery is lost to a restart.
/// </summary>
public sealed class BudgetAlertDeliveryRepository(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Takes up to <paramref name="max"/> pending deliveries due at <paramref name="now"/>, oldest first:
    /// counts the attempt and moves next_attempt_at to <paramref name="leaseUntil"/>, in one statement that
    /// skips rows another instance is taking at the same moment.
    /// </summary>
    public async Task<IReadOnlyList<BudgetAlertAttempt>> TakeDueAsync(
        DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            WITH due AS (
                SELECT alert_id FROM budget_alert_deliveries
                WHERE state = 'pending' AND next_attempt_at <= $1
                ORDER BY next_attempt_at
                LIMIT $3
                FOR UPDATE SKIP LOCKED),
            taken AS (
                UPDATE budget_alert_deliveries d SET attempts = d.attempts + 1, next_attempt_at = $2, last_attempt_at = $1
                FROM due WHERE d.alert_id = due.alert_id
                RETURNING d.alert_id, d.attempts)
            SELECT a.id, a.event_id, t.attempts, w.url, w.secret, w.created_at, w.updated_at, {AlertColumns}
            FROM taken t
            JOIN budget_alerts a ON a.id = t.alert_id
            LEFT JOIN budget_alert_webhooks w ON w.organization_id = a.organization_id
            """);
        command.Parameters.AddValues(Value(now), Value(leaseUntil), Value(max));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var attempts = new List<BudgetAlertAttempt>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var webhook = reader.IsDBNull(3)
                ? null
                : new BudgetAlertWebhook(reader.GetString(3), reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5), reader.GetFieldValue<DateTimeOffset>(6));
            attempts.Add(new BudgetAlertAttempt(reader.GetGuid(0), reader.GetString(1), ReadAlert(reader, 7), reader.GetInt32(2), webhook));
        }

        return attempts;
    }

    /// <summary>
    /// Records how <paramref name="attempt"/> ended. Ignored (false) when the delivery has moved on since it
    /// was taken, i.e. its lease ran out and another instance made a later attempt.
    /// </summary>
    public async Task<bool> FinishAsync(BudgetAlertAttempt attempt, BudgetAlertAttemptOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(outcome);
        await using var command = dataSource.CreateCommand("""
            UPDATE budget_alert_deliveries
            SET state = $3, next_attempt_at = $4, last_status = $5, last_error = $6,
                delivered_at = CASE WHEN $3 = 'delivered' THEN $7 END
            WHERE alert_id = $1 AND attempts = $2 AND state = 'pending'
            """);
        command.Parameters.AddValues(
            Value(attempt.AlertId), Value(attempt.Attempt), Value(outcome.State), Nullable(outcome.NextAttemptAt, NpgsqlDbType.TimestampTz),
            Nullable(outcome.Status, NpgsqlDbType.Integer), Nullable(outcome.Error, NpgsqlDbType.Text), Value(now));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
