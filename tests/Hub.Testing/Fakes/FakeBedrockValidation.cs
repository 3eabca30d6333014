using System.Text.Json;

namespace Hub.Testing.Fakes;

/// <summary>
/// The Converse request checks Bedrock makes before any model runs, with its ValidationException
/// messages: only Converse's own top-level keys, a conversation that starts with the user and
/// alternates, no blank text, tool blocks only with a <c>toolConfig</c>, tool results answering the
/// previous turn's tool uses, image formats and base64, and a sane <c>inferenceConfig</c>.
/// </summary>
public static class FakeBedrockValidation
{
    private static readonly HashSet<string> TopLevelKeys =
    [
        "messages", "system", "inferenceConfig", "toolConfig", "guardrailConfig", "additionalModelRequestFields",
        "promptVariables", "additionalModelResponseFieldPaths", "requestMetadata", "performanceConfig",
    ];

    /// <returns>Null when Bedrock would accept the request; else its ValidationException message.</returns>
    public static string? Validate(JsonElement root)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (!TopLevelKeys.Contains(property.Name))
            {
                return $"Malformed input request: #: extraneous key [{property.Name}] is not permitted, please reformat your input and try again.";
            }
        }

        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            return "A conversation must start with a user message. Try again with a conversation that starts with a user message.";
        }

        return System(root) ?? Messages(messages, root.TryGetProperty("toolConfig", out var tools) ? tools : null) ?? Inference(root);
    }

    private static string? System(JsonElement root)
    {
        if (!root.TryGetProperty("system", out var system))
        {
            return null;
        }

        var i = 0;
        foreach (var block in system.EnumerateArray())
        {
            if (block.TryGetProperty("text", out var text) && string.IsNullOrWhiteSpace(text.GetString()))
            {
                return $"The text field in the SystemContentBlock object at system.{i} is blank. Add text to the text field, and try again.";
            }

            i++;
        }

        return null;
    }

    private static string? Messages(JsonElement messages, JsonElement? toolConfig)
    {
        string? previousRole = null;
        var previousToolUses = new List<string>();
        var i = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var role = message.GetProperty("role").GetString();
            if (previousRole is null && role != "user")
            {
                return "A conversation must start with a user message. Try again with a conversation that starts with a user message.";
            }

            if (role == previousRole)
            {
                return "A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.";
            }

            if (!message.TryGetProperty("content", out var content) || content.GetArrayLength() == 0)
            {
                return $"The content field in the Message object at messages.{i} is empty. Add a ContentBlock object to the content field and try again.";
            }

            var toolUses = new List<string>();
            var toolResults = new List<string>();
            var j = 0;
            foreach (var block in content.EnumerateArray())
            {
                if (Block(block, $"messages.{i}.content.{j}", toolConfig, toolUses, toolResults) is { } error)
                {
                    return error;
                }

                j++;
            }

            if (toolResults.Count > previousToolUses.Count)
            {
                return $"The number of toolResult blocks at messages.{i}.content exceeds the number of toolUse blocks of previous turn.";
            }

            if (previousToolUses.Except(toolResults).ToList() is { Count: > 0 } missing && (toolResults.Count > 0 || previousToolUses.Count > 0))
            {
                return $"Expected toolResult blocks at messages.{i}.content for the following Ids: {string.Join(", ", missing)}";
            }

            (previousRole, previousToolUses) = (role, toolUses);
            i++;
        }

        return null;
    }

    private static string? Block(JsonElement block, string path, JsonElement? toolConfig, List<string> toolUses, List<string> toolResults)
    {
        if (block.TryGetProperty("text", out var text) && string.IsNullOrWhiteSpace(text.GetString()))
        {
            return $"The text field in the ContentBlock object at {path} is blank. Add text to the text field, and try again.";
        }

        if (block.TryGetProperty("image", out var image))
        {
            var format = image.GetProperty("format").GetString();
            if (format is not ("png" or "jpeg" or "gif" or "webp"))
            {
                return $"1 validation error detected: Value '{format}' at '{path}.member.image.format' failed to satisfy constraint: Member must satisfy enum value set: [gif, jpeg, png, webp]";
            }

            if (!image.GetProperty("source").TryGetProperty("bytes", out var bytes) || !bytes.TryGetBytesFromBase64(out var decoded) || decoded.Length == 0)
            {
                return $"Invalid base64 in the image at {path}.";
            }
        }

        var isToolUse = block.TryGetProperty("toolUse", out var toolUse);
        var isToolResult = block.TryGetProperty("toolResult", out var toolResult);
        if ((isToolUse || isToolResult) && toolConfig is null)
        {
            return "The toolConfig field must be defined when using toolUse and toolResult content blocks.";
        }

        if (isToolUse)
        {
            toolUses.Add(toolUse.GetProperty("toolUseId").GetString()!);
            if (toolUse.GetProperty("input").ValueKind != JsonValueKind.Object)
            {
                return $"The input field in the ToolUseBlock object at {path} must be a JSON object.";
            }
        }

        if (isToolResult)
        {
            toolResults.Add(toolResult.GetProperty("toolUseId").GetString()!);
            var k = 0;
            foreach (var item in toolResult.GetProperty("content").EnumerateArray())
            {
                if (item.TryGetProperty("text", out var resultText) && string.IsNullOrWhiteSpace(resultText.GetString()))
                {
                    return $"The text field in the ToolResultContentBlock object at {path}.toolResult.content.{k} is blank. Add text to the text field, and try again.";
                }

                k++;
            }
        }

        return null;
    }

    private static string? Inference(JsonElement root)
    {
        if (root.TryGetProperty("inferenceConfig", out var config))
        {
            if (config.TryGetProperty("maxTokens", out var maxTokens) && maxTokens.GetInt32() < 1)
            {
                return "The maximum tokens you requested is less than 1. Try again with a positive value.";
            }

            if (config.TryGetProperty("temperature", out var temperature) && temperature.GetDouble() is < 0 or > 1)
            {
                return "1 validation error detected: Value at 'inferenceConfig.temperature' failed to satisfy constraint: Member must have value less than or equal to 1";
            }
        }

        if (!root.TryGetProperty("toolConfig", out var toolConfig))
        {
            return null;
        }

        var names = new List<string>();
        foreach (var tool in toolConfig.GetProperty("tools").EnumerateArray())
        {
            var spec = tool.GetProperty("toolSpec");
            names.Add(spec.GetProperty("name").GetString()!);
            if (spec.GetProperty("inputSchema").GetProperty("json").ValueKind != JsonValueKind.Object)
            {
                return "The json field of inputSchema must be a JSON object.";
            }
        }

        if (names.Count == 0)
        {
            return "The toolConfig field must contain at least one tool.";
        }

        return toolConfig.TryGetProperty("toolChoice", out var choice) && choice.TryGetProperty("tool", out var forced) && !names.Contains(forced.GetProperty("name").GetString()!)
            ? "The tool named in toolChoice is not one of the tools in toolConfig."
            : null;
    }
}
