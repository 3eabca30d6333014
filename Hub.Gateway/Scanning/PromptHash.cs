using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace Hub.Gateway.Scanning;

/// <summary>
/// The audit's fingerprint of a prompt: SHA-256 of the <c>messages</c> array re-written compactly,
/// with every string re-encoded the same way, so whitespace and optional escapes (<c>\u0041</c> for
/// <c>A</c>) do not change it while any change of content does. Anyone holding the same prompt can
/// prove it was sent; nobody can read the prompt back from it.
/// </summary>
internal static class PromptHash
{
    /// <summary>Lower-case hex of the hash of <paramref name="messagesJson"/>, a valid JSON array.</summary>
    public static string Of(ReadOnlySpan<byte> messagesJson)
    {
        var normalized = new ArrayBufferWriter<byte>(messagesJson.Length);
        using (var writer = new Utf8JsonWriter(normalized, JsonWriting.Options))
        {
            var reader = new Utf8JsonReader(messagesJson, new JsonReaderOptions { MaxDepth = 128 });
            while (reader.Read())
            {
                Copy(ref reader, writer);
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(normalized.WrittenSpan));
    }

    private static void Copy(ref Utf8JsonReader reader, Utf8JsonWriter writer)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject: writer.WriteStartObject(); break;
            case JsonTokenType.EndObject: writer.WriteEndObject(); break;
            case JsonTokenType.StartArray: writer.WriteStartArray(); break;
            case JsonTokenType.EndArray: writer.WriteEndArray(); break;
            case JsonTokenType.PropertyName: writer.WritePropertyName(reader.GetString()!); break;
            case JsonTokenType.String: writer.WriteStringValue(reader.GetString()); break;
            case JsonTokenType.Number: writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true); break;
            case JsonTokenType.True: writer.WriteBooleanValue(true); break;
            case JsonTokenType.False: writer.WriteBooleanValue(false); break;
            case JsonTokenType.Null: writer.WriteNullValue(); break;
            default: break;
        }
    }
}
