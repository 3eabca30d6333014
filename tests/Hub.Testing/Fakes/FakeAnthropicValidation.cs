using System.Text.Json;

namespace Hub.Testing.Fakes;

/// <summary>
/// The request checks of Anthropic's Messages API that a translator can get wrong, with Anthropic's
/// messages (<c>shared/research/protocols.md</c> 2.1): required <c>max_tokens</c>, no unknown top-level
/// field, only user/assistant roles with a user turn first, non-blank text blocks, no trailing
/// whitespace in the final assistant turn, tools declared whenever tool blocks appear, each tool_result
/// answering a tool_use of the turn before, temperature within 0–1, known image media types.
/// </summary>
internal static class FakeAnthropicValidation
{
    private static readonly HashSet<string> TopLevelFields =
    [
        "model", "max_tokens", "messages", "system", "tools", "tool_choice", "temperature", "top_p", "top_k",
        "stop_sequences", "stream", "metadata", "thinking", "service_tier",
    ];

    private static readonly HashSet<string> ImageTypes = ["image/jpeg", "image/png", "image/gif", "image/webp"];

    /// <summary>Anthropic's error message for the first problem found, or null when the request is valid.</summary>
    public static string? Check(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return "Request body must be a JSON object.";
        }

        foreach (var property in root.EnumerateObject())
        {
            if (!TopLevelFields.Contains(property.Name))
            {
                return $"{property.Name}: Extra inputs are not permitted";
            }
        }

        if (!root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.String)
        {
            return "model: Field required";
        }

        if (!root.TryGetProperty("max_tokens", out var maxTokens) || !maxTokens.TryGetInt32(out var max) || max < 1)
        {
            return "max_tokens: Field required";
        }

        if (root.TryGetProperty("temperature", out var temperature) && temperature.GetDouble() is < 0 or > 1)
        {
            return "temperature: Input should be less than or equal to 1";
        }

        if (root.TryGetProperty("stop_sequences", out var stops) && stops.EnumerateArray().Any(stop => string.IsNullOrWhiteSpace(stop.GetString())))
        {
            return "stop_sequences: each stop sequence must contain non-whitespace";
        }

        if (root.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("user_id", out var userId) && userId.GetString()!.Contains('@'))
        {
            return "metadata.user_id: user_id must not contain personal information such as an email address";
        }

        return CheckSystem(root) ?? CheckTools(root) ?? CheckMessages(root);
    }

    private static string? CheckSystem(JsonElement root)
    {
        if (!root.TryGetProperty("system", out var system) || system.ValueKind == JsonValueKind.String)
        {
            return null;
        }

        return system.ValueKind == JsonValueKind.Array && system.EnumerateArray().All(block => block.GetProperty("type").ValueEquals("text") && !string.IsNullOrWhiteSpace(block.GetProperty("text").GetString()))
            ? null
            : "system: text content blocks must contain non-whitespace text";
    }

    private static string? CheckTools(JsonElement root)
    {
        var hasTools = root.TryGetProperty("tools", out var tools) && tools.GetArrayLength() > 0;
        if (hasTools)
        {
            var index = 0;
            foreach (var tool in tools.EnumerateArray())
            {
                if (!tool.TryGetProperty("input_schema", out var schema) || !schema.TryGetProperty("type", out var type) || !type.ValueEquals("object"))
                {
                    return $"tools.{index}.input_schema.type: Input should be 'object'";
                }

                index++;
            }
        }

        if (root.TryGetProperty("tool_choice", out var choice))
        {
            if (!hasTools)
            {
                return "tool_choice may only be specified while providing tools.";
            }

            var type = choice.GetProperty("type").GetString();
            if (type is not ("auto" or "any" or "tool" or "none") || (type == "tool" && !choice.TryGetProperty("name", out _)))
            {
                return "tool_choice: Input tag does not match any of the expected tags: 'auto', 'any', 'tool', 'none'";
            }
        }

        var hasToolBlocks = root.GetProperty("messages").EnumerateArray()
            .Any(message => message.GetProperty("content") is { ValueKind: JsonValueKind.Array } content
                && content.EnumerateArray().Any(block => block.GetProperty("type").GetString() is "tool_use" or "tool_result"));
        return hasToolBlocks && !hasTools ? "Requests which include `tool_use` or `tool_result` blocks must define tools." : null;
    }

    private static string? CheckMessages(JsonElement root)
    {
        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            return "messages: at least one message is required";
        }

        var list = messages.EnumerateArray().ToList();
        HashSet<string> pendingToolUses = [];
        for (var i = 0; i < list.Count; i++)
        {
            var role = list[i].GetProperty("role").GetString();
            if (role is not ("user" or "assistant"))
            {
                return $"messages.{i}.role: Input should be 'user' or 'assistant'";
            }

            if (i == 0 && role != "user")
            {
                return "messages: first message must use the \"user\" role";
            }

            var blocks = Blocks(list[i].GetProperty("content"));
            for (var b = 0; b < blocks.Count; b++)
            {
                if (CheckBlock(blocks[b], role, $"messages.{i}.content.{b}") is { } problem)
                {
                    return problem;
                }
            }

            var results = blocks.Where(block => block.Type == "tool_result").Select(block => block.Element.GetProperty("tool_use_id").GetString()!).ToList();
            if (results.FirstOrDefault(id => !pendingToolUses.Contains(id)) is { } unexpected)
            {
                return $"messages.{i}.content: unexpected `tool_use_id` found in `tool_result` blocks: {unexpected}. Each `tool_result` block must have a corresponding `tool_use` block in the previous message.";
            }

            if (role == "user" && pendingToolUses.Count > 0 && !pendingToolUses.SetEquals(results))
            {
                return $"messages.{i}: `tool_use` ids were found without `tool_result` blocks immediately after: {string.Join(", ", pendingToolUses.Except(results))}.";
            }

            pendingToolUses = [.. blocks.Where(block => block.Type == "tool_use").Select(block => block.Element.GetProperty("id").GetString()!)];
            if (i == list.Count - 1 && role == "assistant" && blocks.LastOrDefault() is { Type: "text" } last && last.Element.GetProperty("text").GetString()!.TrimEnd().Length != last.Element.GetProperty("text").GetString()!.Length)
            {
                return "messages: final assistant content cannot end with trailing whitespace";
            }
        }

        return null;
    }

    private static string? CheckBlock((string Type, JsonElement Element) block, string role, string path)
    {
        switch (block.Type)
        {
            case "text" when string.IsNullOrWhiteSpace(block.Element.GetProperty("text").GetString()):
                return $"{path}.text: text content blocks must contain non-whitespace text";
            case "text":
                return null;
            case "image" or "document" when role == "user":
                var source = block.Element.GetProperty("source");
                return source.GetProperty("type").GetString() switch
                {
                    "base64" when block.Type == "image" && !ImageTypes.Contains(source.GetProperty("media_type").GetString()!) =>
                        $"{path}.source.base64.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'",
                    "base64" when block.Type == "document" && !source.GetProperty("media_type").ValueEquals("application/pdf") =>
                        $"{path}.source.base64.media_type: Input should be 'application/pdf'",
                    "base64" when !source.TryGetProperty("data", out _) => $"{path}.source.base64.data: Field required",
                    "url" when !source.TryGetProperty("url", out _) => $"{path}.source.url.url: Field required",
                    "base64" or "url" => null,
                    _ => $"{path}.source: Input tag does not match any of the expected tags: 'base64', 'url'",
                };
            case "tool_use" when role == "assistant":
                return block.Element.GetProperty("input").ValueKind == JsonValueKind.Object ? null : $"{path}.tool_use.input: Input should be a valid dictionary";
            case "tool_result" when role == "user":
                return null;
            default:
                return $"{path}: Input tag '{block.Type}' is not allowed in a '{role}' message";
        }
    }

    /// <summary>A message's content as blocks; a string content is one text block.</summary>
    internal static List<(string Type, JsonElement Element)> Blocks(JsonElement content) =>
        content.ValueKind == JsonValueKind.String
            ? [("text", JsonDocument.Parse(JsonSerializer.Serialize(new { type = "text", text = content.GetString() })).RootElement)]
            : [.. content.EnumerateArray().Select(block => (block.GetProperty("type").GetString()!, block))];
}
