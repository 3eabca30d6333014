using System.Text;
using Hub.Core.Randomness;
using Hub.Gateway.Providers.Translation;

namespace Hub.Gateway.Providers.Gemini;

/// <summary>
/// A whole <c>GenerateContentResponse</c> as OpenAI's chat completion (protocols.md 3.3, 3.4): the
/// first candidate's text parts joined (thoughts left out), its function calls as tool calls with
/// minted ids (Gemini gives none), the finish reason mapped, thinking counted as output tokens.
/// A blocked prompt (no candidates) is a <c>content_filter</c> answer with null content.
/// </summary>
internal static class GeminiResponseMapper
{
    /// <param name="requestedModel">The model id Hub asked for, used when Google names no <c>modelVersion</c>.</param>
    public static TranslatedCompletion Map(GeminiResponse response, string requestedModel, string id, long created, IRandomSource random)
    {
        StringBuilder? text = null;
        var toolCalls = new List<ToolCall>();
        foreach (var part in response.Parts)
        {
            if (part.FunctionName is not null)
            {
                toolCalls.Add(new ToolCall(ToolCallIds.New(random), part.FunctionName, part.Arguments ?? "{}"));
            }
            else
            {
                (text ??= new StringBuilder()).Append(part.Text);
            }
        }

        var (finishReason, _) = FinishReason(response.FinishReason, response.BlockReason, toolCalls.Count > 0);
        return new TranslatedCompletion(
            id,
            created,
            response.ModelVersion ?? requestedModel,
            text?.ToString(),
            toolCalls,
            finishReason,
            response.Usage?.ToChatUsage() ?? default);
    }

    /// <summary>
    /// Gemini's reason as one of <see cref="FinishReasons"/> (protocols.md 3.4). <c>STOP</c> is also
    /// what Gemini says after function calls, so it becomes <c>tool_calls</c> when there were some.
    /// </summary>
    /// <returns>The reason, and whether Gemini's value was one Hub knows (an unknown one is logged and becomes <c>stop</c>).</returns>
    /// <param name="finishReason">The candidate's <c>finishReason</c>.</param>
    /// <param name="blockReason"><c>promptFeedback.blockReason</c>: the prompt was refused, there is no candidate.</param>
    public static (string Reason, bool Known) FinishReason(string? finishReason, string? blockReason, bool hadToolCalls)
    {
        if (finishReason is null && blockReason is not null)
        {
            return (FinishReasons.ContentFilter, true);
        }

        return finishReason switch
        {
            null or "STOP" or "FINISH_REASON_UNSPECIFIED" => (hadToolCalls ? FinishReasons.ToolCalls : FinishReasons.Stop, true),
            "MAX_TOKENS" => (FinishReasons.Length, true),
            "SAFETY" or "BLOCKLIST" or "PROHIBITED_CONTENT" or "SPII" or "IMAGE_SAFETY" or "LANGUAGE" or "RECITATION" => (FinishReasons.ContentFilter, true),
            "OTHER" or "MALFORMED_FUNCTION_CALL" or "UNEXPECTED_TOOL_CALL" or "TOO_MANY_TOOL_CALLS" or "MISSING_THOUGHT_SIGNATURE" => (FinishReasons.Stop, true),
            _ => (FinishReasons.Stop, false),
        };
    }
}
