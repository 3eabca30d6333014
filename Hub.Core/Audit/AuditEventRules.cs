namespace Hub.Core.Audit;

/// <summary>
/// What an event must satisfy to be stored. The consumer checks it before appending so that one bad
/// stream entry is dead-lettered instead of failing its whole batch again and again; the repository
/// checks it again as a guard. Deliberately loose about values (a model name is whatever the gateway
/// saw): it refuses only what would make the row meaningless or unstorable.
/// </summary>
public static class AuditEventRules
{
    /// <summary>Longest correlation id accepted; the gateway's are about 30 characters.</summary>
    public const int MaxCorrelationIdLength = 200;

    /// <summary>Longest text of any other field; longer values are refused, not truncated, as truncation would change what is audited.</summary>
    public const int MaxTextLength = 4096;

    /// <summary>Null when the event can be stored, else a reason that names a field but never echoes its value.</summary>
    public static string? Problem(AuditEvent? auditEvent)
    {
        if (auditEvent is null)
        {
            return "the event is null";
        }

        if (string.IsNullOrEmpty(auditEvent.CorrelationId) || auditEvent.CorrelationId.Length > MaxCorrelationIdLength
            || !IsStorable(auditEvent.CorrelationId))
        {
            return "correlation_id is missing, too long or not valid text";
        }

        if (auditEvent.OrganizationId == Guid.Empty)
        {
            return "organization_id is missing";
        }

        // Missing (year 1) or absurd dates would put the row in a partition nobody expects; the retention arithmetic also needs headroom.
        if (auditEvent.OccurredAt.UtcDateTime.Year is < 2000 or > 9000)
        {
            return "occurred_at is missing or out of range";
        }

        if (string.IsNullOrEmpty(auditEvent.Outcome))
        {
            return "outcome is missing";
        }

        if (auditEvent.Entities is null || auditEvent.Fallbacks is null)
        {
            return "entities or fallbacks is missing";
        }

        if (!double.IsFinite(auditEvent.ScanMs) || auditEvent.UpstreamMs is { } upstream && !double.IsFinite(upstream))
        {
            return "scan_ms or upstream_ms is not a finite number";
        }

        if (auditEvent.Billing is not (null or Billing.BillingModes.Managed or Billing.BillingModes.Byok))
        {
            return "billing is neither managed nor byok";
        }

        return TextProblem(auditEvent);
    }

    private static string? TextProblem(AuditEvent e)
    {
        string?[] texts = [e.EndUser, e.ModelRequested, e.ModelServed, e.Provider, e.Outcome, e.ErrorType, e.PromptSha256];
        foreach (var text in texts)
        {
            if (text is not null && !IsStorable(text))
            {
                return "a text field is too long or not valid text";
            }
        }

        foreach (var entity in e.Entities)
        {
            if (entity is null || entity.Entity is null || entity.Action is null || !IsStorable(entity.Entity) || !IsStorable(entity.Action))
            {
                return "an entities item is incomplete or not valid text";
            }
        }

        foreach (var provider in e.Fallbacks)
        {
            if (provider is null || !IsStorable(provider))
            {
                return "a fallbacks item is missing or not valid text";
            }
        }

        return null;
    }

    /// <summary>Postgres text holds no NUL, and UTF-8 cannot encode a lone surrogate.</summary>
    private static bool IsStorable(string text)
    {
        if (text.Length > MaxTextLength)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                return false;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }
}
