using System.Text.Json;
using Hub.Gateway.Errors;
using Hub.Gateway.Providers.Translation;

namespace Hub.Gateway.Providers.Gemini;

/// <summary>
/// OpenAI messages as Gemini's <c>systemInstruction</c> and <c>contents</c> (protocols.md 3.2, 3.5):
/// system and developer text, wherever it stands, goes to <c>systemInstruction</c> in order; assistant
/// turns become <c>model</c>; tool results become <c>functionResponse</c> parts of a <c>user</c> turn,
/// named by looking their <c>tool_call_id</c> up in the earlier assistant tool calls; turns of the same
/// role in a row are merged, since Gemini wants them to alternate.
/// </summary>
internal static class GeminiContentMapper
{
    /// <exception cref="InvalidRequestException">A part Gemini cannot take, or a tool result no earlier call explains.</exception>
    public static (List<string> System, List<GeminiTurn> Contents) Map(IReadOnlyList<ChatMessage> messages)
    {
        var system = new List<string>();
        var contents = new List<GeminiTurn>();
        var callNames = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            var path = $"messages[{i}]";
            switch (message.Role)
            {
                case ChatRole.System or ChatRole.Developer:
                    if (message.Text() is { Length: > 0 } text)
                    {
                        system.Add(text);
                    }

                    break;
                case ChatRole.User:
                    Append(contents, "user", UserParts(message.Content, path));
                    break;
                case ChatRole.Assistant:
                    Append(contents, "model", AssistantParts(message, path, callNames));
                    break;
                case ChatRole.Tool:
                    var name = message.ToolCallId is not null && callNames.TryGetValue(message.ToolCallId, out var known) ? known
                        : throw Invalid(path + ".tool_call_id", $"'{path}.tool_call_id' matches no tool call of an earlier assistant message; Gemini needs the function's name, which the gateway finds by that id.");
                    Append(contents, "user", [new GeminiRequestPart(GeminiPartKind.FunctionResponse, name, Json: ToolResponse(message.Text()))]);
                    break;
            }
        }

        return (system, contents);
    }

    private static void Append(List<GeminiTurn> contents, string role, List<GeminiRequestPart> parts)
    {
        if (parts.Count == 0)
        {
            // Gemini refuses a turn without parts (and an empty text part): an empty message says nothing.
            return;
        }

        if (contents.Count > 0 && contents[^1].Role == role)
        {
            contents[^1].Parts.AddRange(parts);
            return;
        }

        contents.Add(new GeminiTurn(role, parts));
    }

    private static List<GeminiRequestPart> UserParts(IReadOnlyList<ContentPart> content, string path)
    {
        var parts = new List<GeminiRequestPart>(content.Count);
        for (var j = 0; j < content.Count; j++)
        {
            var part = content[j];
            var partPath = $"{path}.content[{j}]";
            switch (part.Kind)
            {
                case ContentPartKind.Text when part.Text is { Length: > 0 }:
                    parts.Add(new GeminiRequestPart(GeminiPartKind.Text, part.Text));
                    break;
                case ContentPartKind.Image:
                    parts.Add(GeminiMedia.Image(part.Url!, partPath + ".image_url.url"));
                    break;
                case ContentPartKind.File:
                    parts.Add(GeminiMedia.File(part, partPath + ".file"));
                    break;
                case ContentPartKind.Audio:
                    parts.Add(GeminiMedia.Audio(part, partPath + ".input_audio"));
                    break;
            }
        }

        return parts;
    }

    private static List<GeminiRequestPart> AssistantParts(ChatMessage message, string path, Dictionary<string, string> callNames)
    {
        var parts = new List<GeminiRequestPart>(message.Content.Count + message.ToolCalls.Count);
        foreach (var part in message.Content)
        {
            if (part.Kind == ContentPartKind.Text && part.Text is { Length: > 0 })
            {
                parts.Add(new GeminiRequestPart(GeminiPartKind.Text, part.Text));
            }
        }

        for (var j = 0; j < message.ToolCalls.Count; j++)
        {
            var call = message.ToolCalls[j];
            callNames[call.Id] = call.Name;
            parts.Add(new GeminiRequestPart(GeminiPartKind.FunctionCall, call.Name, Json: Arguments(call.Arguments, $"{path}.tool_calls[{j}].function.arguments")));
        }

        return parts;
    }

    /// <summary>Gemini's <c>args</c> is an object: the JSON string is parsed strictly, and an empty one means no arguments.</summary>
    private static JsonElement Arguments(string arguments, string param)
    {
        if (string.IsNullOrWhiteSpace(arguments))
        {
            return EmptyObject;
        }

        try
        {
            using var document = JsonDocument.Parse(arguments);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document.RootElement.Clone();
            }
        }
        catch (JsonException)
        {
            // Reported below with the field's name.
        }

        throw Invalid(param, $"'{param}' must be a JSON object (as a string) to be sent to Gemini.");
    }

    /// <summary>
    /// Gemini's <c>response</c> is an object. A tool that returned a JSON object is passed as that object
    /// (Google: "if output and error keys are not specified, the whole response is treated as function
    /// output"); any other result is wrapped as <c>{"output": "&lt;text&gt;"}</c>, the key Google documents
    /// for a function's output (Portkey does the same).
    /// </summary>
    internal static JsonElement ToolResponse(string text)
    {
        if (text.Length > 1 && text.AsSpan().TrimStart().StartsWith("{"))
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    return document.RootElement.Clone();
                }
            }
            catch (JsonException)
            {
                // Text that merely starts with a brace: wrapped as text below.
            }
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>(text.Length + 16);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("output"u8, text);
            writer.WriteEndObject();
        }

        return Detached(buffer.WrittenMemory);
    }

    private static readonly JsonElement EmptyObject = Detached("{}"u8.ToArray());

    /// <summary>A copy that owns its memory: no document to dispose.</summary>
    private static JsonElement Detached(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    internal static InvalidRequestException Invalid(string param, string message) =>
        new(HubError.InvalidRequest(message, param, "invalid_value"));
}
