using System.Text.Json;

namespace Hub.Gateway.Scanning;

/// <summary>
/// Finds every text of a chat completion body that reaches the model: message content (a string or
/// <c>text</c> parts), message <c>name</c> and <c>refusal</c>, tool-call and function-call arguments,
/// and the descriptions in tool and function definitions (their parameter schemas included).
/// Function names are left alone: they must stay identifiers, and the provider treats them as code.
/// Images (<c>image_url</c> parts) are collected beside the texts: the scanner reads them too.
/// </summary>
/// <remarks>
/// Called by the body parser while it walks the document once; the reader is always left on the value's last token.
/// On the way it counts what the prompt's token estimate needs besides the texts (<see cref="PromptShape"/>).
/// </remarks>
internal sealed class ChatTextCollector
{
    private readonly List<ScannableText> texts = [];
    private List<ScannableImage>? imageUrls;
    private readonly List<Range> toolDefinitions = [];
    private int names;
    private int toolCalls;
    private int images;

    public IReadOnlyList<ScannableText> Texts => texts;

    /// <summary>Every <c>image_url</c> URL in <c>messages</c>, in body order.</summary>
    public IReadOnlyList<ScannableImage> Images => imageUrls ?? [];

    /// <summary>What was counted on the way, for a body of <paramref name="messages"/> messages.</summary>
    public PromptShape Shape(int messages) => new(messages, names, toolCalls, images, toolDefinitions);

    /// <summary>Reads the <c>messages</c> array (the reader is on its start) and returns how many messages it holds.</summary>
    public int ReadMessages(ref Utf8JsonReader reader)
    {
        var count = 0;
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                ReadMessage(ref reader, count);
            }
            else
            {
                reader.Skip();
            }

            count++;
        }

        return count;
    }

    /// <summary>Reads <c>tools</c> (<c>[{"type":"function","function":{…}}]</c>) or the legacy <c>functions</c> array.</summary>
    public void ReadToolDefinitions(ref Utf8JsonReader reader)
    {
        var start = (int)reader.TokenStartIndex;
        var isArray = reader.TokenType == JsonTokenType.StartArray;
        ReadObjectItems(ref reader, index: null, ReadFunctionDefinition);
        if (isArray)
        {
            toolDefinitions.Add(start..(int)reader.BytesConsumed);
        }
    }

    private void ReadMessage(ref Utf8JsonReader reader, int index)
    {
        var first = texts.Count;
        var fromApplication = false;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("role"u8))
            {
                Next(ref reader);
                fromApplication = reader.TokenType == JsonTokenType.String && (reader.ValueTextEquals("system"u8) || reader.ValueTextEquals("developer"u8));
                reader.Skip(); // a role that is not a string (an object, an array) is stepped over whole
            }
            else if (reader.ValueTextEquals("content"u8))
            {
                ReadContent(ref reader, index);
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                names++;
                ReadString(ref reader, index);
            }
            else if (reader.ValueTextEquals("refusal"u8))
            {
                ReadString(ref reader, index);
            }
            else if (reader.ValueTextEquals("tool_calls"u8))
            {
                // [{"id","type","function":{"name","arguments"}}]
                Next(ref reader);
                ReadObjectItems(ref reader, index, ReadToolCall);
            }
            else if (reader.ValueTextEquals("function_call"u8))
            {
                toolCalls++;
                Next(ref reader);
                ReadArguments(ref reader, index);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        // The role may come after the content: mark this message's texts once it is known.
        for (var i = first; fromApplication && i < texts.Count; i++)
        {
            texts[i] = texts[i] with { Trusted = true };
        }
    }

    /// <summary><c>"content": "…"</c> or <c>"content": [{"type":"text","text":"…"}, {"type":"image_url",…}]</c>.</summary>
    private void ReadContent(ref Utf8JsonReader reader, int? index)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.String)
        {
            Add(ref reader, index);
        }
        else
        {
            ReadObjectItems(ref reader, index, ReadContentPart);
        }
    }

    private void ReadContentPart(ref Utf8JsonReader reader, int? index)
    {
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("text"u8) || reader.ValueTextEquals("refusal"u8))
            {
                ReadString(ref reader, index);
            }
            else if (reader.ValueTextEquals("image_url"u8))
            {
                // {"type":"image_url","image_url":{"url":…}}: read by the scanner, and billed by the model (a fixed allowance in the estimate).
                images++;
                ReadImage(ref reader, index);
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    /// <summary>
    /// <c>{"url":"…","detail":…}</c>, or a bare URL string (which OpenAI refuses, but a lenient provider might not).
    /// Every <c>url</c> is taken, a repeated one too: a reader downstream that keeps the last must not get an unscanned one.
    /// </summary>
    private void ReadImage(ref Utf8JsonReader reader, int? index)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.String)
        {
            AddImage(ref reader, index);
            return;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("url"u8))
            {
                Next(ref reader);
                if (reader.TokenType == JsonTokenType.String)
                {
                    AddImage(ref reader, index);
                }
                else
                {
                    reader.Skip();
                }
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    private void AddImage(ref Utf8JsonReader reader, int? index)
    {
        var start = (int)reader.TokenStartIndex;
        (imageUrls ??= []).Add(new ScannableImage(start..(start + reader.ValueSpan.Length + 2), reader.GetString()!, index));
    }

    private void ReadToolCall(ref Utf8JsonReader reader, int? index)
    {
        toolCalls++;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("function"u8))
            {
                Next(ref reader);
                ReadArguments(ref reader, index);
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    /// <summary>A <c>{"name","arguments"}</c> object: the arguments string is model-visible text.</summary>
    private void ReadArguments(ref Utf8JsonReader reader, int? index)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("arguments"u8))
            {
                ReadString(ref reader, index);
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    /// <summary>A tool (<c>{"type","function":{…}}</c>) or a legacy function (<c>{"name","description","parameters"}</c>).</summary>
    private void ReadFunctionDefinition(ref Utf8JsonReader reader, int? index)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("function"u8))
            {
                Next(ref reader);
                ReadFunctionDefinition(ref reader, index);
            }
            else if (reader.ValueTextEquals("description"u8))
            {
                ReadString(ref reader, index);
            }
            else if (reader.ValueTextEquals("parameters"u8))
            {
                Next(ref reader);
                ReadSchemaDescriptions(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }
    }

    /// <summary>Every <c>description</c> string anywhere in a JSON schema: the model reads them as instructions.</summary>
    private void ReadSchemaDescriptions(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return;
        }

        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("description"u8))
            {
                // A property that is itself called "description" holds a schema: the loop walks into it.
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    Add(ref reader, index: null);
                }
            }
        }
    }

    /// <summary>Calls <paramref name="readObject"/> for each object in the array the reader is on; anything else is skipped.</summary>
    private static void ReadObjectItems(ref Utf8JsonReader reader, int? index, ObjectReader readObject)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                readObject(ref reader, index);
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private void ReadString(ref Utf8JsonReader reader, int? index)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.String)
        {
            Add(ref reader, index);
        }
        else
        {
            reader.Skip();
        }
    }

    private void Add(ref Utf8JsonReader reader, int? index)
    {
        var start = (int)reader.TokenStartIndex;
        var value = reader.GetString()!;
        if (value.Length > 0)
        {
            // Tool and function definitions (no message index) are the application's own words.
            texts.Add(new ScannableText(start..(start + reader.ValueSpan.Length + 2), value, index, Trusted: index is null));
        }
    }

    private static void SkipValue(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        reader.Skip();
    }

    /// <summary>Reads the properties of the object the reader is on, leaving it on the object's end.</summary>
    private delegate void ObjectReader(ref Utf8JsonReader reader, int? index);

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new JsonException("Unexpected end of the JSON body.");
}
