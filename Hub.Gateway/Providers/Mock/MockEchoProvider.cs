using System.Buffers;
using System.Text;
using System.Text.Json;
using Hub.Core.Randomness;
using Hub.Gateway.Errors;

namespace Hub.Gateway.Providers.Mock;

/// <summary>
/// The built-in <c>mock/echo</c> model for offline use and demos: answers with the last user message
/// exactly as the gateway forwarded it (so redaction is visible), in OpenAI's wire format, streaming
/// or not, with a plausible <c>usage</c>. Off unless <c>Providers:mock:Enabled</c> is true.
/// </summary>
internal sealed class MockEchoProvider(TimeProvider time, IRandomSource random) : IChatProvider
{
    public const string ModelId = "echo";
    private const string ResponseModel = "mock/echo";

    public string Name => ProvidersOptions.MockName;

    public IReadOnlyList<string> Models { get; } = [ModelId];

    public Task<ProviderOutcome> SendAsync(ProviderRequest request, CancellationToken cancellationToken)
    {
        MockPrompt prompt;
        try
        {
            prompt = MockPrompt.Parse(request.Body.Span);
        }
        catch (JsonException)
        {
            return Task.FromResult(ProviderOutcome.Failure(HubError.InvalidRequest("The mock provider could not read the messages."), mayFallback: false));
        }

        var completion = new MockCompletion(
            Base62.Random(random, "chatcmpl-", 29),
            time.GetUtcNow().ToUnixTimeSeconds(),
            prompt.LastUserText,
            prompt.PromptTokens,
            TokenEstimate.Of(prompt.LastUserText));

        var buffer = new ArrayBufferWriter<byte>(512);
        string contentType;
        if (request.Stream)
        {
            completion.WriteStream(buffer, prompt.IncludeUsage);
            contentType = "text/event-stream; charset=utf-8";
        }
        else
        {
            completion.WriteJson(buffer);
            contentType = "application/json";
        }

        var body = buffer.WrittenSpan.ToArray();
        return Task.FromResult(ProviderOutcome.Success(new ProviderResponse(StatusCodes.Status200OK, contentType, body.Length, new MemoryStream(body))));
    }

    /// <summary>What the mock reads from a request: the last user text, the token estimate of all messages, include_usage.</summary>
    private sealed record MockPrompt(string LastUserText, int PromptTokens, bool IncludeUsage)
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

    private static class TokenEstimate
    {
        /// <summary>About four UTF-8 bytes per token, OpenAI's rule of thumb for English.</summary>
        public static int Of(string text) => text.Length == 0 ? 0 : Math.Max(1, (Encoding.UTF8.GetByteCount(text) + 3) / 4);
    }

    private sealed record MockCompletion(string Id, long Created, string Content, int PromptTokens, int CompletionTokens)
    {
        public void WriteJson(IBufferWriter<byte> output)
        {
            using var writer = new Utf8JsonWriter(output, JsonWriting.Options);
            writer.WriteStartObject();
            WriteHeader(writer, "chat.completion");
            writer.WriteStartArray("choices");
            writer.WriteStartObject();
            writer.WriteNumber("index", 0);
            writer.WriteStartObject("message");
            writer.WriteString("role", "assistant");
            writer.WriteString("content", Content);
            writer.WriteNull("refusal");
            writer.WriteStartArray("annotations");
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteNull("logprobs");
            writer.WriteString("finish_reason", "stop");
            writer.WriteEndObject();
            writer.WriteEndArray();
            WriteUsage(writer);
            writer.WriteString("service_tier", "default");
            writer.WriteString("system_fingerprint", "fp_hub_mock");
            writer.WriteEndObject();
        }

        /// <summary>Role chunk, one chunk per word, the finish chunk, the usage chunk if asked for, then [DONE].</summary>
        public void WriteStream(IBufferWriter<byte> output, bool includeUsage)
        {
            WriteChunk(output, includeUsage, role: "assistant", content: "", finishReason: null);
            var start = 0;
            for (var i = 1; i <= Content.Length; i++)
            {
                if (i == Content.Length || (char.IsWhiteSpace(Content[i - 1]) && !char.IsWhiteSpace(Content[i])))
                {
                    WriteChunk(output, includeUsage, role: null, content: Content[start..i], finishReason: null);
                    start = i;
                }
            }

            WriteChunk(output, includeUsage, role: null, content: null, finishReason: "stop");
            if (includeUsage)
            {
                WriteEvent(output, writer =>
                {
                    WriteHeader(writer, "chat.completion.chunk");
                    writer.WriteStartArray("choices");
                    writer.WriteEndArray();
                    WriteUsage(writer);
                });
            }

            output.Write("data: [DONE]\n\n"u8);
        }

        private void WriteChunk(IBufferWriter<byte> output, bool includeUsage, string? role, string? content, string? finishReason) =>
            WriteEvent(output, writer =>
            {
                WriteHeader(writer, "chat.completion.chunk");
                writer.WriteString("system_fingerprint", "fp_hub_mock");
                writer.WriteStartArray("choices");
                writer.WriteStartObject();
                writer.WriteNumber("index", 0);
                writer.WriteStartObject("delta");
                if (role is not null)
                {
                    writer.WriteString("role", role);
                }

                if (content is not null)
                {
                    writer.WriteString("content", content);
                }

                writer.WriteEndObject();
                writer.WriteNull("logprobs");
                if (finishReason is null)
                {
                    writer.WriteNull("finish_reason");
                }
                else
                {
                    writer.WriteString("finish_reason", finishReason);
                }

                writer.WriteEndObject();
                writer.WriteEndArray();

                // With include_usage every chunk but the last carries "usage": null, as OpenAI sends it.
                if (includeUsage)
                {
                    writer.WriteNull("usage");
                }
            });

        private static void WriteEvent(IBufferWriter<byte> output, Action<Utf8JsonWriter> write)
        {
            output.Write("data: "u8);
            using (var writer = new Utf8JsonWriter(output, JsonWriting.Options))
            {
                writer.WriteStartObject();
                write(writer);
                writer.WriteEndObject();
            }

            output.Write("\n\n"u8);
        }

        private void WriteHeader(Utf8JsonWriter writer, string objectType)
        {
            writer.WriteString("id", Id);
            writer.WriteString("object", objectType);
            writer.WriteNumber("created", Created);
            writer.WriteString("model", ResponseModel);
        }

        private void WriteUsage(Utf8JsonWriter writer)
        {
            writer.WriteStartObject("usage");
            writer.WriteNumber("prompt_tokens", PromptTokens);
            writer.WriteNumber("completion_tokens", CompletionTokens);
            writer.WriteNumber("total_tokens", PromptTokens + CompletionTokens);
            writer.WriteStartObject("prompt_tokens_details");
            writer.WriteNumber("cached_tokens", 0);
            writer.WriteNumber("audio_tokens", 0);
            writer.WriteEndObject();
            writer.WriteStartObject("completion_tokens_details");
            writer.WriteNumber("reasoning_tokens", 0);
            writer.WriteNumber("audio_tokens", 0);
            writer.WriteNumber("accepted_prediction_tokens", 0);
            writer.WriteNumber("rejected_prediction_tokens", 0);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
    }
}
