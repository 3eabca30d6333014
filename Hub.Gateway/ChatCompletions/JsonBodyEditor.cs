using System.Text.Json;

namespace Hub.Gateway.ChatCompletions;

/// <summary>One change to a JSON document: the bytes of <see cref="Range"/> become <see cref="Bytes"/>.</summary>
internal readonly record struct JsonEdit(Range Range, byte[] Bytes)
{
    /// <summary>A string token (quotes included) replaced by <paramref name="value"/>, escaped as the gateway writes JSON.</summary>
    public static JsonEdit String(Range token, string value) => new(token, Encode(value));

    /// <summary>
    /// Removes a property (<paramref name="property"/> spans its name through its value) with one
    /// comma next to it, so the object stays valid JSON whether the property came first, last or alone.
    /// </summary>
    public static JsonEdit RemoveProperty(ReadOnlySpan<byte> document, Range property)
    {
        var (start, length) = property.GetOffsetAndLength(document.Length);
        var end = start + length;
        var after = end + CountWhitespace(document[end..]);
        if (after < document.Length && document[after] == (byte)',')
        {
            return new JsonEdit(start..(after + 1), []);
        }

        var before = start - 1;
        while (before >= 0 && IsWhitespace(document[before]))
        {
            before--;
        }

        return new JsonEdit((before >= 0 && document[before] == (byte)',' ? before : start)..end, []);
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

    private static int CountWhitespace(ReadOnlySpan<byte> bytes)
    {
        var count = 0;
        while (count < bytes.Length && IsWhitespace(bytes[count]))
        {
            count++;
        }

        return count;
    }

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
}

/// <summary>Applies <see cref="JsonEdit"/>s to a document, copying every other byte unchanged.</summary>
internal static class JsonBodyEditor
{
    /// <param name="edits">Non-overlapping edits, in any order.</param>
    public static byte[] Apply(byte[] document, List<JsonEdit> edits)
    {
        edits.Sort((a, b) => a.Range.Start.GetOffset(document.Length).CompareTo(b.Range.Start.GetOffset(document.Length)));
        var length = document.Length;
        foreach (var edit in edits)
        {
            length += edit.Bytes.Length - edit.Range.GetOffsetAndLength(document.Length).Length;
        }

        var result = new byte[length];
        int read = 0, written = 0;
        foreach (var edit in edits)
        {
            var (start, editLength) = edit.Range.GetOffsetAndLength(document.Length);
            document.AsSpan(read, start - read).CopyTo(result.AsSpan(written));
            written += start - read;
            edit.Bytes.CopyTo(result.AsSpan(written));
            written += edit.Bytes.Length;
            read = start + editLength;
        }

        document.AsSpan(read).CopyTo(result.AsSpan(written));
        return result;
    }
}
