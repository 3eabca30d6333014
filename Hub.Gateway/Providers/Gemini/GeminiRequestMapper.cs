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
    /// <param name="model">The upstream model id (it decides whether replayed calls need <see cref="GeminiContentWriter.SkipThoughtSignature"/>).</param>
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
                GeminiContentWriter.Write(writer, contents, GeminiContentWriter.NeedsThoughtSignatures(model));
                WriteSystemInstruction(writer, system);
                GeminiToolMapper.Write(writer, request);
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

        if (request.Seed is < int.MinValue or > int.MaxValue)
        {
            throw GeminiContentMapper.Invalid("seed", "Gemini's 'seed' is a 32-bit integer.");
        }

        if (request.Tools.Count == 0 && request.ToolChoice.Mode is ToolChoiceMode.Required or ToolChoiceMode.Function)
        {
            throw GeminiContentMapper.Invalid("tool_choice", "'tool_choice' is only allowed when 'tools' are specified.");
        }
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
