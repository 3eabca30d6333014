namespace Hub.Gateway.Providers.Gemini;

/// <summary>The Gemini adapter's log events (ids 2120–2139). Ids, counts and Google's status names only: never content.</summary>
internal static partial class GeminiLog
{
    [LoggerMessage(EventId = Diagnostics.EventIds.GeminiUpstreamFailed, EventName = "GeminiUpstreamFailed", Level = LogLevel.Debug,
        Message = "Provider {Provider} answered HTTP {Status} {GoogleStatus} {Reason}")]
    public static partial void UpstreamFailed(ILogger logger, string provider, int status, string googleStatus, string reason);

    [LoggerMessage(EventId = Diagnostics.EventIds.GeminiAnswerUnreadable, EventName = "GeminiAnswerUnreadable", Level = LogLevel.Warning,
        Message = "Provider {Provider} sent an answer that is not a readable GenerateContentResponse (or is larger than {MaxBytes} bytes)")]
    public static partial void AnswerUnreadable(ILogger logger, string provider, int maxBytes);

    [LoggerMessage(EventId = Diagnostics.EventIds.GeminiStreamEventUnreadable, EventName = "GeminiStreamEventUnreadable", Level = LogLevel.Warning,
        Message = "Provider {Provider} sent a stream event that is not a GenerateContentResponse; stream ended with an error")]
    public static partial void StreamEventUnreadable(ILogger logger, string provider);

    [LoggerMessage(EventId = Diagnostics.EventIds.GeminiStreamErrorEvent, EventName = "GeminiStreamErrorEvent", Level = LogLevel.Debug,
        Message = "Provider {Provider} sent an error event mid-stream: {Code} {GoogleStatus}")]
    public static partial void StreamErrorEvent(ILogger logger, string provider, int code, string googleStatus);

    [LoggerMessage(EventId = Diagnostics.EventIds.GeminiStreamEndedEarly, EventName = "GeminiStreamEndedEarly", Level = LogLevel.Warning,
        Message = "Provider {Provider} closed its stream before a finish reason; stream ended with an error")]
    public static partial void StreamEndedEarly(ILogger logger, string provider);

    [LoggerMessage(EventId = Diagnostics.EventIds.GeminiUnknownFinishReason, EventName = "GeminiUnknownFinishReason", Level = LogLevel.Warning,
        Message = "Provider {Provider} gave the unknown finish reason {FinishReason}; sent as stop")]
    public static partial void UnknownFinishReason(ILogger logger, string provider, string finishReason);
}
