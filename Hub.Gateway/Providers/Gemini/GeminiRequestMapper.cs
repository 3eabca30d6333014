using System.Buffers;
using System.Text.Json;
using Hub.Gateway.Errors;
using Hub.Gateway.Providers.Translation;

namespace Hub.Gateway.Providers.Gemini;

/// <summary>
/// An OpenAI chat request as Gemini's <c>GenerateContentRequest</c> body (protocols.md 3.2, 3.5):
/// messages through <see cref="GeminiContentMapper"/>, tools as <c>functionDeclarations</c> with
/// cleaned schemas, <c>tool_choice</c> as <c>functionCallingConfig</c>, sampling and output settings
/// as <c>generationConfig</c>. What Gemini cannot honour is refused with a 400 (<c>n</c> &gt; 1,
/// <c>logprobs</c>); what has no Gemini field and changes nothing the client relies on is dropped
/// (<c>parallel_tool_calls</c>, <c>user</c>, <c>reasoning_effort</c>, <c>metadata</c>).
/// </summary>
internal static class GeminiRequestMapper
{
    /// <summary>
    /// Google's documented stand-in for a thought signature. Gemini 3 refuses a replayed function call
    /// without the signature it sent, which an OpenAI client cannot carry back; this tells it to skip
    /// the check (the Vercel AI SDK and Strands do the same).
    /// </summary>
    public const string SkipThoughtSignature = "skip_thought_signature_validator";

    /// <param name="model">The upstream model id (it decides whether replayed calls need <see cref="SkipThoughtSignature"/>).</param>
    public static (byte[]? Body, HubError? Error) Map(OpenAIChatRequest request, string model)
    {
        try
        {
            Refuse(request);
            var (system, contents) = GeminiContentMapper.Map(request.Messages);
            if (contents.Count == 0)
            {
                throw GeminiContentMapper.Invalid("messages", "Gemini needs at least one user or assistant message with content.");
            }

            var buffer = new ArrayBufferWriter<byte>(1024);
            using (var writer = new Utf8JsonWriter(buffer, JsonWriting.Options))
            {
                writer.WriteStartObject();
                WriteContents(writer, contents, NeedsThoughtSignatures(model));
                WriteSystemInstruction(writer, system);
                WriteTools(writer, request);
                WriteGenerationConfig(writer, request);
                writer.WriteEndObject();
            }

            return (buffer.WrittenSpan.ToArray(), null);
        }
        catch (InvalidRequestException ex)
        {
            return (null, ex.Error);
        }
    }

    private static void Refuse(OpenAIChatRequest request)
    {
        if (request.N != 1)
        {
            throw Unsupported("n", "Through the gateway Gemini answers with one choice; 'n' must be 1.");
        }

        if (request.Logprobs || request.TopLogprobs is > 0)
        {
            throw Unsupported(request.Logprobs ? "logprobs" : "top_logprobs", "Log probabilities are not translated for Gemini.");
        }

        if (request.Temperature is < 0 or > 2)
        {
            throw GeminiContentMapper.Invalid("temperature", "'temperature' must be between 0 and 2.");
        }

        if (request.TopP is < 0 or > 1)
        {
            throw GeminiContentMapper.Invalid("top_p", "'top_p' must be between 0 and 1.");
        }

        if (request.Seed is < int.MinValue or > int.MaxValue)
        {
            throw GeminiContentMapper.Invalid("seed", "Gemini's 'seed' is a 32-bit integer.");
        }

        if (request.Tools.Count == 0 && request.ToolChoice.Mode is ToolChoiceMode.Required or ToolChoiceMode.Function)
        {
            throw GeminiContentMapper.Invalid("tool_choice", "'tool_choice' is only allowed when 'tools' are specified.");
        }
    }

    /// <summary>Gemini 3 and later (<c>gemini-3-pro-preview</c>, <c>gemini-3.1-flash</c>) check thought signatures on replayed calls.</summary>
    internal static bool NeedsThoughtSignatures(string model)
    {
        var name = model.StartsWith("models/", StringComparison.Ordinal) ? model.AsSpan(7) : model.AsSpan();
        if (!name.StartsWith("gemini-", StringComparison.Ordinal))
        {
            return false;
        }

        var version = name[7..];
        var digits = version.IndexOfAnyExceptInRange('0', '9');
        return int.TryParse(digits < 0 ? version : version[..digits], out var major) && major >= 3;
    }

    private static void WriteContents(Utf8JsonWriter writer, List<GeminiTurn> contents, bool signCalls)
    {
        writer.WriteStartArray("contents"u8);
        foreach (var turn in contents)
        {
            writer.WriteStartObject();
            writer.WriteString("role"u8, turn.Role);
            writer.WriteStartArray("parts"u8);
            var signed = !signCalls;
            foreach (var part in turn.Parts)
            {
                WritePart(writer, part, sign: !signed && part.Kind == GeminiPartKind.FunctionCall);
                signed |= part.Kind == GeminiPartKind.FunctionCall;
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <param name="sign">The first function call of a model turn: only it carries a signature (parallel calls share it).</param>
    private static void WritePart(Utf8JsonWriter writer, GeminiRequestPart part, bool sign)
    {
        writer.WriteStartObject();
        switch (part.Kind)
        {
            case GeminiPartKind.Text:
                writer.WriteString("text"u8, part.Value);
                break;
            case GeminiPartKind.InlineData or GeminiPartKind.FileData:
                writer.WriteStartObject(part.Kind == GeminiPartKind.InlineData ? "inlineData"u8 : "fileData"u8);
                writer.WriteString("mimeType"u8, part.MimeType);
                writer.WriteString(part.Kind == GeminiPartKind.InlineData ? "data"u8 : "fileUri"u8, part.Value);
                writer.WriteEndObject();
                break;
            case GeminiPartKind.FunctionCall or GeminiPartKind.FunctionResponse:
                var isCall = part.Kind == GeminiPartKind.FunctionCall;
                writer.WriteStartObject(isCall ? "functionCall"u8 : "functionResponse"u8);
                writer.WriteString("name"u8, part.Value);
                writer.WritePropertyName(isCall ? "args"u8 : "response"u8);
                part.Json!.Value.WriteTo(writer);
                writer.WriteEndObject();
                if (sign)
                {
                    writer.WriteString("thoughtSignature"u8, SkipThoughtSignature);
                }

                break;
        }

        writer.WriteEndObject();
    }

    private static void WriteSystemInstruction(Utf8JsonWriter writer, List<string> system)
    {
        if (system.Count == 0)
        {
            return;
        }

        writer.WriteStartObject("systemInstruction"u8);
        writer.WriteStartArray("parts"u8);
        foreach (var text in system)
        {
            writer.WriteStartObject();
            writer.WriteString("text"u8, text);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteTools(Utf8JsonWriter writer, OpenAIChatRequest request)
    {
        if (request.Tools.Count == 0)
        {
            return;
        }

        writer.WriteStartArray("tools"u8);
        writer.WriteStartObject();
        writer.WriteStartArray("functionDeclarations"u8);
        for (var i = 0; i < request.Tools.Count; i++)
        {
            var tool = request.Tools[i];
            writer.WriteStartObject();
            writer.WriteString("name"u8, tool.Name);
            if (tool.Description is not null)
            {
                writer.WriteString("description"u8, tool.Description);
            }

            // A function without parameters has none in Gemini: an OBJECT with empty properties is refused.
            var param = $"tools[{i}].function.parameters";
            if (tool.Parameters is { } parameters && GeminiSchemaCleaner.HasProperties(parameters, param))
            {
                writer.WritePropertyName("parameters"u8);
                GeminiSchemaCleaner.Write(writer, parameters, param);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();

        var mode = request.ToolChoice.Mode switch
        {
            ToolChoiceMode.None => "NONE",
            ToolChoiceMode.Auto => "AUTO",
            ToolChoiceMode.Required or ToolChoiceMode.Function => "ANY",
            _ => null,
        };
        if (mode is null)
        {
            return;
        }

        writer.WriteStartObject("toolConfig"u8);
        writer.WriteStartObject("functionCallingConfig"u8);
        writer.WriteString("mode"u8, mode);
        if (request.ToolChoice.FunctionName is { } name)
        {
            writer.WriteStartArray("allowedFunctionNames"u8);
            writer.WriteStringValue(name);
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteGenerationConfig(Utf8JsonWriter writer, OpenAIChatRequest request)
    {
        var json = request.ResponseFormat?.Kind is ResponseFormatKind.JsonObject or ResponseFormatKind.JsonSchema;
        if (request is { Temperature: null, TopP: null, MaxTokens: null, Stop.Count: 0, Seed: null, PresencePenalty: null, FrequencyPenalty: null } && !json)
        {
            return;
        }

        writer.WriteStartObject("generationConfig"u8);
        WriteNumber(writer, "temperature"u8, request.Temperature);
        WriteNumber(writer, "topP"u8, request.TopP);
        WriteNumber(writer, "maxOutputTokens"u8, request.MaxTokens);
        if (request.Stop.Count > 0)
        {
            writer.WriteStartArray("stopSequences"u8);
            foreach (var stop in request.Stop)
            {
                writer.WriteStringValue(stop);
            }

            writer.WriteEndArray();
        }

        WriteNumber(writer, "seed"u8, request.Seed);
        WriteNumber(writer, "presencePenalty"u8, request.PresencePenalty);
        WriteNumber(writer, "frequencyPenalty"u8, request.FrequencyPenalty);
        if (json)
        {
            writer.WriteString("responseMimeType"u8, "application/json"u8);
            if (request.ResponseFormat!.Schema is { } schema)
            {
                writer.WritePropertyName("responseSchema"u8);
                GeminiSchemaCleaner.Write(writer, schema, "response_format.json_schema.schema");
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter writer, ReadOnlySpan<byte> name, double? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    private static InvalidRequestException Unsupported(string param, string message) =>
        new(HubError.InvalidRequest(message, param, "unsupported_parameter"));
}
