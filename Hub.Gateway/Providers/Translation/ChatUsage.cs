using System.Text.Json;
using Hub.Gateway.Streaming;

namespace Hub.Gateway.Providers.Translation;

/// <summary>OpenAI's <c>CompletionUsage</c>, as a translator computes it from the upstream's counts.</summary>
/// <param name="PromptTokens">Every input token, cached ones included.</param>
/// <param name="CompletionTokens">Every output token, reasoning ones included.</param>
/// <param name="CachedTokens"><c>prompt_tokens_details.cached_tokens</c>.</param>
/// <param name="ReasoningTokens"><c>completion_tokens_details.reasoning_tokens</c>.</param>
internal readonly record struct ChatUsage(int PromptTokens, int CompletionTokens, int CachedTokens = 0, int ReasoningTokens = 0)
{
    public TokenUsage ToTokenUsage() => new(PromptTokens, CompletionTokens);

    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("prompt_tokens"u8, PromptTokens);
        writer.WriteNumber("completion_tokens"u8, CompletionTokens);
        writer.WriteNumber("total_tokens"u8, PromptTokens + CompletionTokens);
        writer.WriteStartObject("prompt_tokens_details"u8);
        writer.WriteNumber("cached_tokens"u8, CachedTokens);
        writer.WriteEndObject();
        writer.WriteStartObject("completion_tokens_details"u8);
        writer.WriteNumber("reasoning_tokens"u8, ReasoningTokens);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
