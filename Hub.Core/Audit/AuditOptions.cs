using System.ComponentModel.DataAnnotations;

namespace Hub.Core.Audit;

/// <summary>The audit trail's storage settings (section <c>Audit</c>).</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    /// <summary>Bounds of any retention, configured or per organization; the SQL CHECK on <c>organizations.audit_retention_days</c> matches.</summary>
    public const int MinRetentionDays = 1;

    /// <inheritdoc cref="MinRetentionDays"/>
    public const int MaxRetentionDays = 3650;

    /// <summary>
    /// Days a request event is kept when its organization has no retention of its own. Default 90.
    /// Applies to rows written from then on: a row's expiry is fixed when it is written.
    /// </summary>
    [Range(MinRetentionDays, MaxRetentionDays)]
    public int RetentionDays { get; set; } = 90;
}
