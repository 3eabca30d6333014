using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Hub.Gateway.Providers.Gemini;

/// <summary>
/// Reads a <c>GenerateContentResponse</c> (or a Google error body) from UTF-8 bytes with
/// <see cref="Utf8JsonReader"/>, skipping what Hub does not translate. The same reader serves whole
/// answers (pretty-printed by Google) and stream events (one compact object each).
/// </summary>
internal static class GeminiResponseReader
{
    private const int End = -1;
    private const int Unknown = -2;

    private static readonly JsonEncodedText[] RootFields = Names("candidates", "promptFeedback", "usageMetadata", "modelVersion", "error");
    private static readonly JsonEncodedText[] CandidateFields = Names("content", "finishReason");
    private static readonly JsonEncodedText[] ContentFields = Names("parts");
    private static readonly JsonEncodedText[] PartFields = Names("text", "thought", "functionCall");
    private static readonly JsonEncodedText[] CallFields = Names("name", "args");
    private static readonly JsonEncodedText[] FeedbackFields = Names("blockReason");
    private static readonly JsonEncodedText[] UsageFields = Names("promptTokenCount", "candidatesTokenCount", "thoughtsTokenCount", "cachedContentTokenCount");
    private static readonly JsonEncodedText[] ErrorFields = Names("code", "status", "message", "details");
    private static readonly JsonEncodedText[] DetailFields = Names("reason");

    /// <summary>The response, or null when the bytes are not JSON Hub can read (a proxy's page, a cut-off body).</summary>
    public static GeminiResponse? TryRead(ReadOnlySpan<byte> json)
    {
        try
        {
            return Read(json);
        }
        catch (JsonException)
        {
            // The caller reports an unreadable answer by its own rules (error event, 502, status-only mapping).
            return null;
        }
    }

    /// <exception cref="JsonException">The bytes are not a JSON object.</exception>
    public static GeminiResponse Read(ReadOnlySpan<byte> json)
    {
        var response = new GeminiResponse();
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A Gemini response is a JSON object.");
        }

        int field;
        while ((field = NextProperty(ref reader, RootFields)) != End)
        {
            switch (field)
            {
                case 0 when reader.TokenType == JsonTokenType.StartArray: ReadCandidates(ref reader, response); break;
                case 1 when EnterObject(ref reader): response.BlockReason = ReadBlockReason(ref reader); break;
                case 2 when EnterObject(ref reader): response.Usage = ReadUsage(ref reader); break;
                case 3: response.ModelVersion = StringOrSkip(ref reader); break;
                case 4 when EnterObject(ref reader): response.Error = ReadError(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return response;
    }

    /// <summary>Only the first candidate: Hub asks for one (n &gt; 1 is refused).</summary>
    private static void ReadCandidates(ref Utf8JsonReader reader, GeminiResponse response)
    {
        var first = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!first || !EnterObject(ref reader))
            {
                reader.Skip();
                continue;
            }

            first = false;
            int field;
            while ((field = NextProperty(ref reader, CandidateFields)) != End)
            {
                switch (field)
                {
                    case 0 when EnterObject(ref reader): ReadContent(ref reader, response.Parts); break;
                    case 1: response.FinishReason = StringOrSkip(ref reader); break;
                    default: reader.Skip(); break;
                }
            }
        }
    }

    private static void ReadContent(ref Utf8JsonReader reader, List<GeminiPart> parts)
    {
        int field;
        while ((field = NextProperty(ref reader, ContentFields)) != End)
        {
            if (field != 0 || reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (EnterObject(ref reader) && ReadPart(ref reader) is { } part)
                {
                    parts.Add(part);
                }
            }
        }
    }

    /// <summary>A text or function-call part; null for thought parts and kinds Hub does not translate (inline data, code execution).</summary>
    private static GeminiPart? ReadPart(ref Utf8JsonReader reader)
    {
        string? text = null, name = null, arguments = null;
        var thought = false;
        int field;
        while ((field = NextProperty(ref reader, PartFields)) != End)
        {
            switch (field)
            {
                case 0: text = StringOrSkip(ref reader); break;
                case 1: thought = reader.TokenType == JsonTokenType.True; break;
                case 2 when EnterObject(ref reader): (name, arguments) = ReadFunctionCall(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return name is not null ? new GeminiPart(null, name, arguments ?? "{}")
            : text is not null && !thought ? new GeminiPart(text)
            : null;
    }

    private static (string? Name, string? Arguments) ReadFunctionCall(ref Utf8JsonReader reader)
    {
        string? name = null, arguments = null;
        int field;
        while ((field = NextProperty(ref reader, CallFields)) != End)
        {
            switch (field)
            {
                case 0: name = StringOrSkip(ref reader); break;
                case 1 when reader.TokenType == JsonTokenType.StartObject: arguments = Compact(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return (name, arguments);
    }

    /// <summary>The arguments object as compact JSON text: OpenAI sends <c>arguments</c> as a string, and Google pretty-prints its answers.</summary>
    private static string Compact(ref Utf8JsonReader reader)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, JsonWriting.Options))
        {
            document.RootElement.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string? ReadBlockReason(ref Utf8JsonReader reader)
    {
        string? blockReason = null;
        int field;
        while ((field = NextProperty(ref reader, FeedbackFields)) != End)
        {
            if (field == 0)
            {
                blockReason = StringOrSkip(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return blockReason;
    }

    private static GeminiUsage ReadUsage(ref Utf8JsonReader reader)
    {
        Span<int> counts = stackalloc int[4];
        int field;
        while ((field = NextProperty(ref reader, UsageFields)) != End)
        {
            if (field >= 0 && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value))
            {
                counts[field] = value;
            }
            else
            {
                reader.Skip();
            }
        }

        return new GeminiUsage(counts[0], counts[1], counts[2], counts[3]);
    }

    private static GeminiError ReadError(ref Utf8JsonReader reader)
    {
        var code = 0;
        string? status = null, message = null, reason = null;
        int field;
        while ((field = NextProperty(ref reader, ErrorFields)) != End)
        {
            switch (field)
            {
                case 0 when reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value): code = value; break;
                case 1: status = StringOrSkip(ref reader); break;
                case 2: message = StringOrSkip(ref reader); break;
                case 3 when reader.TokenType == JsonTokenType.StartArray: reason = ReadReason(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return new GeminiError(code, status, message, reason);
    }

    /// <summary>The first <c>reason</c> among the <c>details</c> (Google puts it in an <c>ErrorInfo</c>).</summary>
    private static string? ReadReason(ref Utf8JsonReader reader)
    {
        string? reason = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!EnterObject(ref reader))
            {
                continue;
            }

            int field;
            while ((field = NextProperty(ref reader, DetailFields)) != End)
            {
                if (field == 0 && reason is null)
                {
                    reason = StringOrSkip(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        return reason;
    }

    /// <summary>Moves to the next property's value: its index in <paramref name="names"/>, <see cref="Unknown"/>, or <see cref="End"/> after the object.</summary>
    private static int NextProperty(ref Utf8JsonReader reader, JsonEncodedText[] names)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName)
        {
            return End;
        }

        var field = Unknown;
        for (var i = 0; i < names.Length; i++)
        {
            if (reader.ValueTextEquals(names[i].EncodedUtf8Bytes))
            {
                field = i;
                break;
            }
        }

        reader.Read();
        return field;
    }

    /// <summary>True at the start of an object; otherwise skips the value.</summary>
    private static bool EnterObject(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            return true;
        }

        reader.Skip();
        return false;
    }

    private static string? StringOrSkip(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }

    private static JsonEncodedText[] Names(params string[] names) => Array.ConvertAll(names, name => JsonEncodedText.Encode(name));
}
