using System.Text;
using System.Text.Json;
using Hub.Gateway.Errors;
using Hub.Gateway.Providers.Translation;

namespace Hub.Gateway.Providers.Anthropic;

/// <summary>
/// The conversation: OpenAI messages → Anthropic <c>messages</c>, which hold only user and assistant
/// turns. Tool results become user turns of <c>tool_result</c> blocks; consecutive turns of one role
/// merge (parallel tool results and the user text after them are one turn); empty text blocks are
/// dropped (Anthropic refuses them); the final assistant text loses its trailing whitespace
/// (Anthropic refuses that too); the first turn is always a user turn.
/// </summary>
internal static class AnthropicMessageMapper
{
    public static HubError? WriteMessages(Utf8JsonWriter writer, List<ChatMessage> messages)
    {
        var last = messages.FindLastIndex(static message => message.Role is not (ChatRole.System or ChatRole.Developer));
        var turns = new AnthropicTurnWriter(writer);
        writer.WriteStartArray("messages"u8);
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            var error = message.Role switch
            {
                ChatRole.User => WriteUser(turns, message, i),
                ChatRole.Assistant => WriteAssistant(turns, message, i, i == last),
                ChatRole.Tool => WriteToolResult(turns, message),
                _ => null,
            };
            if (error is not null)
            {
                return error;
            }
        }

        turns.End();
        writer.WriteEndArray();
        return null;
    }

    public static void WriteTextBlock(Utf8JsonWriter writer, string text)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "text"u8);
        writer.WriteString("text"u8, text);
        writer.WriteEndObject();
    }

    /// <summary>The distinct tool names the assistant called in the history.</summary>
    public static List<string> ToolNamesInHistory(List<ChatMessage> messages)
    {
        var names = new List<string>();
        foreach (var message in messages)
        {
            foreach (var call in message.ToolCalls)
            {
                if (!names.Contains(call.Name))
                {
                    names.Add(call.Name);
                }
            }
        }

        return names;
    }

    private static HubError? WriteUser(AnthropicTurnWriter turns, ChatMessage message, int index)
    {
        for (var p = 0; p < message.Content.Count; p++)
        {
            var part = message.Content[p];
            var error = part.Kind switch
            {
                ContentPartKind.Text => WriteText(turns, ChatRole.User, part.Text),
                ContentPartKind.Image => AnthropicContentMapper.WriteImage(turns, part.Url!, $"messages[{index}].content[{p}].image_url.url"),
                ContentPartKind.File => AnthropicContentMapper.WriteDocument(turns, part, $"messages[{index}].content[{p}].file"),
                _ => HubError.InvalidRequest("This provider does not accept audio input.", $"messages[{index}].content[{p}]", "unsupported_parameter"),
            };
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static HubError? WriteAssistant(AnthropicTurnWriter turns, ChatMessage message, int index, bool isLast)
    {
        var text = message.Text();
        WriteText(turns, ChatRole.Assistant, isLast ? text.TrimEnd() : text);
        for (var c = 0; c < message.ToolCalls.Count; c++)
        {
            var call = message.ToolCalls[c];
            if (ArgumentsObject(call.Arguments) is not { } input)
            {
                return HubError.InvalidRequest("Invalid tool call arguments: expected a JSON object.", $"messages[{index}].tool_calls[{c}].function.arguments", "invalid_value");
            }

            var writer = turns.Block(ChatRole.Assistant);
            writer.WriteStartObject();
            writer.WriteString("type"u8, "tool_use"u8);
            writer.WriteString("id"u8, call.Id);
            writer.WriteString("name"u8, call.Name);
            writer.WritePropertyName("input"u8);
            writer.WriteRawValue(input, skipInputValidation: true);
            writer.WriteEndObject();
        }

        return null;
    }

    private static HubError? WriteToolResult(AnthropicTurnWriter turns, ChatMessage message)
    {
        var writer = turns.Block(ChatRole.User);
        writer.WriteStartObject();
        writer.WriteString("type"u8, "tool_result"u8);
        writer.WriteString("tool_use_id"u8, message.ToolCallId);
        if (message.Text() is { Length: > 0 } text)
        {
            writer.WriteString("content"u8, text);
        }

        writer.WriteEndObject();
        return null;
    }

    private static HubError? WriteText(AnthropicTurnWriter turns, ChatRole role, string? text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            WriteTextBlock(turns.Block(role), text);
        }

        return null;
    }

    /// <summary>
    /// The arguments as Anthropic's <c>input</c> object, parsed strictly: one JSON object and nothing
    /// after it; an empty string means no arguments (<c>{}</c>). Null when they are anything else.
    /// </summary>
    /// <remarks>Whitespace around the object is cut off: the bytes are written raw into the body.</remarks>
    internal static byte[]? ArgumentsObject(string arguments)
    {
        if (string.IsNullOrWhiteSpace(arguments))
        {
            return "{}"u8.ToArray();
        }

        var bytes = Encoding.UTF8.GetBytes(arguments);
        var reader = new Utf8JsonReader(bytes);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            var end = (int)reader.BytesConsumed;
            return reader.Read() ? null : bytes[start..end];
        }
        catch (JsonException)
        {
            // Not JSON, or trailing text after the object: the client's error, reported by the caller.
            return null;
        }
    }
}
