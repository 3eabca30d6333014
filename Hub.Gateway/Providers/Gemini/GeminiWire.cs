using System.Text.Json;
using Hub.Gateway.Providers.Translation;

namespace Hub.Gateway.Providers.Gemini;

/// <summary>
/// What Hub reads of one <c>GenerateContentResponse</c> (a whole answer, or one SSE event of a
/// stream, which holds only the new parts): the first candidate's parts in order, thought parts left
/// out, its finish reason, a blocked prompt's reason, the usage, and an <c>error</c> object if the
/// body is one. Everything else (safety ratings, citations, thought signatures) is not translated.
/// </summary>
internal sealed class GeminiResponse
{
    public List<GeminiPart> Parts { get; } = [];

    /// <summary><c>candidates[0].finishReason</c>, e.g. <c>STOP</c>; null until the last event of a stream.</summary>
    public string? FinishReason { get; set; }

    /// <summary><c>promptFeedback.blockReason</c>: the prompt itself was refused and there are no candidates.</summary>
    public string? BlockReason { get; set; }

    /// <summary><c>usageMetadata</c>; in a stream, running totals (the last one is final).</summary>
    public GeminiUsage? Usage { get; set; }

    public string? ModelVersion { get; set; }

    /// <summary>An error body, or an error sent as an event after the stream started.</summary>
    public GeminiError? Error { get; set; }

    public bool HasFunctionCalls
    {
        get
        {
            foreach (var part in Parts)
            {
                if (part.FunctionName is not null)
                {
                    return true;
                }
            }

            return false;
        }
    }
}

/// <summary>A text part (<see cref="Text"/>) or a function call (<see cref="FunctionName"/> and its <see cref="Arguments"/> as compact JSON).</summary>
internal readonly record struct GeminiPart(string? Text, string? FunctionName = null, string? Arguments = null);

/// <param name="Prompt"><c>promptTokenCount</c>, cached tokens included.</param>
/// <param name="Candidates"><c>candidatesTokenCount</c>: the visible answer.</param>
/// <param name="Thoughts"><c>thoughtsTokenCount</c>: thinking, billed as output.</param>
/// <param name="Cached"><c>cachedContentTokenCount</c>.</param>
internal readonly record struct GeminiUsage(int Prompt, int Candidates, int Thoughts, int Cached)
{
    /// <summary>Thinking is output Google bills, so it counts as completion tokens (Portkey leaves it out and under-bills).</summary>
    public ChatUsage ToChatUsage() => new(Prompt, Candidates + Thoughts, Cached, Thoughts);
}

/// <summary>Google's error object: <c>{"error":{"code":400,"message","status":"INVALID_ARGUMENT","details":[{"reason":"API_KEY_INVALID"}]}}</c>.</summary>
/// <param name="Code">The HTTP status Google gives (an integer).</param>
/// <param name="Status">The RPC status name, e.g. <c>RESOURCE_EXHAUSTED</c>.</param>
/// <param name="Reason">The first <c>ErrorInfo.reason</c> in <c>details</c>, e.g. <c>API_KEY_INVALID</c>.</param>
internal sealed record GeminiError(int Code, string? Status, string? Message, string? Reason);

/// <summary>One Gemini <c>Content</c>: role <c>user</c> or <c>model</c> and its parts.</summary>
internal sealed record GeminiTurn(string Role, List<GeminiRequestPart> Parts);

internal enum GeminiPartKind
{
    Text,

    /// <summary><c>inlineData{mimeType,data}</c>: <see cref="GeminiRequestPart.Value"/> is the base64.</summary>
    InlineData,

    /// <summary><c>fileData{mimeType,fileUri}</c>: <see cref="GeminiRequestPart.Value"/> is the https URL.</summary>
    FileData,

    /// <summary><c>functionCall{name,args}</c>: <see cref="GeminiRequestPart.Value"/> is the name, <see cref="GeminiRequestPart.Json"/> the arguments object.</summary>
    FunctionCall,

    /// <summary><c>functionResponse{name,response}</c>: <see cref="GeminiRequestPart.Json"/> the response object.</summary>
    FunctionResponse,
}

/// <param name="Value">The text, base64 data, file URL or function name, by <paramref name="Kind"/>.</param>
internal readonly record struct GeminiRequestPart(GeminiPartKind Kind, string Value, string? MimeType = null, JsonElement? Json = null);
