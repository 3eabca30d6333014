using System.Text.Json;
using Hub.Gateway.Providers.Translation;

namespace Hub.Gateway.Providers.Anthropic;

/// <summary>Opens a turn only when a block is written to it, and merges consecutive blocks of one role into one turn.</summary>
internal sealed class AnthropicTurnWriter(Utf8JsonWriter writer)
{
    /// <summary>The user turn put first when the conversation has none there (LiteLLM's placeholder text too).</summary>
    private const string PlaceholderUserText = ".";

    private ChatRole? open;

    public Utf8JsonWriter Block(ChatRole role)
    {
        if (open == role)
        {
            return writer;
        }

        if (open is not null)
        {
            Close();
        }
        else if (role == ChatRole.Assistant)
        {
            Placeholder();
        }

        writer.WriteStartObject();
        writer.WriteString("role"u8, role == ChatRole.User ? "user"u8 : "assistant"u8);
        writer.WriteStartArray("content"u8);
        open = role;
        return writer;
    }

    public void End()
    {
        if (open is null)
        {
            Placeholder();
        }
        else
        {
            Close();
        }
    }

    private void Close()
    {
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Anthropic needs a user turn first, and at least one; OpenAI accepts a system prompt alone or an assistant greeting first.</summary>
    private void Placeholder()
    {
        writer.WriteStartObject();
        writer.WriteString("role"u8, "user"u8);
        writer.WriteStartArray("content"u8);
        AnthropicMessageMapper.WriteTextBlock(writer, PlaceholderUserText);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
