using System.Text;
using System.Text.Json;

namespace Hub.Gateway.Billing.Estimation;

/// <summary>
/// Renders <c>tools</c> and <c>functions</c> the way OpenAI's models read them: not as the JSON sent, but
/// as TypeScript declarations in a <c>functions</c> namespace (the format OpenAI documents for its
/// harmony prompt, and which reproduces the API's billed counts, hmarr/openai-chat-tokens):
/// <code>
/// namespace functions {
///
/// // Get the weather
/// type get_weather = (_: {
/// // City name
/// city: string,
/// unit?: "c" | "f",
/// }) => any;
///
/// } // namespace functions
/// </code>
/// A schema construct with no TypeScript form is counted as its JSON, which reads longer: the estimate errs high.
/// </summary>
internal static class ToolDefinitionRenderer
{
    /// <summary>As deep as the body parser allows (<c>ChatRequestReader</c>), so a body it accepted always renders.</summary>
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 128 };

    /// <param name="body">The request body.</param>
    /// <param name="arrays">Where each <c>tools</c>/<c>functions</c> array sits in it.</param>
    public static string Render(byte[] body, IReadOnlyList<Range> arrays)
    {
        var text = new StringBuilder("namespace functions {\n\n");
        for (var i = 0; i < arrays.Count; i++)
        {
            using var document = JsonDocument.Parse(body.AsMemory(arrays[i]), Options);
            foreach (var item in document.RootElement.EnumerateArray())
            {
                RenderTool(text, item);
            }
        }

        return text.Append("} // namespace functions").ToString();
    }

    /// <summary><c>{"type":"function","function":{…}}</c> or a legacy <c>{"name","description","parameters"}</c>.</summary>
    private static void RenderTool(StringBuilder text, JsonElement tool)
    {
        if (tool.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var function = tool.TryGetProperty("function", out var inner) && inner.ValueKind == JsonValueKind.Object ? inner : tool;
        if (!function.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
        {
            // Not a function (a custom or built-in tool): what the model reads of it is unknown, so all of it counts.
            text.Append(tool.GetRawText()).Append("\n\n");
            return;
        }

        Comment(text, function, indent: 0);
        text.Append("type ").Append(name.GetString());
        if (function.TryGetProperty("parameters", out var parameters) && HasProperties(parameters, out var properties))
        {
            text.Append(" = (_: {\n");
            RenderProperties(text, parameters, properties, indent: 0);
            text.Append("}) => any;\n\n");
        }
        else
        {
            text.Append(" = () => any;\n\n");
        }
    }

    private static void RenderProperties(StringBuilder text, JsonElement schema, JsonElement properties, int indent)
    {
        foreach (var property in properties.EnumerateObject())
        {
            Comment(text, property.Value, indent);
            text.Append(' ', indent).Append(property.Name).Append(IsRequired(schema, property.Name) ? ": " : "?: ");
            RenderType(text, property.Value, indent);
            text.Append(",\n");
        }
    }

    private static void RenderType(StringBuilder text, JsonElement schema, int indent)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            text.Append("any");
            return;
        }

        if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array)
        {
            Union(text, values, literal: true, indent);
            return;
        }

        if (schema.TryGetProperty("anyOf", out var anyOf) || schema.TryGetProperty("oneOf", out anyOf))
        {
            Union(text, anyOf, literal: false, indent);
            return;
        }

        var type = schema.TryGetProperty("type", out var declared) ? declared : default;
        if (type.ValueKind == JsonValueKind.Array)
        {
            Union(text, type, literal: false, indent);
            return;
        }

        switch (type.ValueKind == JsonValueKind.String ? type.GetString() : null)
        {
            case "string" or "boolean" or "null":
                text.Append(type.GetString());
                break;
            case "number" or "integer":
                text.Append("number");
                break;
            case "array":
                if (schema.TryGetProperty("items", out var items))
                {
                    RenderType(text, items, indent);
                }
                else
                {
                    text.Append("any");
                }

                text.Append("[]");
                break;
            case "object" when HasProperties(schema, out var properties):
                text.Append("{\n");
                RenderProperties(text, schema, properties, indent + 2);
                text.Append(' ', indent).Append('}');
                break;
            case "object":
                text.Append("object");
                break;
            default:
                // $ref, allOf, not, …: no TypeScript form here, so the schema counts as sent.
                text.Append(schema.GetRawText());
                break;
        }
    }

    /// <summary><c>"a" | "b"</c> for enum values (as JSON literals), <c>string | null</c> for type lists and anyOf.</summary>
    private static void Union(StringBuilder text, JsonElement members, bool literal, int indent)
    {
        if (members.ValueKind != JsonValueKind.Array)
        {
            text.Append(members.GetRawText());
            return;
        }

        var first = true;
        foreach (var member in members.EnumerateArray())
        {
            text.Append(first ? "" : " | ");
            first = false;
            if (literal || member.ValueKind != JsonValueKind.Object)
            {
                text.Append(member.ValueKind == JsonValueKind.String && !literal ? member.GetString() : member.GetRawText());
            }
            else
            {
                RenderType(text, member, indent);
            }
        }
    }

    private static void Comment(StringBuilder text, JsonElement schema, int indent)
    {
        if (schema.ValueKind == JsonValueKind.Object
            && schema.TryGetProperty("description", out var description)
            && description.ValueKind == JsonValueKind.String
            && description.GetString() is { Length: > 0 } value)
        {
            text.Append(' ', indent).Append("// ").Append(value).Append('\n');
        }
    }

    private static bool HasProperties(JsonElement schema, out JsonElement properties)
    {
        properties = default;
        return schema.ValueKind == JsonValueKind.Object
            && schema.TryGetProperty("properties", out properties)
            && properties.ValueKind == JsonValueKind.Object
            && properties.EnumerateObject().Any();
    }

    private static bool IsRequired(JsonElement schema, string name)
    {
        if (!schema.TryGetProperty("required", out var required) || required.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var item in required.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && item.ValueEquals(name))
            {
                return true;
            }
        }

        return false;
    }
}
