namespace Hub.Gateway.Providers.Translation;

/// <summary>
/// The only <c>finish_reason</c> values a client may see (OpenAI's enum; the SDKs fail on others).
/// Every upstream stop reason is mapped onto one of these; an unknown one becomes <see cref="Stop"/>.
/// </summary>
internal static class FinishReasons
{
    public const string Stop = "stop";
    public const string Length = "length";
    public const string ToolCalls = "tool_calls";
    public const string ContentFilter = "content_filter";
}
