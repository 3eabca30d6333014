using System.Text.Json;
using Hub.Gateway.Errors;

namespace Hub.Gateway.Providers.Translation;

/// <summary>
/// A typed view of an OpenAI chat completion request, for the providers that translate it into
/// another protocol (Anthropic, Gemini, Bedrock). Parsed once from the body the gateway forwards;
/// <see cref="JsonElement"/> values (tool schemas) point into the document, so dispose the view once
/// the upstream body is written. OpenAI-compatible upstreams never need this: they get the bytes.
/// </summary>
internal sealed class OpenAIChatRequest : IDisposable
{
    private readonly JsonDocument document;

    private OpenAIChatRequest(JsonDocument document) => this.document = document;

    // Filled by OpenAIChatRequestParser (internal setters); read-only to the mappers.

    public string Model { get; internal set; } = "";

    public bool Stream { get; internal set; }

    /// <summary><c>stream_options.include_usage</c>: the client wants the usage chunk.</summary>
    public bool IncludeUsage { get; internal set; }

    public List<ChatMessage> Messages { get; } = [];

    public List<ToolDefinition> Tools { get; } = [];

    public ToolChoice ToolChoice { get; internal set; }

    /// <summary><c>parallel_tool_calls</c>; OpenAI's default is true.</summary>
    public bool ParallelToolCalls { get; internal set; } = true;

    public double? Temperature { get; internal set; }

    public double? TopP { get; internal set; }

    public double? FrequencyPenalty { get; internal set; }

    public double? PresencePenalty { get; internal set; }

    /// <summary><c>max_completion_tokens</c>, else the deprecated <c>max_tokens</c>.</summary>
    public int? MaxTokens { get; internal set; }

    /// <summary><c>stop</c> as a list (a single string becomes one item).</summary>
    public List<string> Stop { get; } = [];

    /// <summary><c>n</c>, default 1.</summary>
    public int N { get; internal set; } = 1;

    public long? Seed { get; internal set; }

    public ResponseFormat? ResponseFormat { get; internal set; }

    /// <summary><c>safety_identifier</c>, else the deprecated <c>user</c>.</summary>
    public string? User { get; internal set; }

    public bool Logprobs { get; internal set; }

    public int? TopLogprobs { get; internal set; }

    /// <summary><c>reasoning_effort</c>: <c>minimal</c>, <c>low</c>, <c>medium</c>, <c>high</c>.</summary>
    public string? ReasoningEffort { get; internal set; }

    public void Dispose() => document.Dispose();

    /// <summary>The view, or a 400 naming the field that is not what OpenAI's API accepts.</summary>
    public static (OpenAIChatRequest? Request, HubError? Error) Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            // A key given twice could be read one way here and another way by whoever reads the body next.
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 128, AllowDuplicateProperties = false });
        }
        catch (JsonException)
        {
            return (null, HubError.InvalidRequest("We could not parse the JSON body of your request (it is not valid JSON, or it repeats a key)."));
        }

        var request = new OpenAIChatRequest(document);
        try
        {
            OpenAIChatRequestParser.Read(document.RootElement, request);
            return (request, null);
        }
        catch (InvalidRequestException ex)
        {
            document.Dispose();
            return (null, ex.Error);
        }
    }
}

/// <summary>The roles of OpenAI's <c>ChatCompletionRequestMessage</c> (the deprecated <c>function</c> role is refused).</summary>
internal enum ChatRole
{
    System,
    Developer,
    User,
    Assistant,
    Tool,
}

/// <param name="Content">The parts in order; a string content is one text part; null or absent content is empty.</param>
/// <param name="ToolCalls">An assistant message's <c>tool_calls</c> (the deprecated <c>function_call</c> is one of them, without an id).</param>
/// <param name="ToolCallId">A tool message's <c>tool_call_id</c>.</param>
internal sealed record ChatMessage(ChatRole Role, IReadOnlyList<ContentPart> Content, string? Name, IReadOnlyList<ToolCall> ToolCalls, string? ToolCallId)
{
    /// <summary>The text parts joined with no separator, as OpenAI reads a multi-part system or tool message.</summary>
    public string Text()
    {
        if (Content.Count == 1 && Content[0].Kind == ContentPartKind.Text)
        {
            return Content[0].Text!;
        }

        var text = new System.Text.StringBuilder();
        foreach (var part in Content)
        {
            if (part.Kind == ContentPartKind.Text)
            {
                text.Append(part.Text);
            }
        }

        return text.ToString();
    }
}

internal enum ContentPartKind
{
    Text,

    /// <summary><c>image_url</c>: <see cref="ContentPart.Url"/> is an http(s) URL or a <c>data:</c> URL (<see cref="DataUrl"/>).</summary>
    Image,

    /// <summary><c>file</c> with inline <c>file_data</c> (a data URL in <see cref="ContentPart.Url"/>) or a <c>file_id</c> (<see cref="ContentPart.FileId"/>).</summary>
    File,

    /// <summary><c>input_audio</c>: base64 in <see cref="ContentPart.Url"/>, format (wav, mp3) in <see cref="ContentPart.Detail"/>.</summary>
    Audio,
}

/// <param name="Text">A text (or assistant <c>refusal</c>) part's text.</param>
/// <param name="Url">An image URL, a file's data URL, or audio base64.</param>
/// <param name="Detail">An image's <c>detail</c>, or the audio format.</param>
/// <param name="FileName">A file part's <c>filename</c>.</param>
/// <param name="FileId">A file part's <c>file_id</c> (an OpenAI Files API id; no other provider can read it).</param>
internal sealed record ContentPart(ContentPartKind Kind, string? Text = null, string? Url = null, string? Detail = null, string? FileName = null, string? FileId = null);

/// <param name="Arguments">The JSON arguments as the string OpenAI sends (may be empty).</param>
internal sealed record ToolCall(string Id, string Name, string Arguments);

/// <param name="Parameters">The JSON Schema of the arguments, or null when the tool takes none.</param>
internal sealed record ToolDefinition(string Name, string? Description, JsonElement? Parameters, bool? Strict);

internal enum ToolChoiceMode
{
    /// <summary>Not given: OpenAI means <c>auto</c> when tools are given, else <c>none</c>.</summary>
    Unset,
    None,
    Auto,
    Required,

    /// <summary>This one function: <see cref="ToolChoice.FunctionName"/>.</summary>
    Function,
}

internal readonly record struct ToolChoice(ToolChoiceMode Mode, string? FunctionName = null);

internal enum ResponseFormatKind
{
    Text,
    JsonObject,
    JsonSchema,
}

/// <param name="Name">The <c>json_schema.name</c>.</param>
/// <param name="Schema">The <c>json_schema.schema</c>, if any.</param>
internal sealed record ResponseFormat(ResponseFormatKind Kind, string? Name = null, JsonElement? Schema = null, bool? Strict = null);

/// <summary>A field that is not what OpenAI's API accepts; caught at <see cref="OpenAIChatRequest.Parse"/>.</summary>
internal sealed class InvalidRequestException(HubError error) : Exception(error.Message)
{
    public HubError Error { get; } = error;
}
