using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Hub.Core.Audit;

/// <summary>
/// The hash chain that makes the audit table tamper-evident. For each organization, rows are numbered
/// seq = 1, 2, 3… and
/// <code>row_hash(n) = SHA-256(prev_hash(n) || canonical(row n))    prev_hash(n) = row_hash(n-1), prev_hash(1) = 32 zero bytes</code>
/// so changing any stored column, or removing or re-ordering rows, breaks the chain from that row on.
/// </summary>
/// <remarks>
/// The canonical form is fixed and documented (docs/audit.md) so that anyone with an export can
/// recompute it: the ASCII tag <c>hub-audit-row-v1</c>, then every stored field in table order, each
/// as big-endian binary: a nullable field starts with one byte (0 = null, 1 = present); text is a
/// 4-byte UTF-8 length and the bytes; uuid is its 16 bytes in RFC 4122 order; timestamps are 8-byte
/// microseconds since 1970-01-01 UTC (Postgres' precision); doubles are their IEEE 754 bits; lists
/// are a 4-byte count and the items. Any change to this layout needs a new tag: <c>hub-audit-row-v2</c> is
/// v1 followed by the <c>billing</c> text, used for rows that have one, so rows written before it existed
/// still verify as v1.
/// </remarks>
public static class AuditChain
{
    public const int HashLength = 32;

    private static ReadOnlySpan<byte> Tag => "hub-audit-row-v1"u8;

    private static ReadOnlySpan<byte> TagWithBilling => "hub-audit-row-v2"u8;

    /// <summary>The prev_hash of an organization's first row: 32 zero bytes.</summary>
    public static byte[] Genesis() => new byte[HashLength];

    /// <summary>SHA-256 of <see cref="AuditRecord.PrevHash"/> followed by the record's canonical bytes (its own <see cref="AuditRecord.RowHash"/> excluded).</summary>
    public static byte[] ComputeRowHash(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var buffer = new ArrayBufferWriter<byte>(512);
        buffer.Write(record.PrevHash);
        WriteCanonical(buffer, record);
        return SHA256.HashData(buffer.WrittenSpan);
    }

    /// <summary>The canonical bytes of a record, as hashed after its prev_hash.</summary>
    public static byte[] CanonicalBytes(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var buffer = new ArrayBufferWriter<byte>(512);
        WriteCanonical(buffer, record);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// A timestamp as Postgres stores it: UTC, whole microseconds. Applied before hashing and storing
    /// so that the hash recomputed from the database matches the one computed at write time.
    /// </summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % 10), TimeSpan.Zero);

    /// <summary>A double as stored: -0 becomes 0, the only value whose bits could differ for an equal number.</summary>
    public static double ToStoredPrecision(double value) => value == 0 ? 0d : value;

    private static void WriteCanonical(ArrayBufferWriter<byte> buffer, AuditRecord record)
    {
        var e = record.Event;
        var w = new CanonicalWriter(buffer);
        buffer.Write(e.Billing is null ? Tag : TagWithBilling);
        w.Uuid(e.OrganizationId);
        w.Int64(record.Seq);
        w.Text(e.CorrelationId);
        w.Timestamp(e.OccurredAt);
        w.NullableUuid(e.ProjectId);
        w.Uuid(e.KeyId);
        w.NullableText(e.EndUser);
        w.NullableText(e.ModelRequested);
        w.NullableText(e.ModelServed);
        w.NullableText(e.Provider);
        w.Int32(e.Entities.Count);
        foreach (var entity in e.Entities)
        {
            w.Text(entity.Entity);
            w.Text(entity.Action);
            w.Int32(entity.Count);
        }

        w.NullableUuid(e.PolicyId);
        w.Int32(e.PolicyVersion);
        w.Double(e.ScanMs);
        w.NullableDouble(e.UpstreamMs);
        w.Int32(e.Status);
        w.Text(e.Outcome);
        w.NullableText(e.ErrorType);
        w.NullableInt32(e.PromptTokens);
        w.NullableInt32(e.CompletionTokens);
        w.NullableInt64(e.CostMicros);
        w.Int32(e.Fallbacks.Count);
        foreach (var provider in e.Fallbacks)
        {
            w.Text(provider);
        }

        w.NullableText(e.PromptSha256);
        w.Timestamp(record.RecordedAt);
        w.Timestamp(record.RetainUntil);
        if (e.Billing is { } billing)
        {
            w.Text(billing);
        }
    }

    private readonly struct CanonicalWriter(ArrayBufferWriter<byte> buffer)
    {
        private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        public void Int32(int value)
        {
            BinaryPrimitives.WriteInt32BigEndian(buffer.GetSpan(4), value);
            buffer.Advance(4);
        }

        public void Int64(long value)
        {
            BinaryPrimitives.WriteInt64BigEndian(buffer.GetSpan(8), value);
            buffer.Advance(8);
        }

        public void Double(double value)
        {
            BinaryPrimitives.WriteDoubleBigEndian(buffer.GetSpan(8), ToStoredPrecision(value));
            buffer.Advance(8);
        }

        public void Uuid(Guid value)
        {
            value.TryWriteBytes(buffer.GetSpan(16), bigEndian: true, out _);
            buffer.Advance(16);
        }

        public void Timestamp(DateTimeOffset value) =>
            Int64((ToStoredPrecision(value).UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10);

        public void Text(string value)
        {
            // Strict: text that is not valid UTF-16 is refused before it is stored (AuditEventRules), never hashed lossily.
            var length = StrictUtf8.GetByteCount(value);
            Int32(length);
            StrictUtf8.GetBytes(value, buffer.GetSpan(length));
            buffer.Advance(length);
        }

        public void NullableText(string? value)
        {
            if (Present(value is not null))
            {
                Text(value!);
            }
        }

        public void NullableUuid(Guid? value)
        {
            if (Present(value.HasValue))
            {
                Uuid(value!.Value);
            }
        }

        public void NullableInt32(int? value)
        {
            if (Present(value.HasValue))
            {
                Int32(value!.Value);
            }
        }

        public void NullableInt64(long? value)
        {
            if (Present(value.HasValue))
            {
                Int64(value!.Value);
            }
        }

        public void NullableDouble(double? value)
        {
            if (Present(value.HasValue))
            {
                Double(value!.Value);
            }
        }

        private bool Present(bool present)
        {
            buffer.GetSpan(1)[0] = present ? (byte)1 : (byte)0;
            buffer.Advance(1);
            return present;
        }
    }
}
