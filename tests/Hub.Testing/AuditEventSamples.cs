using Hub.Core.Audit;

namespace Hub.Testing;

/// <summary>Audit events with every field set to a distinct value, so a test notices any field that is dropped or swapped.</summary>
public static class AuditEventSamples
{
    public static string NewCorrelationId() => $"req_{Guid.NewGuid():N}";

    /// <summary>Now, at the microsecond precision Postgres keeps, so a stored event compares equal.</summary>
    public static DateTimeOffset Now() => AuditChain.ToStoredPrecision(DateTimeOffset.UtcNow);

    public static AuditEvent Completed(Guid organizationId, Guid? projectId = null, string? correlationId = null, DateTimeOffset? occurredAt = null) => new(
        correlationId ?? NewCorrelationId(),
        occurredAt ?? Now(),
        organizationId,
        projectId ?? Guid.NewGuid(),
        Guid.NewGuid(),
        "end-user-Zoë-42",
        "oah/gpt-4o-mini",
        "gpt-4o-mini-2024-07-18",
        "openai",
        [new AuditEntityCount("EMAIL_ADDRESS", "REDACT", 2), new AuditEntityCount("PERSON", "LOG", 1)],
        Guid.NewGuid(),
        3,
        1.25,
        812.5,
        200,
        AuditOutcomes.Completed,
        null,
        42,
        17,
        1234,
        ["groq", "together"],
        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");

    public static AuditEvent Blocked(Guid organizationId, Guid? projectId = null, string? correlationId = null) =>
        Completed(organizationId, projectId, correlationId) with
        {
            ModelServed = null,
            Provider = null,
            Entities = [new AuditEntityCount("US_SSN", "BLOCK", 1)],
            UpstreamMs = null,
            Status = 400,
            Outcome = AuditOutcomes.Blocked,
            ErrorType = "security_violation",
            PromptTokens = null,
            CompletionTokens = null,
            CostMicros = null,
            Fallbacks = [],
        };

    /// <summary>The events compared field by field (the lists by content), through their stream JSON.</summary>
    public static bool SameFields(AuditEvent expected, AuditEvent actual) =>
        AuditFeed.Serialize(expected) == AuditFeed.Serialize(actual);
}
