using System.Buffers;
using System.Text.Json;

namespace Hub.Gateway.Providers.Mock;

/// <summary>The mock's answer in OpenAI's wire format: a <c>chat.completion</c> body or a <c>chat.completion.chunk</c> SSE stream.</summary>
internal sealed record MockCompletion(string Id, long Created, string Content, int PromptTokens, int CompletionTokens)
{
    /// <summary>The model id clients called, as OpenAI echoes the requested model.</summary>
    private const string ResponseModel = "mock/echo";

    public void WriteJson(IBufferWriter<byte> output)
    {
        using var writer = new Utf8JsonWriter(output, JsonWriting.Options);
        writer.WriteStartObject();
        WriteHeader(writer, "chat.completion");
        writer.WriteStartArray("choices");
        writer.WriteStartObject();
        writer.WriteNumber("index", 0);
        writer.WriteStartObject("message");
        writer.WriteString("role", "assistant");
        writer.WriteString("content", Content);
        writer.WriteNull("refusal");
        writer.WriteStartArray("annotations");
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteNull("logprobs");
        writer.WriteString("finish_reason", "stop");
        writer.WriteEndObject();
        writer.WriteEndArray();
        WriteUsage(writer);
        writer.WriteString("service_tier", "default");
        writer.WriteString("system_fingerprint", "fp_hub_mock");
        writer.WriteEndObject();
    }

    /// <summary>Role chunk, one chunk per word, the finish chunk, the usage chunk if asked for, then [DONE].</summary>
    public void WriteStream(IBufferWriter<byte> output, bool includeUsage)
    {
        WriteChunk(output, includeUsage, role: "assistant", content: "", finishReason: null);
        var start = 0;
        for (var i = 1; i <= Content.Length; i++)
        {
            if (i == Content.Length || (char.IsWhiteSpace(Content[i - 1]) && !char.IsWhiteSpace(Content[i])))
            {
                WriteChunk(output, includeUsage, role: null, content: Content[start..i], finishReason: null);
                start = i;
            }
        }

        WriteChunk(output, includeUsage, role: null, content: null, finishReason: "stop");
        if (includeUsage)
        {
            WriteEvent(output, writer =>
            {
                WriteHeader(writer, "chat.completion.chunk");
                writer.WriteStartArray("choices");
                writer.WriteEndArray();
                WriteUsage(writer);
            });
        }

        output.Write("data: [DONE]\n\n"u8);
    }

    private void WriteChunk(IBufferWriter<byte> output, bool includeUsage, string? role, string? content, string? finishReason) =>
        WriteEvent(output, writer =>
        {
            WriteHeader(writer, "chat.completion.chunk");
            writer.WriteString("system_fingerprint", "fp_hub_mock");
            writer.WriteStartArray("choices");
            writer.WriteStartObject();
            writer.WriteNumber("index", 0);
            writer.WriteStartObject("delta");
            if (role is not null)
            {
                writer.WriteString("role", role);
            }

            if (content is not null)
            {
                writer.WriteString("content", content);
            }

            writer.WriteEndObject();
            writer.WriteNull("logprobs");
            if (finishReason is null)
            {
                writer.WriteNull("finish_reason");
            }
            else
            {
                writer.WriteString("finish_reason", finishReason);
            }

            writer.WriteEndObject();
            writer.WriteEndArray();

            // With include_usage every chunk but the last carries "usage": null, as OpenAI sends it.
            if (includeUsage)
            {
                writer.WriteNull("usage");
            }
        });

    private static void WriteEvent(IBufferWriter<byte> output, Action<Utf8JsonWriter> write)
    {
        output.Write("data: "u8);
        using (var writer = new Utf8JsonWriter(output, JsonWriting.Options))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        output.Write("\n\n"u8);
    }

    private void WriteHeader(Utf8JsonWriter writer, string objectType)
    {
        writer.WriteString("id", Id);
        writer.WriteString("object", objectType);
        writer.WriteNumber("created", Created);
        writer.WriteString("model", ResponseModel);
    }

    private void WriteUsage(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("usage");
        writer.WriteNumber("prompt_tokens", PromptTokens);
        writer.WriteNumber("completion_tokens", CompletionTokens);
        writer.WriteNumber("total_tokens", PromptTokens + CompletionTokens);
        writer.WriteStartObject("prompt_tokens_details");
        writer.WriteNumber("cached_tokens", 0);
        writer.WriteNumber("audio_tokens", 0);
        writer.WriteEndObject();
        writer.WriteStartObject("completion_tokens_details");
        writer.WriteNumber("reasoning_tokens", 0);
        writer.WriteNumber("audio_tokens", 0);
        writer.WriteNumber("accepted_prediction_tokens", 0);
        writer.WriteNumber("rejected_prediction_tokens", 0);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
