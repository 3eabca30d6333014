using System.Text.Json;
using Hub.Gateway.Errors;
using Hub.Gateway.Providers.Translation;

namespace Hub.Gateway.Providers.Bedrock;

/// <summary>
/// OpenAI messages → Converse <c>system</c> and <c>messages</c>. Bedrock wants strictly alternating
/// user/assistant turns, so tool messages (a user turn of <c>toolResult</c> blocks) and the user text
/// after them merge into one turn, as do any other neighbours of the same role. It rejects blank text
/// blocks, so empty texts are left out, and a message left with no block is left out whole.
/// </summary>
internal static class BedrockMessageMapper
{
    /// <summary><c>system</c>: every system and developer message, in order, one text block each.</summary>
    public static void WriteSystem(Utf8JsonWriter writer, List<ChatMessage> messages)
    {
        var started = false;
        foreach (var message in messages)
        {
            if (message.Role is not (ChatRole.System or ChatRole.Developer) || message.Text() is not { Length: > 0 } text)
            {
                continue;
            }

            if (!started)
            {
                writer.WriteStartArray("system"u8);
                started = true;
            }

            writer.WriteStartObject();
            writer.WriteString("text"u8, text);
            writer.WriteEndObject();
        }

        if (started)
        {
            writer.WriteEndArray();
        }
    }

    /// <returns>Whether the history holds tool calls or results (then Bedrock requires a <c>toolConfig</c>); <paramref name="toolNames"/> gets the names called.</returns>
    public static bool WriteMessages(Utf8JsonWriter writer, List<ChatMessage> messages, List<string> toolNames)
    {
        var hasToolBlocks = false;
        string? openRole = null;
        writer.WriteStartArray("messages"u8);
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            var role = message.Role switch
            {
                ChatRole.User or ChatRole.Tool => "user",
                ChatRole.Assistant => "assistant",
                _ => null,
            };
            if (role is null || !HasBlocks(message))
            {
                continue;
            }

            if (!string.Equals(role, openRole, StringComparison.Ordinal))
            {
                if (openRole is not null)
                {
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }

                writer.WriteStartObject();
                writer.WriteString("role"u8, role);
                writer.WriteStartArray("content"u8);
                openRole = role;
            }

            hasToolBlocks |= message.Role == ChatRole.Tool || message.ToolCalls.Count > 0;
            WriteBlocks(writer, message, $"messages[{i}]", toolNames);
        }

        if (openRole is not null)
        {
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        return hasToolBlocks;
    }

    private static bool HasBlocks(ChatMessage message)
    {
        if (message.Role == ChatRole.Tool || message.ToolCalls.Count > 0)
        {
            return true;
        }

        foreach (var part in message.Content)
        {
            if (part.Kind != ContentPartKind.Text || !string.IsNullOrEmpty(part.Text))
            {
                return true;
            }
        }

        return false;
    }

    private static void WriteBlocks(Utf8JsonWriter writer, ChatMessage message, string path, List<string> toolNames)
    {
        if (message.Role == ChatRole.Tool)
        {
            WriteToolResult(writer, message);
            return;
        }

        for (var j = 0; j < message.Content.Count; j++)
        {
            var part = message.Content[j];
            switch (part.Kind)
            {
                case ContentPartKind.Text when !string.IsNullOrEmpty(part.Text):
                    writer.WriteStartObject();
                    writer.WriteString("text"u8, part.Text);
                    writer.WriteEndObject();
                    break;
                case ContentPartKind.Image:
                    BedrockMediaMapper.WriteImage(writer, part, $"{path}.content[{j}].image_url.url");
                    break;
                case ContentPartKind.File:
                    BedrockMediaMapper.WriteDocument(writer, part, $"{path}.content[{j}].file", j);
                    break;
                case ContentPartKind.Audio:
                    throw BedrockRequestMapper.Unsupported($"{path}.content[{j}]", "Bedrock Converse does not take audio input.");
            }
        }

        for (var j = 0; j < message.ToolCalls.Count; j++)
        {
            var call = message.ToolCalls[j];
            writer.WriteStartObject();
            writer.WriteStartObject("toolUse"u8);
            writer.WriteString("toolUseId"u8, call.Id);
            writer.WriteString("name"u8, call.Name);
            writer.WritePropertyName("input"u8);
            WriteArguments(writer, call.Arguments, $"{path}.tool_calls[{j}].function.arguments");
            writer.WriteEndObject();
            writer.WriteEndObject();
            if (!toolNames.Contains(call.Name))
            {
                toolNames.Add(call.Name);
            }
        }
    }

    /// <summary>The result as one text block; Bedrock rejects a blank text, so an empty result is <c>content: []</c> (Portkey).</summary>
    private static void WriteToolResult(Utf8JsonWriter writer, ChatMessage message)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("toolResult"u8);
        writer.WriteString("toolUseId"u8, message.ToolCallId);
        writer.WriteStartArray("content"u8);
        var text = message.Text();
        if (text.Length > 0)
        {
            writer.WriteStartObject();
            writer.WriteString("text"u8, text);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary><c>arguments</c> is a JSON string; Bedrock's <c>input</c> is the object itself, so it must parse (strictly) to one. Empty means no arguments.</summary>
    private static void WriteArguments(Utf8JsonWriter writer, string arguments, string path)
    {
        if (string.IsNullOrWhiteSpace(arguments))
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(arguments);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                document.RootElement.WriteTo(writer);
                return;
            }
        }
        catch (JsonException)
        {
            // Reported below as the client's error: the arguments are not the JSON object Bedrock needs.
        }

        throw new InvalidRequestException(HubError.InvalidRequest($"Invalid '{path}': expected a JSON object in a string.", path, "invalid_value"));
    }
}
