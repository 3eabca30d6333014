using System.Buffers;
using System.Text.Json;
using Hub.Gateway.Errors;
using Hub.Gateway.Providers.Translation;

namespace Hub.Gateway.Providers.Bedrock;

/// <summary>A Converse request body, and whether the answer's synthetic JSON tool call is really the content (<c>response_format</c>).</summary>
internal sealed record BedrockRequest(byte[] Body, bool JsonToolAnswers);

/// <summary>
/// OpenAI chat request → Bedrock Converse body (<c>protocols.md</c> 4.2). The body is the same for
/// <c>/converse</c> and <c>/converse-stream</c>. Messages and content blocks: <see cref="BedrockMessageMapper"/>.
/// What the README states: parameters Bedrock lacks are refused (n&gt;1, logprobs) or dropped
/// (penalties, seed, user, parallel_tool_calls); response_format becomes a forced synthetic tool.
/// </summary>
internal static class BedrockRequestMapper
{
    /// <summary>The synthetic tool carrying a <c>response_format</c> answer (LiteLLM's name for it).</summary>
    public const string JsonToolName = "json_tool_call";

    public static (BedrockRequest? Request, HubError? Error) Map(OpenAIChatRequest request, int defaultMaxTokens)
    {
        try
        {
            return (MapOrThrow(request, defaultMaxTokens), null);
        }
        catch (InvalidRequestException ex)
        {
            return (null, ex.Error);
        }
    }

    private static BedrockRequest MapOrThrow(OpenAIChatRequest request, int defaultMaxTokens)
    {
        if (request.N > 1)
        {
            throw Unsupported("n", "Bedrock returns one choice per request: 'n' must be 1.");
        }

        if (request.Logprobs || request.TopLogprobs is not null)
        {
            throw Unsupported(request.Logprobs ? "logprobs" : "top_logprobs", "Bedrock does not return log probabilities.");
        }

        var json = request.ResponseFormat is { Kind: ResponseFormatKind.JsonObject or ResponseFormatKind.JsonSchema };
        var buffer = new ArrayBufferWriter<byte>(1024);
        var historyTools = new List<string>();
        using (var writer = new Utf8JsonWriter(buffer, JsonWriting.Options))
        {
            writer.WriteStartObject();
            BedrockMessageMapper.WriteSystem(writer, request.Messages);
            var hasToolBlocks = BedrockMessageMapper.WriteMessages(writer, request.Messages, historyTools);
            WriteInferenceConfig(writer, request, defaultMaxTokens);
            if (request.Tools.Count > 0 || json || hasToolBlocks)
            {
                WriteToolConfig(writer, request, json, historyTools);
            }

            writer.WriteEndObject();
        }

        return new BedrockRequest(buffer.WrittenSpan.ToArray(), json);
    }

    private static void WriteInferenceConfig(Utf8JsonWriter writer, OpenAIChatRequest request, int defaultMaxTokens)
    {
        writer.WriteStartObject("inferenceConfig"u8);
        writer.WriteNumber("maxTokens"u8, request.MaxTokens ?? defaultMaxTokens);
        if (request.Temperature is { } temperature)
        {
            // Converse takes 0–1 where OpenAI takes 0–2: clamped, as for Anthropic (a value OpenAI accepts is not refused).
            writer.WriteNumber("temperature"u8, Math.Clamp(temperature, 0, 1));
        }

        if (request.TopP is { } topP)
        {
            writer.WriteNumber("topP"u8, topP);
        }

        if (request.Stop.Count > 0)
        {
            writer.WriteStartArray("stopSequences"u8);
            foreach (var stop in request.Stop)
            {
                writer.WriteStringValue(stop);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// Bedrock rejects tool blocks in the history without a <c>toolConfig</c>, and a <c>toolConfig</c>
    /// needs at least one tool: when the client sent none (tool_choice none, or a history-only
    /// replay), the tools named in the history are declared with an open schema.
    /// </summary>
    private static void WriteToolConfig(Utf8JsonWriter writer, OpenAIChatRequest request, bool json, List<string> historyTools)
    {
        writer.WriteStartObject("toolConfig"u8);
        writer.WriteStartArray("tools"u8);
        foreach (var tool in request.Tools)
        {
            WriteToolSpec(writer, tool.Name, tool.Description, tool.Parameters);
        }

        if (json)
        {
            var schema = request.ResponseFormat!.Schema;
            WriteToolSpec(writer, JsonToolName, "Answer with the final response as this tool's input.", schema);
        }

        if (request.Tools.Count == 0)
        {
            foreach (var name in historyTools)
            {
                WriteToolSpec(writer, name, "A tool used earlier in this conversation.", null);
            }
        }

        writer.WriteEndArray();
        WriteToolChoice(writer, request, json);
        writer.WriteEndObject();
    }

    private static void WriteToolSpec(Utf8JsonWriter writer, string name, string? description, JsonElement? schema)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("toolSpec"u8);
        writer.WriteString("name"u8, name);
        if (!string.IsNullOrEmpty(description))
        {
            writer.WriteString("description"u8, description);
        }

        writer.WriteStartObject("inputSchema"u8);
        writer.WritePropertyName("json"u8);
        if (schema is { } given)
        {
            given.WriteTo(writer);
        }
        else
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "object"u8);
            writer.WriteStartObject("properties"u8);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>
    /// auto → <c>{auto:{}}</c>, required → <c>{any:{}}</c>, a function → <c>{tool:{name}}</c>. Converse has
    /// no "none": the choice is left out (Portkey). A response_format without client tools forces the
    /// synthetic tool; beside client tools it is one more choice, so real tool calls stay possible.
    /// </summary>
    private static void WriteToolChoice(Utf8JsonWriter writer, OpenAIChatRequest request, bool json)
    {
        var choice = request.ToolChoice;
        if (json && request.Tools.Count == 0)
        {
            choice = new ToolChoice(ToolChoiceMode.Function, JsonToolName);
        }
        else if (request.Tools.Count == 0)
        {
            return;
        }

        switch (choice.Mode)
        {
            case ToolChoiceMode.Auto:
                WriteChoice(writer, "auto"u8, null);
                break;
            case ToolChoiceMode.Required:
                WriteChoice(writer, "any"u8, null);
                break;
            case ToolChoiceMode.Function:
                WriteChoice(writer, "tool"u8, choice.FunctionName);
                break;
        }
    }

    /// <summary><c>"toolChoice":{"&lt;kind&gt;":{}}</c>, or <c>{"tool":{"name":…}}</c>.</summary>
    private static void WriteChoice(Utf8JsonWriter writer, ReadOnlySpan<byte> kind, string? name)
    {
        writer.WriteStartObject("toolChoice"u8);
        writer.WriteStartObject(kind);
        if (name is not null)
        {
            writer.WriteString("name"u8, name);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    internal static InvalidRequestException Unsupported(string param, string message) =>
        new(HubError.InvalidRequest(message, param, "unsupported_parameter"));
}
