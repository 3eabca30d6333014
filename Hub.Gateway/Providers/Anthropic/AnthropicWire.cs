using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hub.Gateway.Providers.Anthropic;

/// <summary>
/// What Anthropic's Messages API sends back (<c>shared/research/protocols.md</c> 2.2, 2.3): only the
/// fields the translation reads; everything else is skipped by the deserializer. The request is
/// written with a <see cref="Utf8JsonWriter"/> instead (<see cref="AnthropicRequestMapper"/>), since it
/// is mostly the client's JSON (schemas, arguments) copied through.
/// </summary>
internal sealed class AnthropicMessage
{
    public string? Id { get; set; }

    public string? Model { get; set; }

    public List<AnthropicContentBlock>? Content { get; set; }

    public string? StopReason { get; set; }

    public AnthropicUsage? Usage { get; set; }
}

/// <summary>A content block: <c>text</c>, <c>tool_use</c>, or one the translation drops (<c>thinking</c>, server tools).</summary>
internal sealed class AnthropicContentBlock
{
    public string? Type { get; set; }

    public string? Text { get; set; }

    public string? Id { get; set; }

    public string? Name { get; set; }

    /// <summary>A <c>tool_use</c> block's arguments, an object.</summary>
    public JsonElement? Input { get; set; }
}

/// <summary>Token counts; <c>input_tokens</c> excludes the cached ones.</summary>
internal sealed class AnthropicUsage
{
    public int? InputTokens { get; set; }

    public int? OutputTokens { get; set; }

    public int? CacheCreationInputTokens { get; set; }

    public int? CacheReadInputTokens { get; set; }
}

/// <summary>One SSE event's data: every event type's fields in one shape, told apart by <see cref="Type"/>.</summary>
internal sealed class AnthropicStreamEvent
{
    public string? Type { get; set; }

    /// <summary>The content block a <c>content_block_*</c> event is about.</summary>
    public int Index { get; set; }

    /// <summary><c>message_start</c>.</summary>
    public AnthropicMessage? Message { get; set; }

    /// <summary><c>content_block_start</c>.</summary>
    public AnthropicContentBlock? ContentBlock { get; set; }

    /// <summary><c>content_block_delta</c> and <c>message_delta</c>.</summary>
    public AnthropicDelta? Delta { get; set; }

    /// <summary><c>message_delta</c>: cumulative counts.</summary>
    public AnthropicUsage? Usage { get; set; }

    /// <summary><c>error</c>.</summary>
    public AnthropicError? Error { get; set; }
}

/// <summary><c>text_delta</c>, <c>input_json_delta</c>, the dropped <c>thinking_delta</c>/<c>signature_delta</c>, or a <c>message_delta</c>'s stop reason.</summary>
internal sealed class AnthropicDelta
{
    public string? Type { get; set; }

    public string? Text { get; set; }

    public string? PartialJson { get; set; }

    public string? StopReason { get; set; }
}

/// <summary><c>{"type":"error","error":{"type","message"}}</c>, as an HTTP error body and as a stream's <c>error</c> event.</summary>
internal sealed class AnthropicErrorBody
{
    public AnthropicError? Error { get; set; }
}

internal sealed class AnthropicError
{
    public string? Type { get; set; }

    public string? Message { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(AnthropicMessage))]
[JsonSerializable(typeof(AnthropicStreamEvent))]
[JsonSerializable(typeof(AnthropicErrorBody))]
internal sealed partial class AnthropicWireContext : JsonSerializerContext;

/// <summary>Reads the wire types from UTF-8; null when the bytes are not what Anthropic sends.</summary>
internal static class AnthropicWire
{
    public static AnthropicMessage? ReadMessage(ReadOnlySpan<byte> json) => Read(json, AnthropicWireContext.Default.AnthropicMessage);

    public static AnthropicStreamEvent? ReadEvent(ReadOnlySpan<byte> json) => Read(json, AnthropicWireContext.Default.AnthropicStreamEvent);

    public static AnthropicError? ReadError(ReadOnlySpan<byte> json) => Read(json, AnthropicWireContext.Default.AnthropicErrorBody)?.Error;

    private static T? Read<T>(ReadOnlySpan<byte> json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(json, type);
        }
        catch (JsonException)
        {
            // Not Anthropic's shape (a proxy's HTML page, a truncated body): the caller reports an unreadable answer.
            return null;
        }
    }
}
