namespace Hub.Gateway.Providers.Anthropic;

/// <summary>The Anthropic adapter's log messages (event ids 2100–2119). Ids, statuses and codes only, never content.</summary>
internal static partial class AnthropicLog
{
    [LoggerMessage(EventId = Diagnostics.EventIds.AnthropicUpstreamFailed, EventName = "AnthropicUpstreamFailed", Level = LogLevel.Debug,
        Message = "Provider {Provider} answered HTTP {Status}, mapped to {Code}")]
    public static partial void UpstreamFailed(ILogger logger, string provider, int status, string code);

    [LoggerMessage(EventId = Diagnostics.EventIds.AnthropicAnswerUnreadable, EventName = "AnthropicAnswerUnreadable", Level = LogLevel.Warning,
        Message = "Provider {Provider} answered with a body that is not an Anthropic message")]
    public static partial void AnswerUnreadable(ILogger logger, string provider);

    [LoggerMessage(EventId = Diagnostics.EventIds.AnthropicStreamErrorReceived, EventName = "AnthropicStreamErrorReceived", Level = LogLevel.Debug,
        Message = "Provider {Provider} sent an error event mid-stream, mapped to {Code}")]
    public static partial void StreamErrorReceived(ILogger logger, string provider, string code);

    [LoggerMessage(EventId = Diagnostics.EventIds.AnthropicStreamEndedEarly, EventName = "AnthropicStreamEndedEarly", Level = LogLevel.Warning,
        Message = "Provider {Provider} closed its stream before message_stop")]
    public static partial void StreamEndedEarly(ILogger logger, string provider);

    [LoggerMessage(EventId = Diagnostics.EventIds.AnthropicStreamUnreadable, EventName = "AnthropicStreamUnreadable", Level = LogLevel.Warning,
        Message = "Provider {Provider} sent a stream that is not Anthropic's ({Problem})")]
    public static partial void StreamUnreadable(ILogger logger, string provider, string problem);

    [LoggerMessage(EventId = Diagnostics.EventIds.AnthropicUnknownStopReason, EventName = "AnthropicUnknownStopReason", Level = LogLevel.Debug,
        Message = "Provider {Provider} sent stop reason {StopReason}, unknown to the translation; mapped to stop")]
    public static partial void UnknownStopReason(ILogger logger, string provider, string stopReason);
}
