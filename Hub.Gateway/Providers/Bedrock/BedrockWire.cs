using System.Text.Json;
using Hub.Gateway.Providers.Translation;

namespace Hub.Gateway.Providers.Bedrock;

/// <summary>
/// Bedrock's <c>usage</c>: <c>{"inputTokens","outputTokens","totalTokens","cacheReadInputTokens","cacheWriteInputTokens"}</c>.
/// OpenAI's prompt tokens count every input token, so cache reads and writes are added in (Portkey).
/// </summary>
internal readonly record struct BedrockUsage(int InputTokens, int OutputTokens, int CacheReadInputTokens, int CacheWriteInputTokens)
{
    public ChatUsage ToChatUsage() =>
        new(InputTokens + CacheReadInputTokens + CacheWriteInputTokens, OutputTokens, CachedTokens: CacheReadInputTokens);

    /// <summary>Reads the usage object the reader is on (its <see cref="JsonTokenType.StartObject"/>); unknown fields are skipped.</summary>
    public static BedrockUsage Read(ref Utf8JsonReader reader)
    {
        int input = 0, output = 0, cacheRead = 0, cacheWrite = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.ValueTextEquals("inputTokens"u8) ? 1
                : reader.ValueTextEquals("outputTokens"u8) ? 2
                : reader.ValueTextEquals("cacheReadInputTokens"u8) ? 3
                : reader.ValueTextEquals("cacheWriteInputTokens"u8) ? 4 : 0;
            reader.Read();
            var count = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number) ? number : 0;
            reader.Skip();
            switch (field)
            {
                case 1: input = count; break;
                case 2: output = count; break;
                case 3: cacheRead = count; break;
                case 4: cacheWrite = count; break;
            }
        }

        return new BedrockUsage(input, output, cacheRead, cacheWrite);
    }
}

/// <summary><c>stopReason</c> → <c>finish_reason</c> (<c>protocols.md</c> 4.3, Portkey's finishReasonMap and LiteLLM).</summary>
internal static partial class BedrockStopReasons
{
    /// <summary>Checklist rule 1: an unknown stop reason becomes stop, and is logged so the table can grow.</summary>
    [LoggerMessage(EventId = Diagnostics.EventIds.BedrockUnknownStopReason, EventName = "BedrockUnknownStopReason", Level = LogLevel.Debug,
        Message = "Provider {Provider} (Bedrock) gave the stop reason {StopReason}, mapped to stop")]
    public static partial void LogUnknown(ILogger logger, string provider, string stopReason);

    /// <returns>False for a reason not in the table; <paramref name="finishReason"/> is then <see cref="FinishReasons.Stop"/>.</returns>
    public static bool TryMap(string? stopReason, out string finishReason)
    {
        finishReason = stopReason switch
        {
            "end_turn" or "stop_sequence" => FinishReasons.Stop,
            "max_tokens" or "model_context_window_exceeded" => FinishReasons.Length,
            "tool_use" => FinishReasons.ToolCalls,
            "guardrail_intervened" or "content_filtered" => FinishReasons.ContentFilter,
            _ => null!,
        };
        if (finishReason is not null)
        {
            return true;
        }

        finishReason = FinishReasons.Stop;
        return false;
    }
}
