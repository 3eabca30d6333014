using System.Text.Json;
using Hub.Gateway.Errors;
using Hub.Gateway.Providers.Translation;

namespace Hub.Gateway.Providers.Gemini;

/// <summary>
/// Rewrites a client's JSON Schema (tool <c>parameters</c>, <c>response_format.json_schema.schema</c>)
/// as Gemini's <c>Schema</c>, the OpenAPI 3.0 subset <c>parameters</c> and <c>responseSchema</c> take.
/// Google rejects a field it does not know (<c>Unknown name "additionalProperties"</c>), so this keeps
/// only the <c>Schema</c> fields of the v1beta reference and drops the rest (<c>additionalProperties</c>,
/// <c>$schema</c>, <c>strict</c>, <c>$defs</c>, <c>examples</c>, …), as Portkey and LiteLLM do.
/// Local <c>$ref</c>s are inlined (SDKs emit them for nested models), a recursive one is refused;
/// <c>type: ["x","null"]</c> becomes <c>type</c> plus <c>nullable</c>; <c>oneOf</c> becomes <c>anyOf</c>;
/// a single-item <c>allOf</c> is inlined; <c>format</c>s Gemini rejects and non-string <c>enum</c>s are dropped.
/// </summary>
/// <remarks>
/// Why not <c>parametersJsonSchema</c>/<c>responseJsonSchema</c>, which take JSON Schema as is: not every
/// model served by v1beta accepts them, they cannot be combined with the classic fields, and Google
/// documents that unsupported keywords in them are still ignored; the cleaned subset works everywhere.
/// </remarks>
internal static class GeminiSchemaCleaner
{
    /// <summary>More nested <c>$ref</c> expansions than this is a recursive schema.</summary>
    private const int MaxRefDepth = 32;

    /// <summary>Writes <paramref name="schema"/> cleaned.</summary>
    /// <param name="param">The request field, for a 400 naming it.</param>
    /// <exception cref="InvalidRequestException">A <c>$ref</c> that is not local, does not resolve, or recurses.</exception>
    public static void Write(Utf8JsonWriter writer, JsonElement schema, string param) => WriteSchema(writer, schema, schema, param, 0);

    /// <summary>Whether the (resolved) schema declares at least one property: Gemini refuses an <c>OBJECT</c> with empty <c>properties</c>.</summary>
    public static bool HasProperties(JsonElement schema, string param)
    {
        var (resolved, _) = Resolve(schema, schema, param, 0);
        return resolved.ValueKind == JsonValueKind.Object && resolved.TryGetProperty("properties", out var properties)
            && properties.ValueKind == JsonValueKind.Object && properties.EnumerateObject().Any();
    }

    private static void WriteSchema(Utf8JsonWriter writer, JsonElement node, JsonElement root, string param, int depth)
    {
        (node, depth) = Resolve(node, root, param, depth);
        if (node.ValueKind != JsonValueKind.Object)
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
            return;
        }

        writer.WriteStartObject();
        var (type, nullable) = TypeOf(node);
        if (type is not null)
        {
            writer.WriteString("type"u8, type);
        }

        if (nullable)
        {
            writer.WriteBoolean("nullable"u8, true);
        }

        var wroteAnyOf = false;
        foreach (var property in node.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "description" or "title" or "pattern" when value.ValueKind == JsonValueKind.String:
                case "minimum" or "maximum" or "minItems" or "maxItems" or "minLength" or "maxLength" or "minProperties" or "maxProperties" when value.ValueKind == JsonValueKind.Number:
                case "nullable" when !nullable && value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                case "default" or "example":
                case "required" or "propertyOrdering" or "enum" when IsStringArray(value):
                case "format" when value.ValueKind == JsonValueKind.String && IsSupportedFormat(type, value.GetString()):
                    property.WriteTo(writer);
                    break;
                case "const" when value.ValueKind == JsonValueKind.String && !node.TryGetProperty("enum", out _):
                    writer.WriteStartArray("enum"u8);
                    writer.WriteStringValue(value.GetString());
                    writer.WriteEndArray();
                    break;
                case "properties" when value.ValueKind == JsonValueKind.Object && value.EnumerateObject().Any():
                    writer.WriteStartObject("properties"u8);
                    foreach (var child in value.EnumerateObject())
                    {
                        writer.WritePropertyName(child.Name);
                        WriteSchema(writer, child.Value, root, param, depth);
                    }

                    writer.WriteEndObject();
                    break;
                case "items" when value.ValueKind == JsonValueKind.Object:
                    writer.WritePropertyName("items"u8);
                    WriteSchema(writer, value, root, param, depth);
                    break;
                case "anyOf" or "oneOf" when !wroteAnyOf && value.ValueKind == JsonValueKind.Array:
                    wroteAnyOf = true;
                    writer.WriteStartArray("anyOf"u8);
                    foreach (var alternative in value.EnumerateArray())
                    {
                        WriteSchema(writer, alternative, root, param, depth);
                    }

                    writer.WriteEndArray();
                    break;
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>Follows <c>$ref</c> and single-item <c>allOf</c> to the schema they stand for; the depth counts the <c>$ref</c>s followed on the way down.</summary>
    private static (JsonElement Node, int Depth) Resolve(JsonElement node, JsonElement root, string param, int depth)
    {
        while (node.ValueKind == JsonValueKind.Object)
        {
            if (node.TryGetProperty("$ref", out var reference))
            {
                if (++depth > MaxRefDepth)
                {
                    throw Invalid(param, $"The schema in '{param}' is recursive ($ref); Gemini's schemas cannot express recursion.");
                }

                node = Pointer(root, reference.ValueKind == JsonValueKind.String ? reference.GetString()! : "", param);
            }
            else if (node.TryGetProperty("allOf", out var all) && all.ValueKind == JsonValueKind.Array && all.GetArrayLength() == 1
                && !node.TryGetProperty("type", out _) && !node.TryGetProperty("properties", out _))
            {
                node = all[0];
            }
            else
            {
                break;
            }
        }

        return (node, depth);
    }

    /// <summary>A local JSON pointer (<c>#/$defs/Address</c>) into the schema's own document.</summary>
    private static JsonElement Pointer(JsonElement root, string reference, string param)
    {
        if (!reference.StartsWith('#'))
        {
            throw Invalid(param, $"The schema in '{param}' refers to '{reference}'; only references inside the schema (#/...) can be sent to Gemini.");
        }

        var node = root;
        foreach (var token in reference[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(name, out node))
            {
                throw Invalid(param, $"The schema in '{param}' refers to '{reference}', which it does not define.");
            }
        }

        return node;
    }

    /// <summary>Gemini's upper-case type and whether <c>null</c> was one of the JSON Schema types (a type list keeps its first other type).</summary>
    private static (string? Type, bool Nullable) TypeOf(JsonElement node)
    {
        if (!node.TryGetProperty("type", out var type))
        {
            return (null, false);
        }

        if (type.ValueKind == JsonValueKind.String)
        {
            return (type.GetString()!.ToUpperInvariant(), false);
        }

        string? first = null;
        var nullable = false;
        if (type.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in type.EnumerateArray())
            {
                if (item.ValueEquals("null"u8))
                {
                    nullable = true;
                }
                else if (item.ValueKind == JsonValueKind.String)
                {
                    first ??= item.GetString()!.ToUpperInvariant();
                }
            }
        }

        return (first ?? (nullable ? "NULL" : null), nullable && first is not null);
    }

    /// <summary>The Gemini API rejects other formats (Firebase's Schema reference: strings take only <c>enum</c> and <c>date-time</c>).</summary>
    private static bool IsSupportedFormat(string? type, string? format) => (type, format) switch
    {
        ("STRING", "enum" or "date-time") => true,
        ("NUMBER", "float" or "double") => true,
        ("INTEGER", "int32" or "int64") => true,
        _ => false,
    };

    private static bool IsStringArray(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return false;
            }
        }

        return true;
    }

    private static InvalidRequestException Invalid(string param, string message) =>
        new(HubError.InvalidRequest(message, param, "invalid_value"));
}
