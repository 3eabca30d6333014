using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hub.Core.Policies;

/// <summary>
/// The stored and forwarded form of a <see cref="PolicyDocument"/>: compact snake_case JSON, exactly
/// what <c>POST /v1/scan</c> takes as its <c>policy</c>, so the gateway can copy it into a scan request
/// byte for byte.
/// </summary>
public static class PolicyJson
{
    // Relaxed escaping keeps regex patterns readable (a+ rather than a\u002B); this JSON is never put in HTML.
    private static readonly PolicyJsonContext Context = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>
    /// Writes <c>entities</c> in ordinal key order: Postgres' jsonb keeps a document's meaning but not its key
    /// order, and one canonical form means equal policies have equal JSON wherever they come from.
    /// </summary>
    public static string Serialize(PolicyDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Entities is { Count: > 1 } entities)
        {
            document = document with { Entities = new SortedDictionary<string, string>(entities.ToDictionary(), StringComparer.Ordinal) };
        }

        return JsonSerializer.Serialize(document, Context.PolicyDocument);
    }

    /// <exception cref="JsonException">Not a policy object.</exception>
    public static PolicyDocument Deserialize(string json) =>
        JsonSerializer.Deserialize(json, Context.PolicyDocument) ?? throw new JsonException("A policy must be a JSON object, not null.");
}

[JsonSerializable(typeof(PolicyDocument))]
internal sealed partial class PolicyJsonContext : JsonSerializerContext;
