using System.Text.Json;

namespace Hub.Gateway.Providers.Bedrock;

/// <summary>What a <c>contentBlockDelta</c> carries.</summary>
internal enum BedrockDeltaKind
{
    None,
    Text,
    ToolInput,
    Reasoning,
}

/// <summary>
/// Readers of the ConverseStream event payloads (<c>protocols.md</c> 4.4), each the JSON body of one
/// event with no wrapper key. Unknown fields (the <c>"p"</c> padding among them) are skipped.
/// </summary>
internal static class BedrockStreamEvents
{
    /// <summary><c>{"contentBlockIndex":1,"start":{"toolUse":{"toolUseId":"…","name":"…"}}}</c>.</summary>
    public static (int Index, string? ToolUseId, string? Name) ReadStart(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload);
        int index = 0;
        string? id = null, name = null;
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("contentBlockIndex"u8) && reader.Read())
            {
                index = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("start"u8) && reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("toolUse"u8) && reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                    {
                        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            var isId = reader.ValueTextEquals("toolUseId"u8);
                            var isName = reader.ValueTextEquals("name"u8);
                            reader.Read();
                            (id, name) = (isId ? reader.GetString() : id, isName ? reader.GetString() : name);
                            reader.Skip();
                        }
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return (index, id, name);
    }

    /// <summary><c>{"contentBlockIndex":0,"delta":{"text":"…"} | {"toolUse":{"input":"…"}} | {"reasoningContent":{…}}}</c>.</summary>
    public static (int Index, BedrockDeltaKind Kind, string? Value) ReadDelta(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload);
        var index = 0;
        var kind = BedrockDeltaKind.None;
        string? value = null;
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("contentBlockIndex"u8) && reader.Read())
            {
                index = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("delta"u8) && reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("text"u8) && reader.Read())
                    {
                        (kind, value) = (BedrockDeltaKind.Text, reader.GetString());
                    }
                    else if (reader.ValueTextEquals("toolUse"u8) && reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                    {
                        kind = BedrockDeltaKind.ToolInput;
                        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            var isInput = reader.ValueTextEquals("input"u8);
                            reader.Read();
                            value = isInput ? reader.GetString() : value;
                            reader.Skip();
                        }
                    }
                    else
                    {
                        kind = reader.ValueTextEquals("reasoningContent"u8) ? BedrockDeltaKind.Reasoning : kind;
                        reader.Read();
                        reader.Skip();
                    }
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return (index, kind, value);
    }

    /// <summary>The string field <paramref name="name"/> at the top level: <c>stopReason</c> of <c>messageStop</c>, <c>message</c> of an exception.</summary>
    public static string? ReadString(ReadOnlySpan<byte> payload, ReadOnlySpan<byte> name)
    {
        var reader = new Utf8JsonReader(payload);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var match = reader.ValueTextEquals(name);
            reader.Read();
            if (match && reader.TokenType == JsonTokenType.String)
            {
                return reader.GetString();
            }

            reader.Skip();
        }

        return null;
    }

    /// <summary>The <c>usage</c> of a <c>metadata</c> event, or null when it has none.</summary>
    public static BedrockUsage? ReadUsage(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var match = reader.ValueTextEquals("usage"u8);
            reader.Read();
            if (match && reader.TokenType == JsonTokenType.StartObject)
            {
                return BedrockUsage.Read(ref reader);
            }

            reader.Skip();
        }

        return null;
    }
}
