using System.Text.Json;
using Hub.Gateway.Errors;

namespace Hub.Gateway.Providers.Translation;

/// <summary>
/// Fills an <see cref="OpenAIChatRequest"/> from the request JSON. Fields a translated provider cannot
/// honour at all (the deprecated <c>functions</c> API, custom tools) are refused with a 400 here, once
/// for every protocol; each mapper refuses what only its upstream lacks. Unknown fields are ignored.
/// </summary>
/// <remarks>A bad field throws <see cref="InvalidRequestException"/>, caught by <see cref="OpenAIChatRequest.Parse"/>: deep in the walk it keeps each reader a single line.</remarks>
internal static class OpenAIChatRequestParser
{
    public static void Read(JsonElement root, OpenAIChatRequest request)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(null, "The request body must be a JSON object.");
        }

        string model = "";
        bool stream = false, includeUsage = false, parallelToolCalls = true, logprobs = false;
        int? maxTokens = null, maxCompletionTokens = null, topLogprobs = null;
        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "model": model = String(value, "model"); break;
                case "stream": stream = Bool(value, "stream"); break;
                case "stream_options": includeUsage = value.ValueKind == JsonValueKind.Object && value.TryGetProperty("include_usage", out var flag) && Bool(flag, "stream_options.include_usage"); break;
                case "messages": ReadMessages(value, request.Messages); break;
                case "tools": ReadTools(value, request.Tools); break;
                case "tool_choice": request.ToolChoice = ReadToolChoice(value); break;
                case "parallel_tool_calls": parallelToolCalls = value.ValueKind == JsonValueKind.Null || Bool(value, "parallel_tool_calls"); break;
                case "temperature": request.Temperature = Number(value, "temperature"); break;
                case "top_p": request.TopP = Number(value, "top_p"); break;
                case "frequency_penalty": request.FrequencyPenalty = Number(value, "frequency_penalty"); break;
                case "presence_penalty": request.PresencePenalty = Number(value, "presence_penalty"); break;
                case "max_tokens": maxTokens = Integer(value, "max_tokens"); break;
                case "max_completion_tokens": maxCompletionTokens = Integer(value, "max_completion_tokens"); break;
                case "stop": ReadStop(value, request.Stop); break;
                case "n": request.N = Integer(value, "n") ?? 1; break;
                case "seed": request.Seed = value.ValueKind == JsonValueKind.Null ? null : value.TryGetInt64(out var seed) ? seed : throw Invalid("seed", "Invalid 'seed': expected an integer."); break;
                case "response_format": request.ResponseFormat = ReadResponseFormat(value); break;
                case "user": request.User ??= OptionalString(value, "user"); break;
                case "safety_identifier": request.User = OptionalString(value, "safety_identifier") ?? request.User; break;
                case "logprobs": logprobs = value.ValueKind != JsonValueKind.Null && Bool(value, "logprobs"); break;
                case "top_logprobs": topLogprobs = Integer(value, "top_logprobs"); break;
                case "reasoning_effort": request.ReasoningEffort = OptionalString(value, "reasoning_effort"); break;
                case "functions" or "function_call":
                    throw Unsupported(property.Name, $"'{property.Name}' is deprecated and not translated for this provider; use 'tools' and 'tool_choice'.");
            }
        }

        // OpenAI's own limits, checked once for every translated protocol; each mapper then fits them to its upstream.
        CheckRange(request.Temperature, 0, 2, "temperature");
        CheckRange(request.TopP, 0, 1, "top_p");
        CheckRange(request.FrequencyPenalty, -2, 2, "frequency_penalty");
        CheckRange(request.PresencePenalty, -2, 2, "presence_penalty");
        if (request.N < 1)
        {
            throw Invalid("n", "Invalid 'n': must be at least 1.");
        }

        if (maxTokens is < 1 || maxCompletionTokens is < 1)
        {
            throw Invalid(maxCompletionTokens is < 1 ? "max_completion_tokens" : "max_tokens", "The output token limit must be at least 1.");
        }

        request.Model = model;
        request.Stream = stream;
        request.IncludeUsage = stream && includeUsage;
        request.ParallelToolCalls = parallelToolCalls;
        request.MaxTokens = maxCompletionTokens ?? maxTokens;
        request.Logprobs = logprobs;
        request.TopLogprobs = topLogprobs;
    }

    private static void ReadMessages(JsonElement value, List<ChatMessage> messages)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Invalid("messages", "Invalid 'messages': expected an array of message objects.");
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            messages.Add(ReadMessage(item, $"messages[{index++}]"));
        }
    }

    private static ChatMessage ReadMessage(JsonElement message, string path)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, $"Invalid '{path}': expected a message object.");
        }

        var role = message.TryGetProperty("role", out var roleValue) ? RoleOf(roleValue, path + ".role") : throw Invalid(path + ".role", $"Missing required parameter: '{path}.role'.");
        var content = message.TryGetProperty("content", out var contentValue) ? ReadContent(contentValue, path + ".content") : [];
        var name = message.TryGetProperty("name", out var nameValue) ? OptionalString(nameValue, path + ".name") : null;
        var toolCalls = message.TryGetProperty("tool_calls", out var calls) && role == ChatRole.Assistant ? ReadToolCalls(calls, path + ".tool_calls") : [];
        string? toolCallId = null;
        if (role == ChatRole.Tool)
        {
            toolCallId = message.TryGetProperty("tool_call_id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : throw Invalid(path + ".tool_call_id", $"Missing required parameter: '{path}.tool_call_id'.");
        }

        if (message.TryGetProperty("function_call", out var functionCall) && functionCall.ValueKind != JsonValueKind.Null)
        {
            throw Unsupported(path + ".function_call", "'function_call' is deprecated and not translated for this provider; use 'tool_calls'.");
        }

        return new ChatMessage(role, content, name, toolCalls, toolCallId);
    }

    private static ChatRole RoleOf(JsonElement value, string path) => value.ValueKind != JsonValueKind.String ? throw Invalid(path, $"Invalid '{path}': expected a string.") : value.GetString() switch
    {
        "system" => ChatRole.System,
        "developer" => ChatRole.Developer,
        "user" => ChatRole.User,
        "assistant" => ChatRole.Assistant,
        "tool" => ChatRole.Tool,
        "function" => throw Unsupported(path, "The deprecated 'function' role is not translated for this provider; use 'tool' messages."),
        var other => throw Invalid(path, $"Invalid value: '{other}'. Supported values are: 'system', 'developer', 'user', 'assistant', and 'tool'."),
    };

    private static List<ContentPart> ReadContent(JsonElement value, string path)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return [];
            case JsonValueKind.String:
                return [new ContentPart(ContentPartKind.Text, value.GetString())];
            case JsonValueKind.Array:
                var parts = new List<ContentPart>();
                var index = 0;
                foreach (var part in value.EnumerateArray())
                {
                    parts.Add(ReadPart(part, $"{path}[{index++}]"));
                }

                return parts;
            default:
                throw Invalid(path, $"Invalid type for '{path}': expected one of a string or array of objects.");
        }
    }

    private static ContentPart ReadPart(JsonElement part, string path)
    {
        var type = part.ValueKind == JsonValueKind.Object && part.TryGetProperty("type", out var typeValue) && typeValue.ValueKind == JsonValueKind.String
            ? typeValue.GetString()
            : throw Invalid(path, $"Invalid '{path}': expected a content part object with a 'type'.");
        switch (type)
        {
            case "text":
                return new ContentPart(ContentPartKind.Text, RequiredString(part, "text", path));
            case "refusal":
                return new ContentPart(ContentPartKind.Text, RequiredString(part, "refusal", path));
            case "image_url":
                var image = RequiredObject(part, "image_url", path);
                return new ContentPart(ContentPartKind.Image, Url: RequiredString(image, "url", path + ".image_url"),
                    Detail: image.TryGetProperty("detail", out var detail) ? OptionalString(detail, path + ".image_url.detail") : null);
            case "input_audio":
                var audio = RequiredObject(part, "input_audio", path);
                return new ContentPart(ContentPartKind.Audio, Url: RequiredString(audio, "data", path + ".input_audio"), Detail: RequiredString(audio, "format", path + ".input_audio"));
            case "file":
                var file = RequiredObject(part, "file", path);
                return new ContentPart(ContentPartKind.File,
                    Url: file.TryGetProperty("file_data", out var data) ? OptionalString(data, path + ".file.file_data") : null,
                    FileName: file.TryGetProperty("filename", out var fileName) ? OptionalString(fileName, path + ".file.filename") : null,
                    FileId: file.TryGetProperty("file_id", out var fileId) ? OptionalString(fileId, path + ".file.file_id") : null);
            default:
                throw Invalid(path + ".type", $"Invalid value: '{type}'. Supported values are: 'text', 'image_url', 'input_audio', 'file' and 'refusal'.");
        }
    }

    private static List<ToolCall> ReadToolCalls(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(path, $"Invalid type for '{path}': expected an array.");
        }

        var calls = new List<ToolCall>();
        var index = 0;
        foreach (var call in value.EnumerateArray())
        {
            var callPath = $"{path}[{index++}]";
            if (call.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(callPath, $"Invalid '{callPath}': expected a tool call object.");
            }

            if (call.TryGetProperty("type", out var type) && !type.ValueEquals("function"u8))
            {
                throw Unsupported(callPath + ".type", "Only 'function' tool calls are translated for this provider.");
            }

            var function = RequiredObject(call, "function", callPath);
            calls.Add(new ToolCall(RequiredString(call, "id", callPath), RequiredString(function, "name", callPath + ".function"),
                function.TryGetProperty("arguments", out var arguments) ? OptionalString(arguments, callPath + ".function.arguments") ?? "" : ""));
        }

        return calls;
    }

    private static void ReadTools(JsonElement value, List<ToolDefinition> tools)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Invalid("tools", "Invalid type for 'tools': expected an array.");
        }

        var index = 0;
        foreach (var tool in value.EnumerateArray())
        {
            var path = $"tools[{index++}]";
            if (tool.ValueKind != JsonValueKind.Object || (tool.TryGetProperty("type", out var type) && !type.ValueEquals("function"u8)))
            {
                throw Unsupported(path + ".type", "Only 'function' tools are translated for this provider.");
            }

            var function = RequiredObject(tool, "function", path);
            var parameters = function.TryGetProperty("parameters", out var schema) && schema.ValueKind == JsonValueKind.Object ? schema : (JsonElement?)null;
            tools.Add(new ToolDefinition(
                RequiredString(function, "name", path + ".function"),
                function.TryGetProperty("description", out var description) ? OptionalString(description, path + ".function.description") : null,
                parameters,
                function.TryGetProperty("strict", out var strict) && strict.ValueKind is JsonValueKind.True or JsonValueKind.False ? strict.GetBoolean() : null));
        }
    }

    private static ToolChoice ReadToolChoice(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString() switch
            {
                "none" => new ToolChoice(ToolChoiceMode.None),
                "auto" => new ToolChoice(ToolChoiceMode.Auto),
                "required" => new ToolChoice(ToolChoiceMode.Required),
                var other => throw Invalid("tool_choice", $"Invalid value: '{other}'. Supported values are: 'none', 'auto', and 'required'."),
            };
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            return default;
        }

        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("type", out var type) && type.ValueEquals("function"u8))
        {
            return new ToolChoice(ToolChoiceMode.Function, RequiredString(RequiredObject(value, "function", "tool_choice"), "name", "tool_choice.function"));
        }

        throw Unsupported("tool_choice", "Only 'none', 'auto', 'required' and a named function are translated for this provider.");
    }

    private static ResponseFormat? ReadResponseFormat(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        switch (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("type", out var type) ? type.GetString() : null)
        {
            case "text":
                return new ResponseFormat(ResponseFormatKind.Text);
            case "json_object":
                return new ResponseFormat(ResponseFormatKind.JsonObject);
            case "json_schema":
                var schema = RequiredObject(value, "json_schema", "response_format");
                return new ResponseFormat(ResponseFormatKind.JsonSchema, RequiredString(schema, "name", "response_format.json_schema"),
                    schema.TryGetProperty("schema", out var body) && body.ValueKind == JsonValueKind.Object ? body : null,
                    schema.TryGetProperty("strict", out var strict) && strict.ValueKind is JsonValueKind.True or JsonValueKind.False ? strict.GetBoolean() : null);
            default:
                throw Invalid("response_format.type", "Invalid 'response_format.type'. Supported values are: 'text', 'json_object', and 'json_schema'.");
        }
    }

    private static void ReadStop(JsonElement value, List<string> stop)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return;
            case JsonValueKind.String:
                stop.Add(value.GetString()!);
                return;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    stop.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw Invalid("stop", "Invalid 'stop': expected a string or an array of strings."));
                }

                return;
            default:
                throw Invalid("stop", "Invalid 'stop': expected a string or an array of strings.");
        }
    }

    private static void CheckRange(double? value, double min, double max, string field)
    {
        if (value is { } number && (number < min || number > max))
        {
            throw Invalid(field, $"Invalid '{field}': must be between {min} and {max}.");
        }
    }

    private static string String(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Invalid(path, $"Invalid type for '{path}': expected a string.");

    private static string? OptionalString(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Null ? null : String(value, path);

    private static string RequiredString(JsonElement parent, string name, string path) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Invalid($"{path}.{name}", $"Missing required parameter: '{path}.{name}' (a string).");

    private static JsonElement RequiredObject(JsonElement parent, string name, string path) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw Invalid($"{path}.{name}", $"Missing required parameter: '{path}.{name}' (an object).");

    private static bool Bool(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False or JsonValueKind.Null => false,
        _ => throw Invalid(path, $"Invalid type for '{path}': expected a boolean."),
    };

    private static double? Number(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Number => value.GetDouble(),
        _ => throw Invalid(path, $"Invalid type for '{path}': expected a number."),
    };

    private static int? Integer(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Number when value.TryGetInt32(out var number) => number,
        _ => throw Invalid(path, $"Invalid type for '{path}': expected an integer."),
    };

    private static InvalidRequestException Invalid(string? param, string message) =>
        new(HubError.InvalidRequest(message, param, param is null ? null : "invalid_value"));

    private static InvalidRequestException Unsupported(string param, string message) =>
        new(HubError.InvalidRequest(message, param, "unsupported_parameter"));
}
