using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using NpgsqlTypes;

namespace Hub.Core.Audit;

/// <summary>Between <see cref="AuditRecord"/> and an <c>audit_events</c> row: one column list, in the table's (and the canonical form's) order.</summary>
internal static class AuditRowMapper
{
    public const string Columns =
        "organization_id, seq, correlation_id, occurred_at, project_id, key_id, end_user, model_requested, model_served, provider, " +
        "entities, policy_id, policy_version, scan_ms, upstream_ms, status, outcome, error_type, prompt_tokens, completion_tokens, " +
        "cost_micros, fallbacks, prompt_sha256, recorded_at, retain_until, prev_hash, row_hash, billing";

    public const string InsertSql =
        $"INSERT INTO audit_events ({Columns}) VALUES " +
        "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28)";

    public static void AddInsertParameters(NpgsqlParameterCollection parameters, AuditRecord record)
    {
        var e = record.Event;
        parameters.Add(Value(e.OrganizationId));
        parameters.Add(Value(record.Seq));
        parameters.Add(Value(e.CorrelationId));
        parameters.Add(Value(e.OccurredAt));
        parameters.Add(Value(e.ProjectId));
        parameters.Add(Value(e.KeyId));
        parameters.Add(Value(e.EndUser));
        parameters.Add(Value(e.ModelRequested));
        parameters.Add(Value(e.ModelServed));
        parameters.Add(Value(e.Provider));
        parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(e.Entities, AuditStorageJsonContext.Default.IReadOnlyListAuditEntityCount), NpgsqlDbType = NpgsqlDbType.Jsonb });
        parameters.Add(Value(e.PolicyId));
        parameters.Add(Value(e.PolicyVersion));
        parameters.Add(Value(e.ScanMs));
        parameters.Add(Value(e.UpstreamMs));
        parameters.Add(Value(e.Status));
        parameters.Add(Value(e.Outcome));
        parameters.Add(Value(e.ErrorType));
        parameters.Add(Value(e.PromptTokens));
        parameters.Add(Value(e.CompletionTokens));
        parameters.Add(Value(e.CostMicros));
        parameters.Add(new NpgsqlParameter { Value = e.Fallbacks.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        parameters.Add(Value(e.PromptSha256));
        parameters.Add(Value(record.RecordedAt));
        parameters.Add(Value(record.RetainUntil));
        parameters.Add(Value(record.PrevHash));
        parameters.Add(Value(record.RowHash));
        parameters.Add(Value(e.Billing));
    }

    /// <summary>Reads a row selected with <see cref="Columns"/>.</summary>
    public static AuditRecord Read(NpgsqlDataReader reader) => new(
        reader.GetInt64(1),
        new AuditEvent(
            reader.GetString(2),
            reader.GetFieldValue<DateTimeOffset>(3),
            reader.GetGuid(0),
            NullableGuid(reader, 4),
            reader.GetGuid(5),
            NullableString(reader, 6),
            NullableString(reader, 7),
            NullableString(reader, 8),
            NullableString(reader, 9),
            JsonSerializer.Deserialize(reader.GetString(10), AuditStorageJsonContext.Default.IReadOnlyListAuditEntityCount) ?? [],
            NullableGuid(reader, 11),
            reader.GetInt32(12),
            reader.GetDouble(13),
            reader.IsDBNull(14) ? null : reader.GetDouble(14),
            reader.GetInt32(15),
            reader.GetString(16),
            NullableString(reader, 17),
            reader.IsDBNull(18) ? null : reader.GetInt32(18),
            reader.IsDBNull(19) ? null : reader.GetInt32(19),
            reader.IsDBNull(20) ? null : reader.GetInt64(20),
            reader.GetFieldValue<string[]>(21),
            NullableString(reader, 22)) { Billing = NullableString(reader, 27) },
        reader.GetFieldValue<DateTimeOffset>(23),
        reader.GetFieldValue<DateTimeOffset>(24),
        reader.GetFieldValue<byte[]>(25),
        reader.GetFieldValue<byte[]>(26));

    public static NpgsqlParameter Value(object? value) => new() { Value = value ?? DBNull.Value };

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static Guid? NullableGuid(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetGuid(ordinal);
}

/// <summary>The <c>entities</c> jsonb column: <c>[{"entity","action","count"}…]</c>, as in the stream's JSON.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(IReadOnlyList<AuditEntityCount>))]
internal sealed partial class AuditStorageJsonContext : JsonSerializerContext;
