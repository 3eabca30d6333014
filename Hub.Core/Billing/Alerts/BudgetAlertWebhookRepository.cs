using Npgsql;
using static Hub.Core.Billing.Alerts.BudgetAlertRowMapper;

namespace Hub.Core.Billing.Alerts;

/// <summary>An organization's budget-alert webhook: where deliveries go, and the HMAC-SHA256 secret that signs them.</summary>
public sealed record BudgetAlertWebhook(string Url, string Secret, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>
/// The <c>budget_alert_webhooks</c> table (migration 0007), one row per organization. The secret is
/// stored as given because signing needs it; callers show it only when they set it.
/// </summary>
public sealed class BudgetAlertWebhookRepository(NpgsqlDataSource dataSource)
{
    public async Task<BudgetAlertWebhook?> GetAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT url, secret, created_at, updated_at FROM budget_alert_webhooks WHERE organization_id = $1");
        command.Parameters.Add(Value(organizationId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new BudgetAlertWebhook(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<DateTimeOffset>(3))
            : null;
    }

    /// <summary>
    /// Sets the organization's webhook, or replaces its URL and secret. Pending deliveries then go to the
    /// new URL, signed with the new secret. False when there is no such organization.
    /// </summary>
    public async Task<bool> SetAsync(Guid organizationId, string url, string secret, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO budget_alert_webhooks (organization_id, url, secret, created_at, updated_at)
            SELECT $1, $2, $3, $4, $4 WHERE EXISTS (SELECT 1 FROM organizations WHERE id = $1)
            ON CONFLICT (organization_id) DO UPDATE SET url = EXCLUDED.url, secret = EXCLUDED.secret, updated_at = EXCLUDED.updated_at
            """);
        command.Parameters.AddValues(Value(organizationId), Value(url), Value(secret), Value(now));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Removes the webhook and, in the same statement, cancels its pending deliveries. False when there was none.</summary>
    public async Task<bool> DeleteAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            WITH removed AS (
                DELETE FROM budget_alert_webhooks WHERE organization_id = $1 RETURNING organization_id),
            cancelled AS (
                UPDATE budget_alert_deliveries d
                SET state = 'cancelled', next_attempt_at = NULL, last_error = 'webhook deleted'
                FROM budget_alerts a
                WHERE a.id = d.alert_id AND d.state = 'pending' AND a.organization_id IN (SELECT organization_id FROM removed))
            SELECT count(*) FROM removed
            """);
        command.Parameters.Add(Value(organizationId));
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! == 1;
    }
}
