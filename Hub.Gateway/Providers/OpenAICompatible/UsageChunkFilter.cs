using System.Buffers;
using System.Text.Json;
using Hub.Gateway.ChatCompletions;
using Hub.Gateway.Streaming;

namespace Hub.Gateway.Providers.OpenAICompatible;

/// <summary>
/// Takes back from a stream what <see cref="StreamUsageRequest"/> added to the request, so the client
/// gets the bytes it would have had without <c>include_usage</c>: the <c>"usage":null</c> member OpenAI
/// adds to every chunk in that mode is removed, and the last chunk (<c>"choices":[]</c> and the usage) is
/// dropped, its counts going to <see cref="Report"/> for billing. Any other chunk passes as it came,
/// a usage object on a chunk with choices included (some providers send one unasked).
/// One per stream; not thread-safe.
/// </summary>
internal sealed class UsageChunkFilter(UsageReport report)
{
    private readonly ArrayBufferWriter<byte> mended = new(1024);

    public UsageReport Report => report;

    /// <summary>Looks at one event's JSON (a <c>\r</c> that ended its line may follow).</summary>
    /// <returns>False when the event goes; else what the client gets, <paramref name="json"/> itself when nothing changed.</returns>
    public bool Filter(ReadOnlySpan<byte> json, out ReadOnlySpan<byte> kept)
    {
        var end = json.Length > 0 && json[^1] == (byte)'\r' ? json.Length - 1 : json.Length;

        // OpenAI puts "usage":null last: when the event ends with it, it is a member of the top-level
        // object (a property name, since a quote inside a string would be escaped), so it can simply be cut.
        if (json[..end].EndsWith(""","usage":null}"""u8))
        {
            mended.ResetWrittenCount();
            mended.Write(json[..(end - ""","usage":null}""".Length)]);
            mended.Write("}"u8);
            mended.Write(json[end..]);
            kept = mended.WrittenSpan;
            return true;
        }

        kept = json;
        return json.IndexOf("\"usage\""u8) < 0 || Inspect(json, ref kept);
    }

    /// <summary>The general case: any spacing or member order.</summary>
    private bool Inspect(ReadOnlySpan<byte> json, ref ReadOnlySpan<byte> kept)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return true;
            }

            bool? noChoices = null;
            TokenUsage? usage = null;
            Range? nullUsage = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.ValueTextEquals("usage"u8) ? 1 : reader.ValueTextEquals("choices"u8) ? 2 : 0;
                var start = (int)reader.TokenStartIndex;
                reader.Read();
                if (name == 1 && reader.TokenType == JsonTokenType.Null)
                {
                    nullUsage = start..((int)reader.TokenStartIndex + 4);
                }
                else if (name == 1 && reader.TokenType == JsonTokenType.StartObject)
                {
                    usage = UsageObserver.ReadUsage(ref reader);
                }
                else if (name == 2 && reader.TokenType == JsonTokenType.StartArray)
                {
                    var open = (int)reader.TokenStartIndex;
                    reader.Skip();
                    noChoices = json[(open + 1)..(int)reader.TokenStartIndex].Trim(" \t\r\n"u8).IsEmpty;
                }
                else
                {
                    reader.Skip();
                }
            }

            if (usage is { } counts && noChoices == true)
            {
                report.Value = counts;
                return false;
            }

            if (nullUsage is { } member)
            {
                kept = JsonBodyEditor.Apply(json.ToArray(), [JsonEdit.RemoveProperty(json, member)]);
            }
        }
        catch (JsonException)
        {
            // Not JSON Hub can read: the client gets it as the upstream sent it.
        }

        return true;
    }
}
