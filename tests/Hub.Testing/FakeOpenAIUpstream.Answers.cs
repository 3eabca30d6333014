using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Hub.Testing;

public sealed partial class FakeOpenAIUpstream
{
    /// <summary>The completions and chunks of one answer, worded as the flavor's provider words them.</summary>
    private sealed class Answer(string model, FakeFlavor flavor)
    {
        /// <summary>OpenRouter names the provider that served; the others add nothing.</summary>
        private string ServedBy => flavor.IsOpenRouter ? ",\"provider\":\"Together\"" : "";

        private string Finish => flavor.FinishReason(model == Models.Length ? "length" : "stop");

        public static string Usage(int completionTokens) =>
            $$$"""{"prompt_tokens":19,"completion_tokens":{{{completionTokens}}},"total_tokens":{{{19 + completionTokens}}},"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}""";

        public string TextCompletion(string text) =>
            $$"""{"id":"{{CompletionId}}","object":"chat.completion","created":{{Created}},"model":"{{model}}"{{ServedBy}},"choices":[{"index":0,"message":{"role":"assistant","content":{{JsonSerializer.Serialize(text)}},"refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"{{Finish}}"}],"usage":{{Usage(7)}},"service_tier":"default","system_fingerprint":"fp_fake"}""";

        public string ToolCallCompletion() =>
            $$$"""{"id":"{{{CompletionId}}}","object":"chat.completion","created":{{{Created}}},"model":"{{{model}}}"{{{ServedBy}}},"choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_weather01","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},{"id":"call_time0002","type":"function","function":{"name":"get_time","arguments":"{\"tz\":\"CET\"}"}}],"refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"tool_calls"}],"usage":{{{Usage(30)}}},"service_tier":"default","system_fingerprint":"fp_fake"}""";

        /// <param name="usage">A usage object the chunk carries whatever was asked (Mistral's last chunk).</param>
        public string Chunk(string delta, string? finishReason, bool includeUsage, string? usage = null) =>
            $$"""{"id":"{{CompletionId}}","object":"chat.completion.chunk","created":{{Created}},"model":"{{model}}"{{ServedBy}},"service_tier":"default","system_fingerprint":"fp_fake","choices":[{"index":0,"delta":{{delta}},"logprobs":null,"finish_reason":{{(finishReason is null ? "null" : $"\"{finishReason}\"")}}}]{{(usage is not null ? ",\"usage\":" + usage : includeUsage ? ",\"usage\":null" : "")}}}""";

        /// <summary>Mistral puts the usage on a stream's last chunk, asked or not.</summary>
        private string? LastChunkUsage(int completionTokens) => flavor.UsageOnLastChunk ? Usage(completionTokens) : null;

        private string UsageChunk(int completionTokens) =>
            $$"""{"id":"{{CompletionId}}","object":"chat.completion.chunk","created":{{Created}},"model":"{{model}}"{{ServedBy}},"service_tier":"default","system_fingerprint":"fp_fake","choices":[],"usage":{{Usage(completionTokens)}}}""";

        public async Task WriteTextStreamAsync(HttpContext context, string text, bool includeUsage)
        {
            await StartAsync(context);
            await WriteEventAsync(context, Chunk("""{"role":"assistant","content":"","refusal":null}""", null, includeUsage));
            foreach (var piece in SplitWords(text))
            {
                await WriteEventAsync(context, Chunk($$"""{"content":{{JsonSerializer.Serialize(piece)}}}""", null, includeUsage));
                await CommentAsync(context);
            }

            await WriteEventAsync(context, Chunk("{}", Finish, includeUsage, LastChunkUsage(7)));
            if (includeUsage)
            {
                await WriteEventAsync(context, UsageChunk(7));
            }

            await WriteEventAsync(context, "[DONE]");
        }

        public async Task WriteToolCallStreamAsync(HttpContext context, bool includeUsage)
        {
            await StartAsync(context);
            await WriteEventAsync(context, Chunk("""{"role":"assistant","content":null}""", null, includeUsage));
            string[] deltas =
            [
                """{"tool_calls":[{"index":0,"id":"call_weather01","type":"function","function":{"name":"get_weather","arguments":""}}]}""",
                """{"tool_calls":[{"index":0,"function":{"arguments":"{\"ci"}}]}""",
                """{"tool_calls":[{"index":0,"function":{"arguments":"ty\":\"Par"}}]}""",
                """{"tool_calls":[{"index":0,"function":{"arguments":"is\"}"}}]}""",
                """{"tool_calls":[{"index":1,"id":"call_time0002","type":"function","function":{"name":"get_time","arguments":""}}]}""",
                """{"tool_calls":[{"index":1,"function":{"arguments":"{\"tz\":\"CET\"}"}}]}""",
            ];
            foreach (var delta in deltas)
            {
                await WriteEventAsync(context, Chunk(delta, null, includeUsage));
            }

            await WriteEventAsync(context, Chunk("{}", "tool_calls", includeUsage, LastChunkUsage(30)));
            if (includeUsage)
            {
                await WriteEventAsync(context, UsageChunk(30));
            }

            await WriteEventAsync(context, "[DONE]");
        }

        /// <summary>
        /// A 200 stream that fails part way: two content chunks, then an error event. OpenRouter's shape
        /// (docs: errors after generation starts) carries a numeric code and a last choice with finish_reason "error".
        /// </summary>
        public async Task WriteStreamErrorAsync(HttpContext context)
        {
            await StartAsync(context);
            await WriteEventAsync(context, Chunk("""{"role":"assistant","content":"Hel"}""", null, false));
            await WriteEventAsync(context, Chunk("""{"content":"lo"}""", null, false));
            await WriteEventAsync(context, flavor.IsOpenRouter
                ? $$"""{"id":"{{CompletionId}}","object":"chat.completion.chunk","created":{{Created}},"model":"{{model}}","provider":"Together","error":{"code":502,"message":"Provider returned error"},"choices":[{"index":0,"delta":{"content":""},"finish_reason":"error"}]}"""
                : """{"error":{"message":"The server had an error while processing your request.","type":"server_error","param":null,"code":null}}""");
        }

        private async Task StartAsync(HttpContext context)
        {
            await StartStreamAsync(context);
            await CommentAsync(context);
        }

        /// <summary>OpenRouter keeps the connection warm with comment lines while the model works.</summary>
        private async Task CommentAsync(HttpContext context)
        {
            if (flavor.IsOpenRouter)
            {
                await WriteRawAsync(context, ": OPENROUTER PROCESSING\n\n");
            }
        }
    }

    /// <summary>The text in pieces that each start at a space (the first at the start), as models stream words.</summary>
    internal static IEnumerable<string> SplitWords(string text)
    {
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == ' ')
            {
                yield return text[start..i];
                start = i;
            }
        }
    }

    /// <summary>
    /// Routing tests name their upstream models <c>&lt;anything&gt;.&lt;outcome&gt;</c> to script what each
    /// provider does: <c>.e500</c>, <c>.e503</c>, <c>.e429</c>, <c>.e400</c> answer that error; <c>.hang</c>
    /// never sends headers (a timeout); <c>.midstream</c> starts a 200 stream and fails in it; anything
    /// else answers normally.
    /// </summary>
    public static class Outcomes
    {
        public const string Error500 = ".e500";
        public const string Error503 = ".e503";
        public const string Error429 = ".e429";
        public const string Error400 = ".e400";

        /// <summary>OpenRouter: the account has no credit left.</summary>
        public const string Error402 = ".e402";

        /// <summary>OpenRouter: the input was flagged by moderation.</summary>
        public const string Error403 = ".e403";
        public const string Hang = ".hang";
        public const string MidStream = ".midstream";

        internal static async Task<bool> TryWriteAsync(HttpContext context, FakeFlavor flavor, string model)
        {
            var outcome = model.LastIndexOf('.') is var dot and >= 0 ? model[dot..] : "";
            switch (outcome)
            {
                case Error500:
                    await flavor.WriteErrorAsync(context, 500, "The server had an error while processing your request.", "server_error", null, null);
                    return true;
                case Error503:
                    await flavor.WriteErrorAsync(context, 503, "The engine is currently overloaded, please try again later.", "server_error", null, "server_is_overloaded");
                    return true;
                case Error429:
                    await flavor.WriteErrorAsync(context, 429, "Rate limit reached for requests.", "requests", null, "rate_limit_exceeded");
                    return true;
                case Error400:
                    await flavor.WriteErrorAsync(context, 400, "Invalid value for 'temperature': must be between 0 and 2.", "invalid_request_error", "temperature", "invalid_value");
                    return true;
                case MidStream:
                    await new Answer(model, flavor).WriteStreamErrorAsync(context);
                    return true;
                case Error402:
                    await flavor.WriteErrorAsync(context, 402, "Insufficient credits. Add more using https://openrouter.ai/credits", "insufficient_quota", null, null);
                    return true;
                case Error403:
                    await flavor.WriteErrorAsync(context, 403, "Input was flagged for harassment.", "invalid_request_error", null, "moderation");
                    return true;
                case Hang:
                    await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                    return true;
                default:
                    return false;
            }
        }
    }
}
