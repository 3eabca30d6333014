using Hub.Core.Audit;
using Npgsql;

namespace Hub.Core.Billing;

/// <summary>The ledger row of a settled request, written in the same transaction as its audit row.</summary>
public static class LedgerRows
{
    private const string InsertSql = """
        INSERT INTO wallet_ledger (organization_id, kind, credits, spend_credits, occurred_at, correlation_id, project_id, key_id,
                                   end_user, model, provider, billing, prompt_tokens, completion_tokens)
        VALUES ($1, 'charge', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
        ON CONFLICT (organization_id, correlation_id) WHERE correlation_id IS NOT NULL DO NOTHING
        """;

    /// <summary>The insert for an event that carries a charge; null for one that does not.</summary>
    public static NpgsqlBatchCommand? ChargeOf(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        if (auditEvent.Charge is not { } charge)
        {
            return null;
        }

        var command = new NpgsqlBatchCommand(InsertSql);
        object?[] values =
        [
            auditEvent.OrganizationId, charge.Credits, charge.SpendCredits, auditEvent.OccurredAt, auditEvent.CorrelationId,
            auditEvent.ProjectId, auditEvent.KeyId, auditEvent.EndUser, auditEvent.ModelServed, auditEvent.Provider, charge.Billing,
            auditEvent.PromptTokens, auditEvent.CompletionTokens,
        ];
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }
}
