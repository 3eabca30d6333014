namespace Hub.Core.Audit;

/// <summary>
/// An <see cref="AuditEvent"/> as the audit table holds it: its place in the organization's chain
/// (<paramref name="Seq"/> 1, 2, 3…), when it was written, until when it is kept, and the two hashes
/// that link it (see <see cref="AuditChain"/>).
/// </summary>
public sealed record AuditRecord(
    long Seq,
    AuditEvent Event,
    DateTimeOffset RecordedAt,
    DateTimeOffset RetainUntil,
    byte[] PrevHash,
    byte[] RowHash);

/// <summary>What one <see cref="AuditRepository.AppendAsync"/> did: rows written, and events skipped because their correlation id was already stored.</summary>
public sealed record AuditAppendResult(int Stored, int Duplicates);

/// <summary>
/// Filters of <see cref="AuditRepository.QueryAsync"/>; each null one is not applied. Results are
/// newest first (highest seq), at most <paramref name="Limit"/>.
/// </summary>
/// <param name="From">Inclusive lower bound of <see cref="AuditEvent.OccurredAt"/>.</param>
/// <param name="To">Exclusive upper bound of <see cref="AuditEvent.OccurredAt"/>.</param>
/// <param name="Entity">Only events with at least one finding of this entity type.</param>
/// <param name="BeforeSeq">Paging: only rows with a lower seq than this.</param>
public sealed record AuditQuery(
    string? CorrelationId = null,
    Guid? ProjectId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Entity = null,
    int? Status = null,
    string? Outcome = null,
    long? BeforeSeq = null,
    int Limit = AuditQuery.DefaultLimit)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
}

/// <summary>The result of <see cref="AuditRepository.VerifyAsync"/>.</summary>
/// <param name="Checked">Rows whose hashes were recomputed.</param>
/// <param name="FirstBroken">Where the chain first fails; null when <paramref name="Ok"/>.</param>
public sealed record AuditVerification(bool Ok, long Checked, AuditChainBreak? FirstBroken);

/// <summary>
/// The first place an organization's chain does not hold. <paramref name="CorrelationId"/> is the
/// row at <paramref name="Seq"/>, or null when that row is missing (<see cref="AuditChainBreak.Truncated"/>).
/// </summary>
public sealed record AuditChainBreak(long Seq, string? CorrelationId, string Reason)
{
    /// <summary>The row's content does not hash to its row_hash: a column was changed.</summary>
    public const string Altered = "altered";

    /// <summary>The row's prev_hash is not the previous row's row_hash: the row was replaced or re-linked.</summary>
    public const string Unlinked = "unlinked";

    /// <summary>Rows before this one are missing (its seq is not the next expected) and retention did not remove them.</summary>
    public const string Missing = "missing";

    /// <summary>Rows after the last present one are missing: the chain head records a later seq.</summary>
    public const string Truncated = "truncated";
}
