using System.Buffers;
using System.Collections.Frozen;
using System.Text.Json;

namespace Hub.Gateway.Providers.OpenAICompatible;

/// <summary>
/// Writes Hub's routing restrictions into the request as OpenRouter's <c>provider</c> object, so that
/// OpenRouter's own routing and fallback stay inside them (<c>protocols.md</c> §5: "send provider.only +
/// allow_fallbacks:false; never let OpenRouter's own fallback cross Hub's restrictions"). Hub has
/// already removed any <c>provider</c> object the client sent.
/// </summary>
internal static class OpenRouterRestrictions
{
    /// <summary>Hub provider ids and OpenRouter's slugs for the same providers; a provider without a slug is left out of <c>only</c>.</summary>
    private static readonly FrozenDictionary<string, string> Slugs = new Dictionary<string, string>
    {
        ["openai"] = "openai",
        ["anthropic"] = "anthropic",
        ["groq"] = "groq",
        ["together"] = "together",
        ["deepinfra"] = "deepinfra",
        ["mistral"] = "mistral",
        ["xai"] = "xai",
        ["gemini"] = "google-ai-studio",
        ["bedrock"] = "amazon-bedrock",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static ReadOnlyMemory<byte> Apply(ReadOnlyMemory<byte> body, DownstreamRestrictions restrictions)
    {
        var open = body.Span.IndexOf((byte)'{');
        if (open < 0)
        {
            return body;
        }

        // {"provider":{…}} written whole, then inserted without its outer braces after the body's first '{'.
        var property = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(property, JsonWriting.Options))
        {
            writer.WriteStartObject();
            WriteObject(writer, restrictions);
            writer.WriteEndObject();
        }

        var rest = body.Span[(open + 1)..];
        var result = new ArrayBufferWriter<byte>(body.Length + property.WrittenCount + 1);
        result.Write(body.Span[..(open + 1)]);
        result.Write(property.WrittenSpan[1..^1]);
        if (rest.TrimStart(" \t\r\n"u8) is { Length: > 0 } next && next[0] != (byte)'}')
        {
            result.Write(","u8);
        }

        result.Write(rest);
        return result.WrittenMemory;
    }

    private static void WriteObject(Utf8JsonWriter writer, DownstreamRestrictions restrictions)
    {
        writer.WriteStartObject("provider"u8);
        if (restrictions.OnlyProviders is { } only)
        {
            writer.WriteStartArray("only"u8);
            foreach (var id in only)
            {
                if (Slugs.TryGetValue(id, out var slug))
                {
                    writer.WriteStringValue(slug);
                }
            }

            writer.WriteEndArray();
            writer.WriteBoolean("allow_fallbacks"u8, false);
        }

        if (restrictions.DenyDataCollection)
        {
            writer.WriteString("data_collection"u8, "deny"u8);
        }

        if (restrictions.ZeroDataRetention)
        {
            writer.WriteBoolean("zdr"u8, true);
        }

        writer.WriteEndObject();
    }
}
