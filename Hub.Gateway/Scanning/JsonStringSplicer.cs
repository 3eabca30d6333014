using System.Text.Json;

namespace Hub.Gateway.Scanning;

/// <summary>Replaces JSON string tokens of a document by new strings, copying every other byte unchanged.</summary>
internal static class JsonStringSplicer
{
    /// <param name="edits">Non-overlapping string tokens (quotes included) and their new values, in any order.</param>
    public static byte[] Replace(byte[] document, List<(Range Token, string Value)> edits)
    {
        edits.Sort((a, b) => a.Token.Start.Value.CompareTo(b.Token.Start.Value));
        var encoded = new byte[edits.Count][];
        var length = document.Length;
        for (var i = 0; i < edits.Count; i++)
        {
            encoded[i] = Encode(edits[i].Value);
            length += encoded[i].Length - edits[i].Token.GetOffsetAndLength(document.Length).Length;
        }

        var result = new byte[length];
        int read = 0, written = 0;
        for (var i = 0; i < edits.Count; i++)
        {
            var (start, tokenLength) = edits[i].Token.GetOffsetAndLength(document.Length);
            document.AsSpan(read, start - read).CopyTo(result.AsSpan(written));
            written += start - read;
            encoded[i].CopyTo(result.AsSpan(written));
            written += encoded[i].Length;
            read = start + tokenLength;
        }

        document.AsSpan(read).CopyTo(result.AsSpan(written));
        return result;
    }

    /// <summary>A JSON string token in the gateway's escaping (<c>\"</c>, not <c>\u0022</c>; non-ASCII as is), like OpenAI's own.</summary>
    private static byte[] Encode(string value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(value.Length + 16);
        using (var writer = new Utf8JsonWriter(buffer, JsonWriting.Options))
        {
            writer.WriteStringValue(value);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
