using System.Text.Json;
using Hub.Gateway.ChatCompletions;

namespace Hub.Gateway.Providers.OpenAICompatible;

/// <summary>
/// Billing needs the token counts of every streamed answer, and an OpenAI-compatible upstream sends them
/// only when asked (<c>stream_options.include_usage</c>). When the client did not ask, the flag is set
/// in the body and every other byte stays as sent: added as the body's last member, merged into an
/// existing <c>stream_options</c> object as its first, or a <c>false</c>/<c>null</c> turned to <c>true</c>.
/// <see cref="UsageChunkFilter"/> then takes from the answer what the flag added.
/// A <c>stream_options</c> Hub cannot read for sure (not an object, a duplicate key, an
/// <c>include_usage</c> that is not a boolean) is left for the upstream to judge, and the usage stays unasked.
/// </summary>
internal static class StreamUsageRequest
{
    private static readonly byte[] Member = ""","stream_options":{"include_usage":true}"""u8.ToArray();
    private static readonly byte[] Options = """{"include_usage":true}"""u8.ToArray();
    private static readonly byte[] Flag = "\"include_usage\":true"u8.ToArray();
    private static readonly byte[] FlagThenComma = "\"include_usage\":true,"u8.ToArray();
    private static readonly byte[] True = "true"u8.ToArray();

    /// <summary>The body to send, and whether Hub asked for the usage the client did not (so the answer must be filtered).</summary>
    /// <param name="body">A chat completion body with <c>"stream": true</c>.</param>
    public static (ReadOnlyMemory<byte> Body, bool Added) Apply(ReadOnlyMemory<byte> body)
    {
        try
        {
            return Edit(body.Span) is { } edit ? (JsonBodyEditor.Apply(body.ToArray(), [edit]), true) : (body, false);
        }
        catch (JsonException)
        {
            // The gateway validated this body; anything unreadable is the upstream's to judge, as sent.
            return (body, false);
        }
    }

    private static JsonEdit? Edit(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 128 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        JsonEdit? edit = null;
        var found = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isOptions = reader.ValueTextEquals("stream_options"u8);
            reader.Read();
            if (!isOptions)
            {
                reader.Skip();
                continue;
            }

            if (found)
            {
                return null;
            }

            found = true;
            edit = EditOptions(ref reader, out var unreadable);
            if (unreadable)
            {
                return null;
            }
        }

        if (found)
        {
            return edit;
        }

        // No stream_options: the last member, before the closing brace ("messages" is required, so the object is not empty).
        var end = (int)reader.TokenStartIndex;
        return new JsonEdit(end..end, Member);
    }

    /// <summary>The reader is on the <c>stream_options</c> value; null when it already asks for usage.</summary>
    private static JsonEdit? EditOptions(ref Utf8JsonReader reader, out bool unreadable)
    {
        unreadable = false;
        var start = (int)reader.TokenStartIndex;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return new JsonEdit(start..(start + 4), Options);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            unreadable = true;
            reader.Skip();
            return null;
        }

        var members = 0;
        Range? flag = null;
        var asked = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            members++;
            var isFlag = reader.ValueTextEquals("include_usage"u8);
            reader.Read();
            if (isFlag)
            {
                var valueStart = (int)reader.TokenStartIndex;
                switch (reader.TokenType)
                {
                    case JsonTokenType.True when flag is null:
                        asked = true;
                        flag = valueStart..(valueStart + 4);
                        break;
                    case JsonTokenType.False when flag is null:
                        flag = valueStart..(valueStart + 5);
                        break;
                    case JsonTokenType.Null when flag is null:
                        flag = valueStart..(valueStart + 4);
                        break;
                    default:
                        unreadable = true;
                        break;
                }
            }

            reader.Skip();
        }

        return asked || unreadable ? null
            : flag is { } value ? new JsonEdit(value, True)
            : new JsonEdit((start + 1)..(start + 1), members == 0 ? Flag : FlagThenComma);
    }
}
