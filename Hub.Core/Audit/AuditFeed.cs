using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hub.Core.Audit;

/// <summary>
/// The Redis stream between the gateways (producers) and the audit writer (a consumer group in
/// Hub.Admin). One entry per request with a single field, <see cref="EventField"/>, holding the
/// event as JSON.
/// </summary>
/// <remarks>Named AuditFeed, not AuditStream: analyzer rule CA1711 reserves the Stream suffix for System.IO streams.</remarks>
public static class AuditFeed
{
    public const string Key = "hub:audit";
    public const string ConsumerGroup = "audit-writers";
    public const string EventField = "event";

    public static string Serialize(AuditEvent auditEvent) => JsonSerializer.Serialize(auditEvent, AuditJsonContext.Default.AuditEvent);

    public static AuditEvent? Deserialize(string json) => JsonSerializer.Deserialize(json, AuditJsonContext.Default.AuditEvent);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(AuditEvent))]
internal sealed partial class AuditJsonContext : JsonSerializerContext;
