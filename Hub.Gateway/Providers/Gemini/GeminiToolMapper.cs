using System.Text.Json;
using Hub.Gateway.Providers.Translation;

namespace Hub.Gateway.Providers.Gemini;

/// <summary>
/// OpenAI <c>tools</c> as one Gemini tool of <c>functionDeclarations</c> (schemas through
/// <see cref="GeminiSchemaCleaner"/>), and <c>tool_choice</c> as <c>toolConfig.functionCallingConfig</c>:
/// none → <c>NONE</c>, auto → <c>AUTO</c>, required → <c>ANY</c>, a named function → <c>ANY</c> limited to it.
/// <c>parallel_tool_calls</c> has no Gemini counterpart and is dropped.
/// </summary>
internal static class GeminiToolMapper
{
    public static void Write(Utf8JsonWriter writer, OpenAIChatRequest request)
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
}
