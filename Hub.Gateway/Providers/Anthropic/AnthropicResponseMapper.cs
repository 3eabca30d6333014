using System.Text;
using Hub.Gateway.Providers.Translation;

namespace Hub.Gateway.Providers.Anthropic;

/// <summary>
/// Anthropic message → OpenAI chat completion (<c>shared/research/protocols.md</c> 2.5): text blocks
/// joined into <c>content</c>, <c>tool_use</c> blocks as <c>tool_calls</c>, thinking and server-tool
/// blocks dropped, the stop reason and usage mapped by the tables shared with the stream translator.
/// Static and side-effect free.
/// </summary>
internal static class AnthropicResponseMapper
{
    /// <param name="id">Anthropic's <c>msg_…</c> id, or one minted when it sent none.</param>
    /// <param name="jsonMode">The request carried <c>response_format</c> as <see cref="AnthropicToolMapper.JsonToolName"/>: its call is the content.</param>
    public static TranslatedCompletion Map(AnthropicMessage message, string id, long created, string model, bool jsonMode)
    {
        StringBuilder? text = null;
        var toolCalls = new List<ToolCall>();
        foreach (var block in message.Content ?? [])
        {
            switch (block.Type)
            {
                case "text" when !string.IsNullOrEmpty(block.Text):
                    (text ??= new StringBuilder()).Append(block.Text);
                    break;
                case "tool_use" when jsonMode && block.Name == AnthropicToolMapper.JsonToolName:
                    (text ??= new StringBuilder()).Append(Arguments(block));
                    break;
                case "tool_use":
                    toolCalls.Add(new ToolCall(block.Id ?? "", block.Name ?? "", Arguments(block)));
                    break;
            }
        }

        var finishReason = FinishReason(message.StopReason);
        if (finishReason == FinishReasons.ToolCalls && toolCalls.Count == 0)
        {
            // Only the JSON tool was called: to the client that is a finished answer.
            finishReason = FinishReasons.Stop;
        }

        return new TranslatedCompletion(id, created, message.Model ?? model, text?.ToString(), toolCalls, finishReason, Usage(message.Usage));
    }

    /// <summary>
    /// The stop-reason table: <c>end_turn</c>, <c>stop_sequence</c>, <c>pause_turn</c> → stop;
    /// <c>max_tokens</c>, <c>model_context_window_exceeded</c> → length; <c>tool_use</c> → tool_calls;
    /// <c>refusal</c> → content_filter; anything else (null, or a reason newer than this table) → stop.
    /// </summary>
    public static string FinishReason(string? stopReason) => stopReason switch
    {
        "max_tokens" or "model_context_window_exceeded" => FinishReasons.Length,
        "tool_use" => FinishReasons.ToolCalls,
        "refusal" => FinishReasons.ContentFilter,
        _ => FinishReasons.Stop,
    };

    /// <summary>Whether <see cref="FinishReason"/> knows the reason (an unknown one is logged).</summary>
    public static bool IsKnownStopReason(string? stopReason) =>
        stopReason is "end_turn" or "stop_sequence" or "pause_turn" or "max_tokens" or "model_context_window_exceeded" or "tool_use" or "refusal";

    /// <summary>prompt = input + cache writes + cache reads (Anthropic's input excludes both); cached = cache reads.</summary>
    public static ChatUsage Usage(AnthropicUsage? usage) => usage is null
        ? default
        : new ChatUsage(
            (usage.InputTokens ?? 0) + (usage.CacheCreationInputTokens ?? 0) + (usage.CacheReadInputTokens ?? 0),
            usage.OutputTokens ?? 0,
            CachedTokens: usage.CacheReadInputTokens ?? 0);

    /// <summary><c>input</c> as OpenAI's arguments string; a block without one took no arguments.</summary>
    private static string Arguments(AnthropicContentBlock block) =>
        block.Input is { ValueKind: System.Text.Json.JsonValueKind.Object } input ? input.GetRawText() : "{}";
}
