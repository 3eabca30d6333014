using System.Text.Json;

namespace Hub.Testing.Fakes;

/// <summary>
/// What the Generative Language API refuses in a <c>GenerateContentRequest</c>, with Google's own
/// messages: unknown fields anywhere (Google parses into protobuf and fails on an unknown name,
/// which is what happens to JSON Schema keywords such as <c>additionalProperties</c> in a function's
/// <c>parameters</c>), turns that do not alternate, empty parts and empty text, a function response
/// without a name, and function responses that do not answer every call of the turn before.
/// </summary>
public static class FakeGeminiRequestRules
{
    private static readonly HashSet<string> RequestFields = ["contents", "systemInstruction", "tools", "toolConfig", "generationConfig", "safetySettings", "cachedContent"];
    private static readonly HashSet<string> PartFields = ["text", "inlineData", "fileData", "functionCall", "functionResponse", "thought", "thoughtSignature"];
    private static readonly HashSet<string> GenerationFields =
    [
        "temperature", "topP", "topK", "maxOutputTokens", "stopSequences", "candidateCount", "seed", "presencePenalty", "frequencyPenalty",
        "responseMimeType", "responseSchema", "responseJsonSchema", "responseLogprobs", "logprobs", "thinkingConfig", "responseModalities",
    ];

    private static readonly HashSet<string> DeclarationFields = ["name", "description", "parameters", "parametersJsonSchema", "response"];

    /// <summary>The v1beta <c>Schema</c> message's fields.</summary>
    private static readonly HashSet<string> SchemaFields =
    [
        "type", "format", "title", "description", "nullable", "enum", "maxItems", "minItems", "properties", "required", "minProperties",
        "maxProperties", "minLength", "maxLength", "pattern", "example", "anyOf", "propertyOrdering", "default", "items", "minimum", "maximum",
    ];

    /// <summary>Google's message for the first problem, or null when Gemini would accept the request.</summary>
    public static string? Check(JsonElement request)
    {
        return Unknown(request, RequestFields, null)
            ?? Contents(request)
            ?? (request.TryGetProperty("systemInstruction", out var system) ? Parts(system, "system_instruction") : null)
            ?? Tools(request)
            ?? (request.TryGetProperty("generationConfig", out var config) ? GenerationConfig(config) : null);
    }

    private static string? Contents(JsonElement request)
    {
        if (!request.TryGetProperty("contents", out var contents) || contents.GetArrayLength() == 0)
        {
            return "* GenerateContentRequest.contents: contents is not specified\n";
        }

        string? previousRole = null;
        var pendingCalls = 0;
        var index = 0;
        foreach (var content in contents.EnumerateArray())
        {
            var role = content.TryGetProperty("role", out var r) ? r.GetString() : "user";
            if (role is not ("user" or "model"))
            {
                return "Please use a valid role: user, model.";
            }

            if (role == previousRole)
            {
                return "Please ensure that multiturn requests alternate between user and model.";
            }

            if (Parts(content, $"contents[{index}]") is { } problem)
            {
                return problem;
            }

            var calls = Count(content, "functionCall");
            var responses = Count(content, "functionResponse");
            if (pendingCalls > 0 && responses != pendingCalls)
            {
                return "Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.";
            }

            pendingCalls = calls;
            previousRole = role;
            index++;
        }

        return null;
    }

    private static string? Parts(JsonElement content, string path)
    {
        if (!content.TryGetProperty("parts", out var parts) || parts.GetArrayLength() == 0)
        {
            return $"* GenerateContentRequest.{path}.parts: contents.parts must not be empty.\n";
        }

        var index = 0;
        foreach (var part in parts.EnumerateArray())
        {
            var partPath = $"{path}.parts[{index++}]";
            if (Unknown(part, PartFields, partPath) is { } unknown)
            {
                return unknown;
            }

            if (part.TryGetProperty("text", out var text) && text.GetString()!.Length == 0)
            {
                return "Unable to submit request because it has an empty text parameter. Add a value to the parameter and try again. Learn more: https://cloud.google.com/vertex-ai/generative-ai/docs/multimodal/send-multimodal-prompts";
            }

            if (part.TryGetProperty("inlineData", out var data) && !Convert.TryFromBase64String(data.GetProperty("data").GetString()!, new byte[data.GetProperty("data").GetString()!.Length], out _))
            {
                return $"Invalid value at '{partPath}.inline_data.data' (TYPE_BYTES), Base64 decoding failed";
            }

            if (part.TryGetProperty("functionResponse", out var response)
                && (!response.TryGetProperty("name", out var name) || string.IsNullOrEmpty(name.GetString())))
            {
                return $"* GenerateContentRequest.{partPath}.function_response.name: Name cannot be empty.\n";
            }

            if (part.TryGetProperty("functionResponse", out response) && response.GetProperty("response").ValueKind != JsonValueKind.Object)
            {
                return $"Invalid JSON payload received. Unknown name \"response\" at '{partPath}.function_response': Proto field is not repeating, cannot start list.";
            }
        }

        return null;
    }

    private static string? Tools(JsonElement request)
    {
        if (!request.TryGetProperty("tools", out var tools))
        {
            return null;
        }

        var t = 0;
        foreach (var tool in tools.EnumerateArray())
        {
            var f = 0;
            foreach (var declaration in tool.GetProperty("functionDeclarations").EnumerateArray())
            {
                var path = $"tools[{t}].function_declarations[{f++}]";
                if (Unknown(declaration, DeclarationFields, path) is { } unknown)
                {
                    return unknown;
                }

                if (declaration.TryGetProperty("parameters", out var parameters) && Schema(parameters, path + ".parameters") is { } problem)
                {
                    return problem;
                }
            }

            t++;
        }

        if (request.TryGetProperty("toolConfig", out var config)
            && config.GetProperty("functionCallingConfig").GetProperty("mode").GetString() is not ("AUTO" or "ANY" or "NONE" or "VALIDATED"))
        {
            return "Invalid value at 'tool_config.function_calling_config.mode'";
        }

        return null;
    }

    private static string? GenerationConfig(JsonElement config) =>
        Unknown(config, GenerationFields, "generation_config")
        ?? (config.TryGetProperty("responseSchema", out var schema) ? Schema(schema, "generation_config.response_schema") : null);

    private static string? Schema(JsonElement schema, string path)
    {
        if (Unknown(schema, SchemaFields, path) is { } unknown)
        {
            return unknown;
        }

        if (schema.TryGetProperty("type", out var type) && type.ValueKind != JsonValueKind.String)
        {
            return $"Invalid JSON payload received. Unknown name \"type\" at '{path}': Proto field is not repeating, cannot start list.";
        }

        if (schema.TryGetProperty("properties", out var properties))
        {
            if (!properties.EnumerateObject().Any())
            {
                return $"* GenerateContentRequest.{path}.properties: should be non-empty for OBJECT type\n";
            }

            foreach (var property in properties.EnumerateObject())
            {
                if (Schema(property.Value, $"{path}.properties[{property.Name}].value") is { } problem)
                {
                    return problem;
                }
            }
        }

        if (schema.TryGetProperty("items", out var items) && Schema(items, path + ".items") is { } itemProblem)
        {
            return itemProblem;
        }

        if (schema.TryGetProperty("anyOf", out var anyOf))
        {
            var i = 0;
            foreach (var alternative in anyOf.EnumerateArray())
            {
                if (Schema(alternative, $"{path}.any_of[{i++}]") is { } problem)
                {
                    return problem;
                }
            }
        }

        return null;
    }

    private static string? Unknown(JsonElement element, HashSet<string> known, string? path)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                return path is null
                    ? $"Invalid JSON payload received. Unknown name \"{property.Name}\": Cannot find field."
                    : $"Invalid JSON payload received. Unknown name \"{property.Name}\" at '{path}': Cannot find field.";
            }
        }

        return null;
    }

    private static int Count(JsonElement content, string kind) => content.GetProperty("parts").EnumerateArray().Count(part => part.TryGetProperty(kind, out _));
}
