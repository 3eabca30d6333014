using System.Buffers;
using System.Text.Json;
using Hub.Gateway.Errors;

namespace Hub.Gateway.Providers.Translation;

/// <summary>
/// Writes the SSE events of a translated stream, each a complete <c>data: {…}\n\n</c> event in OpenAI's
/// <c>CreateChatCompletionStreamResponse</c> shape with the same <c>id</c>, <c>created</c> and <c>model</c>:
/// the role first, then content and tool-call deltas, one finish chunk, the usage chunk
/// (<c>choices: []</c>) only when the client asked for it, and <c>data: [DONE]</c>.
/// One writer per stream (it reuses its buffer); each event returned is a copy the caller keeps.
/// </summary>
internal sealed class ChatChunkWriter : IDisposable
{
    private readonly string id;
    private readonly long created;
    private readonly string model;
    private readonly ArrayBufferWriter<byte> buffer = new(256);
    private readonly Utf8JsonWriter writer;

    public ChatChunkWriter(string id, long created, string model)
    {
        (this.id, this.created, this.model) = (id, created, model);
        writer = new Utf8JsonWriter(buffer, JsonWriting.Options);
    }

    public void Dispose() => writer.Dispose();

    public static ReadOnlyMemory<byte> Done { get; } = "data: [DONE]\n\n"u8.ToArray();

    /// <summary>The first chunk: <c>delta: {"role":"assistant","content":""}</c>.</summary>
    public ReadOnlyMemory<byte> Role()
    {
        BeginDelta();
        writer.WriteString("role"u8, "assistant"u8);
        writer.WriteString("content"u8, ""u8);
        return EndDelta(null);
    }

    public ReadOnlyMemory<byte> Content(string text)
    {
        BeginDelta();
        writer.WriteString("content"u8, text);
        return EndDelta(null);
    }

    /// <summary>The first delta of tool call number <paramref name="index"/> (counted among tool calls only): id, name and empty arguments.</summary>
    public ReadOnlyMemory<byte> ToolCallStart(int index, string callId, string name)
    {
        BeginDelta();
        WriteToolCall(index, callId, name, "");
        return EndDelta(null);
    }

    /// <summary>A fragment of tool call <paramref name="index"/>'s arguments; clients concatenate them.</summary>
    public ReadOnlyMemory<byte> ToolCallArguments(int index, string fragment)
    {
        BeginDelta();
        WriteToolCall(index, null, null, fragment);
        return EndDelta(null);
    }

    /// <summary>The last chunk of the choice: <c>delta: {}</c> and the finish reason (one of <see cref="FinishReasons"/>).</summary>
    public ReadOnlyMemory<byte> Finish(string finishReason)
    {
        BeginDelta();
        return EndDelta(finishReason);
    }

    /// <summary>The usage chunk: <c>choices: []</c> and the full usage.</summary>
    public ReadOnlyMemory<byte> Usage(ChatUsage usage)
    {
        BeginEvent();
        writer.WriteStartArray("choices"u8);
        writer.WriteEndArray();
        writer.WritePropertyName("usage"u8);
        usage.WriteTo(writer);
        return EndEvent();
    }

    /// <summary>An error after the 200 went out: clients raise it (the openai npm client throws on a data object with an <c>error</c> key).</summary>
    public static ReadOnlyMemory<byte> Error(HubError error)
    {
        var json = OpenAIErrorWriter.Serialize(error);
        var bytes = new byte[json.Length + 8];
        "data: "u8.CopyTo(bytes);
        json.CopyTo(bytes.AsSpan(6));
        "\n\n"u8.CopyTo(bytes.AsSpan(6 + json.Length));
        return bytes;
    }

    private void BeginEvent()
    {
        buffer.ResetWrittenCount();
        buffer.Write("data: "u8);
        writer.Reset(buffer);
        writer.WriteStartObject();
        writer.WriteString("id"u8, id);
        writer.WriteString("object"u8, "chat.completion.chunk"u8);
        writer.WriteNumber("created"u8, created);
        writer.WriteString("model"u8, model);
    }

    private ReadOnlyMemory<byte> EndEvent()
    {
        writer.WriteEndObject();
        writer.Flush();
        buffer.Write("\n\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    private void BeginDelta()
    {
        BeginEvent();
        writer.WriteStartArray("choices"u8);
        writer.WriteStartObject();
        writer.WriteNumber("index"u8, 0);
        writer.WriteStartObject("delta"u8);
    }

    private ReadOnlyMemory<byte> EndDelta(string? finishReason)
    {
        writer.WriteEndObject();
        writer.WriteNull("logprobs"u8);
        writer.WriteString("finish_reason"u8, finishReason);
        writer.WriteEndObject();
        writer.WriteEndArray();
        return EndEvent();
    }

    private void WriteToolCall(int index, string? callId, string? name, string arguments)
    {
        writer.WriteStartArray("tool_calls"u8);
        writer.WriteStartObject();
        writer.WriteNumber("index"u8, index);
        if (callId is not null)
        {
            writer.WriteString("id"u8, callId);
            writer.WriteString("type"u8, "function"u8);
        }

        writer.WriteStartObject("function"u8);
        if (name is not null)
        {
            writer.WriteString("name"u8, name);
        }

        writer.WriteString("arguments"u8, arguments);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndArray();
    }
}
