using System.Buffers;
using System.Text.Json;
using Hub.Gateway.Errors;
using Hub.Gateway.Providers.Translation;

namespace Hub.Gateway.Providers.Anthropic;

/// <summary>The Messages API body, and whether the answer's <see cref="AnthropicToolMapper.JsonToolName"/> call is really the content.</summary>
internal sealed record AnthropicRequest(byte[] Body, bool JsonMode);

/// <summary>
/// OpenAI chat request → Anthropic Messages request (<c>shared/research/protocols.md</c> 2.4; decisions
/// in this folder's README). Top-level fields here; tools in <see cref="AnthropicToolMapper"/>, the
/// conversation in <see cref="AnthropicMessageMapper"/>. Static and side-effect free.
/// </summary>
internal static class AnthropicRequestMapper
{
    public static (AnthropicRequest? Request, HubError? Error) Map(OpenAIChatRequest request, string model, bool stream, int defaultMaxTokens)
    {
        if (Unsupported(request) is { } unsupported)
        {
            return (null, unsupported);
        }

        var buffer = new ArrayBufferWriter<byte>(1024);
        bool jsonMode;
        using (var writer = new Utf8JsonWriter(buffer, JsonWriting.Options))
        {
            writer.WriteStartObject();
            writer.WriteString("model"u8, model);
            writer.WriteNumber("max_tokens"u8, request.MaxTokens ?? defaultMaxTokens);
            WriteSystem(writer, request.Messages);
            if (AnthropicMessageMapper.WriteMessages(writer, request.Messages) is { } invalid)
            {
                return (null, invalid);
            }

            jsonMode = AnthropicToolMapper.WriteTools(writer, request);
            WriteSampling(writer, request);
            if (stream)
            {
                writer.WriteBoolean("stream"u8, true);
            }

            writer.WriteEndObject();
        }

        return (new AnthropicRequest(buffer.WrittenSpan.ToArray(), jsonMode), null);
    }

    /// <summary>What Anthropic cannot do at all: refused rather than answered differently than asked.</summary>
    private static HubError? Unsupported(OpenAIChatRequest request)
    {
        if (request.N > 1)
        {
            return HubError.InvalidRequest("This provider returns one choice per request; 'n' must be 1.", "n", "unsupported_parameter");
        }

        if (request.Logprobs || request.TopLogprobs > 0)
        {
            return HubError.InvalidRequest("This provider does not return log probabilities.", request.Logprobs ? "logprobs" : "top_logprobs", "unsupported_parameter");
        }

        return null;
    }

    /// <summary>Step: every system and developer message, in order, as one text block each.</summary>
    private static void WriteSystem(Utf8JsonWriter writer, List<ChatMessage> messages)
    {
        var open = false;
        foreach (var message in messages)
        {
            if (message.Role is not (ChatRole.System or ChatRole.Developer) || message.Text() is not { Length: > 0 } text)
            {
                continue;
            }

            if (!open)
            {
                writer.WriteStartArray("system"u8);
                open = true;
            }

            AnthropicMessageMapper.WriteTextBlock(writer, text);
        }

        if (open)
        {
            writer.WriteEndArray();
        }
    }

    /// <summary>temperature (clamped to Anthropic's 0–1), top_p, stop sequences, user. seed, penalties and logit_bias are dropped.</summary>
    private static void WriteSampling(Utf8JsonWriter writer, OpenAIChatRequest request)
    {
        if (request.Temperature is { } temperature)
        {
            writer.WriteNumber("temperature"u8, Math.Clamp(temperature, 0, 1));
        }

        if (request.TopP is { } topP)
        {
            writer.WriteNumber("top_p"u8, topP);
        }

        var open = false;
        foreach (var stop in request.Stop)
        {
            // Anthropic refuses whitespace-only stop sequences (LiteLLM drops them too).
            if (string.IsNullOrWhiteSpace(stop))
            {
                continue;
            }

            if (!open)
            {
                writer.WriteStartArray("stop_sequences"u8);
                open = true;
            }

            writer.WriteStringValue(stop);
        }

        if (open)
        {
            writer.WriteEndArray();
        }

        if (request.User is { Length: > 0 } user && !LooksPersonal(user))
        {
            writer.WriteStartObject("metadata"u8);
            writer.WriteString("user_id"u8, user);
            writer.WriteEndObject();
        }
    }

    /// <summary>
    /// An e-mail address or phone number: Anthropic refuses those as <c>metadata.user_id</c> (LiteLLM
    /// drops them too), and an opaque id is what the field is for.
    /// </summary>
    internal static bool LooksPersonal(string user)
    {
        if (user.Contains('@', StringComparison.Ordinal))
        {
            return true;
        }

        var digits = 0;
        foreach (var c in user)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c is not ('+' or '-' or ' ' or '(' or ')' or '.'))
            {
                return false;
            }
        }

        return digits is >= 7 and <= 15;
    }
}
