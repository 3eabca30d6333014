using System.Text;
using System.Text.Json;
using Hub.Gateway.Providers.Translation;

namespace Hub.Gateway.Providers.Bedrock;

/// <summary>What the translated answer is stamped with: the minted id, <c>created</c>, the model, and the request's choices that shape it.</summary>
/// <param name="JsonToolAnswers">The request turned <c>response_format</c> into the synthetic tool: its input is the answer's content.</param>
/// <param name="IncludeUsage">The client asked for the usage chunk (<c>stream_options.include_usage</c>).</param>
internal sealed record BedrockAnswerContext(string Provider, string Id, long Created, string Model, bool JsonToolAnswers, bool IncludeUsage);

/// <summary>A Converse answer read: the OpenAI completion, and whether its stop reason was one the table knows.</summary>
internal readonly record struct BedrockAnswer(TranslatedCompletion Completion, string? StopReason, bool KnownStopReason);

/// <summary>
/// Converse answer → OpenAI chat completion (<c>protocols.md</c> 4.3): text blocks joined, <c>toolUse</c>
/// blocks as tool calls (the input object as the <c>arguments</c> string), reasoning dropped, the stop
/// reason mapped, usage with cache reads and writes counted as prompt tokens.
/// </summary>
internal static class BedrockResponseMapper
{
    /// <returns>The answer, or null when the body is not a Converse answer.</returns>
    public static BedrockAnswer? Map(ReadOnlySpan<byte> json, BedrockAnswerContext context)
    {
        try
        {
            return Read(json, context);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static BedrockAnswer? Read(ReadOnlySpan<byte> json, BedrockAnswerContext context)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        StringBuilder? text = null;
        var toolCalls = new List<ToolCall>();
        string? stopReason = null;
        var usage = default(BedrockUsage);
        var sawMessage = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("output"u8))
            {
                reader.Read();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isMessage = reader.ValueTextEquals("message"u8);
                    reader.Read();
                    if (isMessage)
                    {
                        sawMessage = true;
                        ReadMessage(ref reader, json, context, ref text, toolCalls);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            else if (reader.ValueTextEquals("stopReason"u8))
            {
                reader.Read();
                stopReason = reader.GetString();
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                reader.Read();
                usage = BedrockUsage.Read(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (!sawMessage)
        {
            return null;
        }

        var known = BedrockStopReasons.TryMap(stopReason, out var finishReason);
        if (finishReason == FinishReasons.ToolCalls && toolCalls.Count == 0 && context.JsonToolAnswers)
        {
            // The synthetic response_format tool was "called": to the client that is a finished answer.
            finishReason = FinishReasons.Stop;
        }

        var content = text?.ToString() ?? (toolCalls.Count > 0 ? null : "");
        return new BedrockAnswer(
            new TranslatedCompletion(context.Id, context.Created, context.Model, content, toolCalls, finishReason, usage.ToChatUsage()), stopReason, known);
    }

    /// <summary><c>{"role":"assistant","content":[{"text"}|{"toolUse"}|{"reasoningContent"}…]}</c>, the reader on its start.</summary>
    private static void ReadMessage(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, BedrockAnswerContext context, ref StringBuilder? text, List<ToolCall> toolCalls)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isContent = reader.ValueTextEquals("content"u8);
            reader.Read();
            if (!isContent)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("text"u8))
                    {
                        reader.Read();
                        (text ??= new StringBuilder()).Append(reader.GetString());
                    }
                    else if (reader.ValueTextEquals("toolUse"u8))
                    {
                        reader.Read();
                        var call = ReadToolUse(ref reader, json);
                        if (context.JsonToolAnswers && call.Name == BedrockRequestMapper.JsonToolName)
                        {
                            (text ??= new StringBuilder()).Append(call.Arguments);
                        }
                        else
                        {
                            toolCalls.Add(call);
                        }
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }
            }
        }
    }

    /// <summary><c>{"toolUseId","name","input":{…}}</c>; the input's JSON text, as sent, becomes <c>arguments</c>.</summary>
    private static ToolCall ReadToolUse(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        string id = "", name = "", arguments = "{}";
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("toolUseId"u8))
            {
                reader.Read();
                id = reader.GetString() ?? "";
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                name = reader.GetString() ?? "";
            }
            else if (reader.ValueTextEquals("input"u8))
            {
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                arguments = Encoding.UTF8.GetString(json[start..(int)reader.BytesConsumed]);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new ToolCall(id, name, arguments);
    }
}
