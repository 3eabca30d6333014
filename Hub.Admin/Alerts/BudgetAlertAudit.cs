using Hub.Core.Audit;
using Hub.Core.Billing.Alerts;

namespace Hub.Admin.Alerts;

/// <summary>
/// An alert's entry in the hash-chained audit trail: outcome <see cref="AuditOutcomes.BudgetAlert"/>, the
/// alert's event id as correlation id (so the audit writer stores it once), status 0 (no HTTP exchange),
/// and the budget's scope where the event has a column for it: project_id, key_id (all zeros unless the
/// budget is a key's), end_user (the subject of a per-user budget, as request events keep it). No cost:
/// the spend is already in the request events, and sums over the trail must not count it twice.
/// </summary>
internal static class BudgetAlertAudit
{
    public static AuditEvent EventFor(BudgetAlert alert, string eventId) => new(
        CorrelationId: eventId,
        OccurredAt: alert.OccurredAt,
        OrganizationId: alert.OrganizationId,
        ProjectId: alert.Scope == "project" && Guid.TryParse(alert.ScopeId, out var projectId) ? projectId : null,
        KeyId: alert.Scope == "key" && Guid.TryParse(alert.ScopeId, out var keyId) ? keyId : Guid.Empty,
        EndUser: alert.Scope == "user" ? alert.Subject : null,
        ModelRequested: null,
        ModelServed: null,
        Provider: null,
        Entities: [],
        PolicyId: null,
        PolicyVersion: 0,
        ScanMs: 0,
        UpstreamMs: null,
        Status: 0,
        Outcome: AuditOutcomes.BudgetAlert,
        ErrorType: null,
        PromptTokens: null,
        CompletionTokens: null,
        CostMicros: null,
        Fallbacks: [],
        PromptSha256: null);
}
