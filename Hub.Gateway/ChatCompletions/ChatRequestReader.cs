using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Unicode;
using Hub.Gateway.Errors;
using Hub.Gateway.Routing;
using Hub.Gateway.Scanning;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Hub.Gateway.ChatCompletions;

/// <summary>
/// Reads and checks a chat completion body: size limit, no content encoding, valid UTF-8, one JSON
/// object with a string <c>model</c> and a non-empty <c>messages</c> array. The fields the gateway
/// acts on may appear only once: a duplicate could be read one way here and another way upstream.
/// The same single pass collects every text the model will read, for the scanner.
/// </summary>
internal sealed class ChatRequestReader(IOptions<ChatCompletionsOptions> options)
{
    private readonly long maxBodyBytes = options.Value.MaxRequestBodyBytes;

    public async ValueTask<(ChatRequest? Request, HubError? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.Headers.ContentEncoding is { Count: > 0 } encoding && !string.Equals(encoding.ToString(), "identity", StringComparison.OrdinalIgnoreCase))
        {
            return (null, HubError.UnsupportedMediaType($"Content-Encoding '{encoding}' is not supported; send the JSON body uncompressed."));
        }

        if (request.ContentType is { } contentType && !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, HubError.UnsupportedMediaType("The request body must be JSON (Content-Type: application/json)."));
        }

        if (request.ContentLength > maxBodyBytes)
        {
            return (null, HubError.BodyTooLarge(maxBodyBytes));
        }

        // The gateway enforces its own limit (and answers in OpenAI's format) instead of Kestrel's.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = null;
        }

        var body = await ReadBodyAsync(request.BodyReader, cancellationToken);
        return body is null ? (null, HubError.BodyTooLarge(maxBodyBytes)) : Parse(body);
    }

    internal static (ChatRequest? Request, HubError? Error) Parse(byte[] body)
    {
        if (!Utf8.IsValid(body))
        {
            return (null, HubError.InvalidRequest("The request body is not valid UTF-8."));
        }

        try
        {
            return ParseJson(body);
        }
        catch (JsonException)
        {
            return (null, HubError.InvalidRequest(
                "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)"));
        }
    }

    private static (ChatRequest? Request, HubError? Error) ParseJson(byte[] body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 128 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return (null, HubError.InvalidRequest("The request body must be a JSON object."));
        }

        string? model = null;
        var modelToken = default(Range);
        bool? stream = null;
        var messages = -1;
        var messagesJson = default(Range);
        string? user = null;
        string? safetyIdentifier = null;
        int? maxTokens = null;
        int? maxCompletionTokens = null;
        var outputLimitTokens = new List<Range>(1);
        ProviderPreferences? preferences = null;
        Range? providerProperty = null;
        var texts = new ChatTextCollector();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("model"u8))
            {
                if (model is not null)
                {
                    return (null, Duplicate("model"));
                }

                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    return (null, HubError.InvalidRequest("'model' must be a string such as \"openai/gpt-4o-mini\".", "model", "invalid_type"));
                }

                model = reader.GetString()!;
                var start = (int)reader.TokenStartIndex;
                modelToken = start..(start + reader.ValueSpan.Length + 2);
            }
            else if (reader.ValueTextEquals("stream"u8))
            {
                if (stream is not null)
                {
                    return (null, Duplicate("stream"));
                }

                reader.Read();
                stream = reader.TokenType switch
                {
                    JsonTokenType.True => true,
                    JsonTokenType.False or JsonTokenType.Null => false,
                    _ => null,
                };
                if (stream is null)
                {
                    return (null, HubError.InvalidRequest("'stream' must be a boolean.", "stream", "invalid_type"));
                }
            }
            else if (reader.ValueTextEquals("messages"u8))
            {
                if (messages >= 0)
                {
                    return (null, Duplicate("messages"));
                }

                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    return (null, HubError.InvalidRequest("'messages' must be an array of message objects.", "messages", "invalid_type"));
                }

                var start = (int)reader.TokenStartIndex;
                messages = texts.ReadMessages(ref reader);
                messagesJson = start..(int)reader.BytesConsumed;
            }
            else if (reader.ValueTextEquals("tools"u8) || reader.ValueTextEquals("functions"u8))
            {
                reader.Read();
                texts.ReadToolDefinitions(ref reader);
            }
            else if (reader.ValueTextEquals("provider"u8))
            {
                if (preferences is not null)
                {
                    return (null, Duplicate("provider"));
                }

                var start = (int)reader.TokenStartIndex;
                reader.Read();
                (preferences, var invalidPreferences) = ProviderPreferences.Read(ref reader);
                if (invalidPreferences is not null)
                {
                    return (null, invalidPreferences);
                }

                providerProperty = start..(int)reader.BytesConsumed;
            }
            else if (reader.ValueTextEquals("max_tokens"u8))
            {
                maxTokens = ReadOptionalPositiveInt(ref reader, outputLimitTokens);
            }
            else if (reader.ValueTextEquals("max_completion_tokens"u8))
            {
                maxCompletionTokens = ReadOptionalPositiveInt(ref reader, outputLimitTokens);
            }
            else if (reader.ValueTextEquals("user"u8))
            {
                user = ReadOptionalString(ref reader);
            }
            else if (reader.ValueTextEquals("safety_identifier"u8))
            {
                safetyIdentifier = ReadOptionalString(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        // Anything after the closing brace (a second document, stray text) is malformed JSON.
        if (reader.Read())
        {
            throw new JsonException("Trailing data after the JSON object.");
        }

        if (model is null)
        {
            return (null, HubError.InvalidRequest("You must provide a model parameter.", "model", "missing_required_parameter"));
        }

        if (messages < 0)
        {
            return (null, HubError.InvalidRequest("Missing required parameter: 'messages'.", "messages", "missing_required_parameter"));
        }

        if (messages == 0)
        {
            return (null, HubError.InvalidRequest("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", "messages", "empty_array"));
        }

        var promptSha256 = PromptHash.Of(body.AsSpan(messagesJson));
        return (new ChatRequest(body, model, modelToken, stream ?? false, texts.Texts, safetyIdentifier ?? user, promptSha256)
        {
            MaxTokens = maxCompletionTokens ?? maxTokens,
            OutputLimitTokens = outputLimitTokens,
            Shape = texts.Shape(messages),
            Preferences = preferences ?? ProviderPreferences.None,
            ProviderProperty = providerProperty,
            Images = texts.Images,
        }, null);
    }

    /// <summary>A string value, or null for any other kind (left for the upstream to judge).</summary>
    private static string? ReadOptionalString(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }

    /// <summary>A positive integer, or null for anything else (left for the upstream to judge); where the number sits is added to <paramref name="tokens"/>.</summary>
    private static int? ReadOptionalPositiveInt(ref Utf8JsonReader reader, List<Range> tokens)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) && value > 0)
        {
            var start = (int)reader.TokenStartIndex;
            tokens.Add(start..(start + reader.ValueSpan.Length));
            return value;
        }

        reader.Skip();
        return null;
    }

    private static HubError Duplicate(string field) =>
        HubError.InvalidRequest($"The field '{field}' appears more than once in the request body.", field, "duplicate_parameter");

    /// <summary>Reads the whole body, or returns null as soon as it exceeds the limit.</summary>
    private async ValueTask<byte[]?> ReadBodyAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (buffer.Length > maxBodyBytes)
            {
                reader.AdvanceTo(buffer.End);
                return null;
            }

            if (result.IsCompleted)
            {
                var body = buffer.ToArray();
                reader.AdvanceTo(buffer.End);
                return body;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
