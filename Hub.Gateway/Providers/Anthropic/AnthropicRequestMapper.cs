using System.Buffers;
using System.Text.Json;
using Hub.Gateway.Errors;
using Hub.Gateway.Providers.Translation;

namespace Hub.Gateway.Providers.Anthropic;

/// <summary>The Messages API body, and whether the answer's <see cref="AnthropicRequestMapper.JsonToolName"/> call is really the content.</summary>
internal sealed record AnthropicRequest(byte[] Body, bool JsonMode);

/// <summary>
/// OpenAI chat request → Anthropic Messages request (<c>shared/research/protocols.md</c> 2.4; decisions
/// in this folder's README). Top-level fields and tools here; the conversation in
/// <see cref="AnthropicMessageMapper"/>. Static and side-effect free.
/// </summary>
internal static class AnthropicRequestMapper
{
    /// <summary>The synthetic tool that carries <c>response_format</c> (LiteLLM's name, so behaviour matches).</summary>
    public const string JsonToolName = "json_tool_call";

    /// <summary><c>json_object</c> has no schema: any object (LiteLLM's schema; Anthropic refuses <c>properties: null</c>).</summary>
    private static readonly JsonElement AnyObject = JsonDocument.Parse("{\"type\":\"object\",\"additionalProperties\":true}").RootElement;

    public static (AnthropicRequest? Request, HubError? Error) Map(OpenAIChatRequest request, string model, bool stream, int defaultMaxTokens)
    {
        if (Unsupported(request) is { } unsupported)
        {
            return (null, unsupported);
        }

        var buffer = new ArrayBufferWriter<byte>(1024);
        bool jsonMode;
        using (var writer = new Utf8JsonWriter(buffer, JsonWriting.Options))
        {
            writer.WriteStartObject();
            writer.WriteString("model"u8, model);
            writer.WriteNumber("max_tokens"u8, request.MaxTokens ?? defaultMaxTokens);
            WriteSystem(writer, request.Messages);
            if (AnthropicMessageMapper.WriteMessages(writer, request.Messages) is { } invalid)
            {
                return (null, invalid);
            }

            jsonMode = WriteTools(writer, request);
            WriteSampling(writer, request);
            if (stream)
            {
                writer.WriteBoolean("stream"u8, true);
            }

            writer.WriteEndObject();
        }

        return (new AnthropicRequest(buffer.WrittenSpan.ToArray(), jsonMode), null);
    }

    /// <summary>What Anthropic cannot do at all: refused rather than answered differently than asked.</summary>
    private static HubError? Unsupported(OpenAIChatRequest request)
    {
        if (request.N > 1)
        {
            return HubError.InvalidRequest("This provider returns one choice per request; 'n' must be 1.", "n", "unsupported_parameter");
        }

        if (request.Logprobs || request.TopLogprobs > 0)
        {
            return HubError.InvalidRequest("This provider does not return log probabilities.", request.Logprobs ? "logprobs" : "top_logprobs", "unsupported_parameter");
        }

        return null;
    }

    /// <summary>Step: every system and developer message, in order, as one text block each.</summary>
    private static void WriteSystem(Utf8JsonWriter writer, List<ChatMessage> messages)
    {
        var open = false;
        foreach (var message in messages)
        {
            if (message.Role is not (ChatRole.System or ChatRole.Developer) || message.Text() is not { Length: > 0 } text)
            {
                continue;
            }

            if (!open)
            {
                writer.WriteStartArray("system"u8);
                open = true;
            }

            AnthropicMessageMapper.WriteTextBlock(writer, text);
        }

        if (open)
        {
            writer.WriteEndArray();
        }
    }

    /// <summary>Tools and tool_choice; true when <c>response_format</c> became the JSON tool.</summary>
    private static bool WriteTools(Utf8JsonWriter writer, OpenAIChatRequest request)
    {
        var jsonMode = request.ResponseFormat is { Kind: ResponseFormatKind.JsonObject or ResponseFormatKind.JsonSchema };
        var historyTools = request.Tools.Count == 0 ? AnthropicMessageMapper.ToolNamesInHistory(request.Messages) : [];
        if (request.Tools.Count == 0 && historyTools.Count == 0 && !jsonMode)
        {
            return false;
        }

        writer.WriteStartArray("tools"u8);
        foreach (var tool in request.Tools)
        {
            WriteTool(writer, tool.Name, tool.Description, tool.Parameters);
        }

        // Anthropic refuses tool_use/tool_result blocks unless tools are declared; OpenAI does not. The
        // history's own tools are declared, and tool_choice none keeps OpenAI's meaning of "no tools".
        foreach (var name in historyTools)
        {
            WriteTool(writer, name, null, null);
        }

        if (jsonMode)
        {
            WriteTool(writer, JsonToolName, "Respond with the answer as this tool's input.", request.ResponseFormat!.Schema ?? AnyObject);
        }

        writer.WriteEndArray();

        if (jsonMode && request.Tools.Count == 0)
        {
            WriteToolChoice(writer, "tool"u8, JsonToolName, disableParallel: false);
        }
        else if (request.Tools.Count == 0)
        {
            WriteToolChoice(writer, "none"u8, null, disableParallel: false);
        }
        else
        {
            WriteClientToolChoice(writer, request.ToolChoice, !request.ParallelToolCalls);
        }

        return jsonMode;
    }

    private static void WriteClientToolChoice(Utf8JsonWriter writer, ToolChoice choice, bool disableParallel)
    {
        switch (choice.Mode)
        {
            case ToolChoiceMode.Unset when disableParallel:
            case ToolChoiceMode.Auto:
                WriteToolChoice(writer, "auto"u8, null, disableParallel);
                break;
            case ToolChoiceMode.Required:
                WriteToolChoice(writer, "any"u8, null, disableParallel);
                break;
            case ToolChoiceMode.Function:
                WriteToolChoice(writer, "tool"u8, choice.FunctionName, disableParallel);
                break;
            case ToolChoiceMode.None:
                // disable_parallel_tool_use means nothing when no tool may be called.
                WriteToolChoice(writer, "none"u8, null, disableParallel: false);
                break;
        }
    }

    private static void WriteToolChoice(Utf8JsonWriter writer, ReadOnlySpan<byte> type, string? name, bool disableParallel)
    {
        writer.WriteStartObject("tool_choice"u8);
        writer.WriteString("type"u8, type);
        if (name is not null)
        {
            writer.WriteString("name"u8, name);
        }

        if (disableParallel)
        {
            writer.WriteBoolean("disable_parallel_tool_use"u8, true);
        }

        writer.WriteEndObject();
    }

    private static void WriteTool(Utf8JsonWriter writer, string name, string? description, JsonElement? schema)
    {
        writer.WriteStartObject();
        writer.WriteString("name"u8, name);
        if (!string.IsNullOrEmpty(description))
        {
            writer.WriteString("description"u8, description);
        }

        // Anthropic requires an object schema with a type; OpenAI allows none (no arguments).
        writer.WriteStartObject("input_schema"u8);
        if (schema is not { } given || !given.TryGetProperty("type", out _))
        {
            writer.WriteString("type"u8, "object"u8);
        }

        if (schema is { } properties)
        {
            foreach (var property in properties.EnumerateObject())
            {
                property.WriteTo(writer);
            }
        }
        else
        {
            writer.WriteStartObject("properties"u8);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>temperature (clamped to Anthropic's 0–1), top_p, stop sequences, user. seed, penalties and logit_bias are dropped.</summary>
    private static void WriteSampling(Utf8JsonWriter writer, OpenAIChatRequest request)
    {
        if (request.Temperature is { } temperature)
        {
            writer.WriteNumber("temperature"u8, Math.Clamp(temperature, 0, 1));
        }

        if (request.TopP is { } topP)
        {
            writer.WriteNumber("top_p"u8, topP);
        }

        var open = false;
        foreach (var stop in request.Stop)
        {
            // Anthropic refuses whitespace-only stop sequences (LiteLLM drops them too).
            if (string.IsNullOrWhiteSpace(stop))
            {
                continue;
            }

            if (!open)
            {
                writer.WriteStartArray("stop_sequences"u8);
                open = true;
            }

            writer.WriteStringValue(stop);
        }

        if (open)
        {
            writer.WriteEndArray();
        }

        if (request.User is { Length: > 0 } user && !LooksPersonal(user))
        {
            writer.WriteStartObject("metadata"u8);
            writer.WriteString("user_id"u8, user);
            writer.WriteEndObject();
        }
    }

    /// <summary>
    /// An e-mail address or phone number: Anthropic refuses those as <c>metadata.user_id</c> (LiteLLM
    /// drops them too), and an opaque id is what the field is for.
    /// </summary>
    internal static bool LooksPersonal(string user)
    {
        if (user.Contains('@', StringComparison.Ordinal))
        {
            return true;
        }

        var digits = 0;
        foreach (var c in user)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c is not ('+' or '-' or ' ' or '(' or ')' or '.'))
            {
                return false;
            }
        }

        return digits is >= 7 and <= 15;
    }
}
