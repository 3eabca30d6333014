using System.Text.Json;
using Hub.Gateway.Providers.Translation;

namespace Hub.Gateway.Providers.Anthropic;

/// <summary>
/// OpenAI <c>tools</c>, <c>tool_choice</c>, <c>parallel_tool_calls</c> and <c>response_format</c> →
/// Anthropic <c>tools</c> and <c>tool_choice</c>. Static and side-effect free.
/// </summary>
internal static class AnthropicToolMapper
{
    /// <summary>The synthetic tool that carries <c>response_format</c> (LiteLLM's name, so behaviour matches).</summary>
    public const string JsonToolName = "json_tool_call";

    /// <summary><c>json_object</c> has no schema: any object (LiteLLM's schema; Anthropic refuses <c>properties: null</c>).</summary>
    private static readonly JsonElement AnyObject = JsonDocument.Parse("{\"type\":\"object\",\"additionalProperties\":true}").RootElement;

    /// <summary>Tools and tool_choice; true when <c>response_format</c> became the JSON tool.</summary>
    public static bool WriteTools(Utf8JsonWriter writer, OpenAIChatRequest request)
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
}
