using System.Buffers;
using System.Text.Json;

namespace Hub.Gateway.Streaming;

/// <summary>Token counts an upstream reported in its <c>usage</c> object.</summary>
internal readonly record struct TokenUsage(int PromptTokens, int CompletionTokens);

/// <summary>
/// Watches the bytes the relay passes through and picks out <c>usage</c>: from the JSON body, or from
/// the SSE event that carries it (the last one, when the client asked for
/// <c>stream_options.include_usage</c>). It reads; it never changes what the client receives.
/// </summary>
internal sealed class UsageObserver(bool stream)
{
    /// <summary>Bodies larger than this are not parsed for usage (an answer that large is rare and its usage then unknown).</summary>
    private const int MaxBufferedBytes = 1024 * 1024;

    private readonly ArrayBufferWriter<byte> pending = new(stream ? 1024 : 4096);
    private bool overflowed;

    public TokenUsage? Usage { get; private set; }

    public void Observe(ReadOnlySpan<byte> chunk)
    {
        if (!stream)
        {
            Buffer(chunk);
            return;
        }

        // SSE: keep only the current unfinished line; look at each line as it completes.
        while (chunk.IndexOf((byte)'\n') is var newline and >= 0)
        {
            Buffer(chunk[..newline]);
            InspectEvent(pending.WrittenSpan);
            pending.ResetWrittenCount();
            overflowed = false;
            chunk = chunk[(newline + 1)..];
        }

        Buffer(chunk);
    }

    /// <summary>The body has ended: a JSON answer is parsed now.</summary>
    public void Complete()
    {
        if (!stream && !overflowed)
        {
            Usage = Parse(pending.WrittenSpan);
        }
    }

    private void Buffer(ReadOnlySpan<byte> bytes)
    {
        if (overflowed || pending.WrittenCount + bytes.Length > MaxBufferedBytes)
        {
            overflowed = true;
            return;
        }

        pending.Write(bytes);
    }

    private void InspectEvent(ReadOnlySpan<byte> line)
    {
        if (!overflowed && line.StartsWith("data: {"u8) && line.IndexOf("\"usage\":{"u8) >= 0)
        {
            Usage = Parse(line["data: ".Length..]) ?? Usage;
        }
    }

    /// <summary>The top-level <c>usage</c> object of a chat completion (or chunk), if it has one.</summary>
    private static TokenUsage? Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isUsage = reader.ValueTextEquals("usage"u8);
                reader.Read();
                if (isUsage && reader.TokenType == JsonTokenType.StartObject)
                {
                    return ReadUsage(ref reader);
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not our JSON to judge: the client gets it as it is, the audit gets no token counts.
        }

        return null;
    }

    /// <summary>Reads a <c>usage</c> object (the reader on its start), leaving the reader on its end.</summary>
    internal static TokenUsage ReadUsage(ref Utf8JsonReader reader)
    {
        int prompt = 0, completion = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.ValueTextEquals("prompt_tokens"u8) ? 1 : reader.ValueTextEquals("completion_tokens"u8) ? 2 : 0;
            reader.Read();
            if (field != 0 && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value))
            {
                (prompt, completion) = field == 1 ? (value, completion) : (prompt, value);
            }
            else
            {
                reader.Skip();
            }
        }

        return new TokenUsage(prompt, completion);
    }
}
