namespace Hub.Core.Audit;

/// <summary>
/// One governed request, as the gateway reports it and the audit table keeps it. Never the prompt
/// or the answer: only their shape (entity types and counts) and <see cref="PromptSha256"/>.
/// </summary>
/// <param name="CorrelationId">The request's <c>x-hub-correlation-id</c>; unique, so a redelivered event is ignored.</param>
/// <param name="OccurredAt">When the gateway received the request.</param>
/// <param name="KeyId">The api_keys row id, never the key.</param>
/// <param name="EndUser">The request's <c>user</c> or <c>safety_identifier</c> field, else the <c>x-hub-user</c> header.</param>
/// <param name="PolicyId">The policy version row used; null for the built-in default.</param>
/// <param name="PolicyVersion">Its version number; 0 for the built-in default (Maximum Protection).</param>
/// <param name="Status">The HTTP status the client got.</param>
/// <param name="Outcome">See <see cref="AuditOutcomes"/>.</param>
/// <param name="ErrorType">The OpenAI error <c>type</c> when the request failed, e.g. <c>security_violation</c>.</param>
/// <param name="CostMicros">What the request cost in credits (1 USD = 1,000,000): the managed price charged, or the list price of a BYOK request.</param>
/// <param name="Fallbacks">Providers tried and left before the one that served, in order.</param>
/// <param name="PromptSha256">Lower-case hex SHA-256 of the normalized request messages (the gateway hashes the <c>messages</c> array re-serialized compactly, so whitespace does not change it).</param>
public sealed record AuditEvent(
    string CorrelationId,
    DateTimeOffset OccurredAt,
    Guid OrganizationId,
    Guid? ProjectId,
    Guid KeyId,
    string? EndUser,
    string? ModelRequested,
    string? ModelServed,
    string? Provider,
    IReadOnlyList<AuditEntityCount> Entities,
    Guid? PolicyId,
    int PolicyVersion,
    double ScanMs,
    double? UpstreamMs,
    int Status,
    string Outcome,
    string? ErrorType,
    int? PromptTokens,
    int? CompletionTokens,
    long? CostMicros,
    IReadOnlyList<string> Fallbacks,
    string? PromptSha256)
{
    /// <summary>
    /// The wallet ledger entry this request settled, if it reserved credits. Not an audit column: the
    /// audit writer stores it in <c>wallet_ledger</c> in the same transaction as the audit row.
    /// </summary>
    public Billing.LedgerCharge? Charge { get; init; }

    /// <summary>
    /// Who paid the provider (<see cref="Billing.BillingModes"/>): Hub's key (<c>managed</c>) or the
    /// organization's own (<c>byok</c>); null when no provider was chosen.
    /// </summary>
    public string? Billing { get; init; }

    /// <summary>
    /// The organization's stored provider key (<c>byok_keys.id</c>, never the key) that paid, for a BYOK
    /// request. Not an audit column: the audit writer records it as the key's <c>last_used_at</c>.
    /// </summary>
    public Guid? ByokKeyId { get; init; }
}

/// <summary>How many findings of one entity type a request had, and what the policy did with them.</summary>
public sealed record AuditEntityCount(string Entity, string Action, int Count);

/// <summary>Values of <see cref="AuditEvent.Outcome"/>.</summary>
public static class AuditOutcomes
{
    /// <summary>Forwarded and answered by a provider (whatever status the provider gave).</summary>
    public const string Completed = "completed";

    /// <summary>Refused by the DLP policy; nothing was sent upstream.</summary>
    public const string Blocked = "blocked";

    /// <summary>Refused before or instead of forwarding for any other reason (bad request, scanner down, upstream failure).</summary>
    public const string Failed = "failed";

    /// <summary>Not a request: a budget crossed an alert threshold (docs/budget-alerts.md); status 0, correlation id <c>alert_…</c>.</summary>
    public const string BudgetAlert = "budget_alert";
}
