using System.Buffers;
using System.Text.Json;

namespace Hub.Gateway.Providers.Translation;

/// <summary>A translated non-streamed answer: one choice, as every translated protocol gives.</summary>
/// <param name="Content">The text, or null when the answer is only tool calls (OpenAI sends null then).</param>
/// <param name="FinishReason">One of <see cref="FinishReasons"/>.</param>
internal sealed record TranslatedCompletion(
    string Id, long Created, string Model, string? Content, IReadOnlyList<ToolCall> ToolCalls, string FinishReason, ChatUsage Usage);

/// <summary>
/// Writes OpenAI's <c>CreateChatCompletionResponse</c> for a translated answer: every required key
/// present (<c>logprobs</c> and <c>refusal</c> as null), <c>arguments</c> as JSON strings.
/// </summary>
internal static class ChatCompletionWriter
{
    public static byte[] Write(TranslatedCompletion completion)
    {
        var buffer = new ArrayBufferWriter<byte>(512 + (completion.Content?.Length ?? 0));
        using (var writer = new Utf8JsonWriter(buffer, JsonWriting.Options))
        {
            writer.WriteStartObject();
            writer.WriteString("id"u8, completion.Id);
            writer.WriteString("object"u8, "chat.completion"u8);
            writer.WriteNumber("created"u8, completion.Created);
            writer.WriteString("model"u8, completion.Model);
            writer.WriteStartArray("choices"u8);
            writer.WriteStartObject();
            writer.WriteNumber("index"u8, 0);
            writer.WriteStartObject("message"u8);
            writer.WriteString("role"u8, "assistant"u8);
            writer.WriteString("content"u8, completion.Content);
            writer.WriteNull("refusal"u8);
            if (completion.ToolCalls.Count > 0)
            {
                writer.WriteStartArray("tool_calls"u8);
                foreach (var call in completion.ToolCalls)
                {
                    writer.WriteStartObject();
                    writer.WriteString("id"u8, call.Id);
                    writer.WriteString("type"u8, "function"u8);
                    writer.WriteStartObject("function"u8);
                    writer.WriteString("name"u8, call.Name);
                    writer.WriteString("arguments"u8, call.Arguments);
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            writer.WriteNull("logprobs"u8);
            writer.WriteString("finish_reason"u8, completion.FinishReason);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WritePropertyName("usage"u8);
            completion.Usage.WriteTo(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
