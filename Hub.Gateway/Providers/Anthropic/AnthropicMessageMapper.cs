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
    /// <summary>The user turn put first when the conversation has none there (LiteLLM's placeholder text too).</summary>
    private const string PlaceholderUserText = ".";

    public static HubError? WriteMessages(Utf8JsonWriter writer, List<ChatMessage> messages)
    {
        var last = messages.FindLastIndex(static message => message.Role is not (ChatRole.System or ChatRole.Developer));
        var turns = new TurnWriter(writer);
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

    private static HubError? WriteUser(TurnWriter turns, ChatMessage message, int index)
    {
        for (var p = 0; p < message.Content.Count; p++)
        {
            var part = message.Content[p];
            var error = part.Kind switch
            {
                ContentPartKind.Text => WriteText(turns, ChatRole.User, part.Text),
                ContentPartKind.Image => WriteImage(turns, part.Url!, $"messages[{index}].content[{p}].image_url.url"),
                ContentPartKind.File => WriteDocument(turns, part, $"messages[{index}].content[{p}].file"),
                _ => HubError.InvalidRequest("This provider does not accept audio input.", $"messages[{index}].content[{p}]", "unsupported_parameter"),
            };
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static HubError? WriteAssistant(TurnWriter turns, ChatMessage message, int index, bool isLast)
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

    private static HubError? WriteToolResult(TurnWriter turns, ChatMessage message)
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

    private static HubError? WriteText(TurnWriter turns, ChatRole role, string? text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            WriteTextBlock(turns.Block(role), text);
        }

        return null;
    }

    private static HubError? WriteImage(TurnWriter turns, string url, string param)
    {
        if (DataUrl.IsDataUrl(url))
        {
            if (DataUrl.TryParse(url) is not { } data)
            {
                return HubError.InvalidRequest("Invalid image data URL: expected data:<media type>;base64,<data>.", param, "invalid_value");
            }

            if (data.MediaType is not ("image/jpeg" or "image/png" or "image/gif" or "image/webp"))
            {
                return HubError.InvalidRequest("Unsupported image type: this provider accepts image/jpeg, image/png, image/gif and image/webp.", param, "invalid_value");
            }

            WriteSourceBlock(turns.Block(ChatRole.User), "image"u8, "base64"u8, data.MediaType, data.Base64);
            return null;
        }

        if (!url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return HubError.InvalidRequest("Images must be given as a data URL (data:image/png;base64,...) or an https URL.", param, "invalid_value");
        }

        WriteSourceBlock(turns.Block(ChatRole.User), "image"u8, "url"u8, null, url);
        return null;
    }

    private static HubError? WriteDocument(TurnWriter turns, ContentPart part, string param)
    {
        if (part.Url is null)
        {
            return HubError.InvalidRequest("Files uploaded to OpenAI cannot be read by this provider; send the file inline as 'file_data'.", param + ".file_id", "unsupported_parameter");
        }

        if (DataUrl.TryParse(part.Url) is not { } data)
        {
            return HubError.InvalidRequest("Invalid file data: expected a data URL (data:application/pdf;base64,...).", param + ".file_data", "invalid_value");
        }

        if (data.MediaType != "application/pdf")
        {
            return HubError.InvalidRequest("This provider reads PDF files only (application/pdf).", param + ".file_data", "unsupported_parameter");
        }

        WriteSourceBlock(turns.Block(ChatRole.User), "document"u8, "base64"u8, data.MediaType, data.Base64);
        return null;
    }

    private static void WriteSourceBlock(Utf8JsonWriter writer, ReadOnlySpan<byte> type, ReadOnlySpan<byte> sourceType, string? mediaType, string data)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, type);
        writer.WriteStartObject("source"u8);
        writer.WriteString("type"u8, sourceType);
        if (mediaType is null)
        {
            writer.WriteString("url"u8, data);
        }
        else
        {
            writer.WriteString("media_type"u8, mediaType);
            writer.WriteString("data"u8, data);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
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

    /// <summary>Opens a turn only when a block is written to it, and merges consecutive blocks of one role into one turn.</summary>
    private sealed class TurnWriter(Utf8JsonWriter writer)
    {
        private ChatRole? open;

        public Utf8JsonWriter Block(ChatRole role)
        {
            if (open == role)
            {
                return writer;
            }

            if (open is not null)
            {
                Close();
            }
            else if (role == ChatRole.Assistant)
            {
                Placeholder();
            }

            writer.WriteStartObject();
            writer.WriteString("role"u8, role == ChatRole.User ? "user"u8 : "assistant"u8);
            writer.WriteStartArray("content"u8);
            open = role;
            return writer;
        }

        public void End()
        {
            if (open is null)
            {
                Placeholder();
            }
            else
            {
                Close();
            }
        }

        private void Close()
        {
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        /// <summary>Anthropic needs a user turn first, and at least one; OpenAI accepts a system prompt alone or an assistant greeting first.</summary>
        private void Placeholder()
        {
            writer.WriteStartObject();
            writer.WriteString("role"u8, "user"u8);
            writer.WriteStartArray("content"u8);
            WriteTextBlock(writer, PlaceholderUserText);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
    }
}
