using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hub.Gateway.ChatCompletions;

namespace Hub.Gateway.Providers.OpenAICompatible;

/// <summary>
/// Mistral refuses tool-call ids that are not exactly 9 letters or digits ("Tool call id was call_…
/// but must be a-z, A-Z, 0-9, with a length of 9"), so a history started with OpenAI or Anthropic
/// cannot be replayed as is. Each such id in the assistant's <c>tool_calls</c> and the tool messages'
/// <c>tool_call_id</c> is replaced by 9 characters derived from it: the same id always becomes the
/// same replacement, so calls and their results stay paired, in this request and the next.
/// </summary>
internal static class MistralToolCallIds
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>The body with every non-conforming id replaced; the same bytes when there is none.</summary>
    public static ReadOnlyMemory<byte> Rewrite(ReadOnlyMemory<byte> body)
    {
        if (body.Span.IndexOf("tool_call"u8) < 0)
        {
            return body;
        }

        var edits = new List<JsonEdit>();
        var reader = new Utf8JsonReader(body.Span);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return body;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isMessages = reader.ValueTextEquals("messages"u8);
            reader.Read();
            if (isMessages && reader.TokenType == JsonTokenType.StartArray)
            {
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    ReadMessage(ref reader, edits);
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return edits.Count == 0 ? body : JsonBodyEditor.Apply(body.ToArray(), edits);
    }

    /// <summary>Whether an id is already acceptable to Mistral.</summary>
    public static bool Conforms(ReadOnlySpan<char> id)
    {
        if (id.Length != 9)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>9 base62 characters from the id's SHA-256.</summary>
    public static string Replacement(string id)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(id), hash);
        Span<char> result = stackalloc char[9];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = Alphabet[hash[i] % Alphabet.Length];
        }

        return new string(result);
    }

    private static void ReadMessage(ref Utf8JsonReader reader, List<JsonEdit> edits)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isToolCallId = reader.ValueTextEquals("tool_call_id"u8);
            var isToolCalls = reader.ValueTextEquals("tool_calls"u8);
            reader.Read();
            if (isToolCallId)
            {
                Replace(ref reader, edits);
            }
            else if (isToolCalls && reader.TokenType == JsonTokenType.StartArray)
            {
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    ReadToolCall(ref reader, edits);
                }
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private static void ReadToolCall(ref Utf8JsonReader reader, List<JsonEdit> edits)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isId = reader.ValueTextEquals("id"u8);
            reader.Read();
            if (isId)
            {
                Replace(ref reader, edits);
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private static void Replace(ref Utf8JsonReader reader, List<JsonEdit> edits)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return;
        }

        var id = reader.GetString()!;
        if (!Conforms(id))
        {
            var start = (int)reader.TokenStartIndex;
            edits.Add(JsonEdit.String(start..(start + reader.ValueSpan.Length + 2), Replacement(id)));
        }
    }
}
