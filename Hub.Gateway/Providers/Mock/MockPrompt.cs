using System.Text;
using System.Text.Json;

namespace Hub.Gateway.Providers.Mock;

/// <summary>What the mock reads from a request: the last user text, the token estimate of all messages, include_usage.</summary>
internal sealed record MockPrompt(string LastUserText, int PromptTokens, bool IncludeUsage)
{
    public static MockPrompt Parse(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        var lastUser = "";
        var promptTokens = 3;
        foreach (var message in root.GetProperty("messages").EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object)
            {
                continue; // Not a message; the mock answers what it can, as an upstream would reject it.
            }

            var text = message.TryGetProperty("content", out var content) ? TextOf(content) : "";
            promptTokens += 4 + TokenEstimate.Of(text);
            if (message.TryGetProperty("role", out var role) && role.ValueEquals("user"u8))
            {
                lastUser = text;
            }
        }

        var includeUsage = root.TryGetProperty("stream_options", out var options)
            && options.ValueKind == JsonValueKind.Object
            && options.TryGetProperty("include_usage", out var flag)
            && flag.ValueKind == JsonValueKind.True;
        return new MockPrompt(lastUser, promptTokens, includeUsage);
    }

    /// <summary>A string content, or the text parts of an array content joined by newlines.</summary>
    private static string TextOf(JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString()!;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return "";
        }

        var text = new StringBuilder();
        foreach (var part in content.EnumerateArray())
        {
            if (part.ValueKind == JsonValueKind.Object
                && part.TryGetProperty("type", out var type) && type.ValueEquals("text"u8)
                && part.TryGetProperty("text", out var value) && value.ValueKind == JsonValueKind.String)
            {
                text.Append(text.Length > 0 ? "\n" : "").Append(value.GetString());
            }
        }

        return text.ToString();
    }
}

internal static class TokenEstimate
{
    /// <summary>About four UTF-8 bytes per token, OpenAI's rule of thumb for English.</summary>
    public static int Of(string text) => text.Length == 0 ? 0 : Math.Max(1, (Encoding.UTF8.GetByteCount(text) + 3) / 4);
}
