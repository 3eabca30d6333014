using System.Text.Json;
using Hub.Core.Audit;
using StackExchange.Redis;

namespace Hub.Admin.Audit;

/// <summary>Turns one stream entry into an <see cref="AuditEvent"/>, or says (without quoting it) why it cannot be stored.</summary>
internal static class AuditEntryReader
{
    public static (AuditEvent? Event, string? Problem) Read(StreamEntry entry)
    {
        var json = entry[AuditFeed.EventField];
        if (json.IsNullOrEmpty)
        {
            return (null, $"no '{AuditFeed.EventField}' field");
        }

        AuditEvent? auditEvent;
        try
        {
            auditEvent = AuditFeed.Deserialize(json.ToString());
        }
        catch (JsonException)
        {
            // The message would quote the payload; the reason alone is enough to find the entry.
            return (null, "not valid audit event JSON");
        }

        return AuditEventRules.Problem(auditEvent) is { } problem ? (null, problem) : (auditEvent, null);
    }
}
