using System.Runtime.CompilerServices;
using System.Text.Json;
using Hub.Gateway.Errors;
using Hub.Gateway.Providers.Translation;

namespace Hub.Gateway.Providers.Bedrock;

/// <summary>
/// ConverseStream (binary event stream) → OpenAI SSE chunks, as an explicit state machine
/// (<c>protocols.md</c> 4.4). States: <see cref="State.BeforeMessage"/> → <see cref="State.InMessage"/>
/// (after <c>messageStart</c>) → <see cref="State.Stopped"/> (after <c>messageStop</c>, awaiting
/// <c>metadata</c>) → <see cref="State.Ended"/>. Overview:
/// 1. Read one frame with <see cref="EventStreamReader"/> (partial frames buffered, both CRCs checked).
/// 2. <c>messageStart</c> → the role chunk.
/// 3. <c>contentBlockStart</c> with <c>toolUse</c> → the tool call's first delta (id, name), numbered among tool calls.
/// 4. <c>contentBlockDelta</c>: text → content; <c>toolUse.input</c> fragment → arguments; reasoning dropped.
///    The synthetic response_format tool's input is content instead.
/// 5. <c>messageStop</c> → remember the finish reason.
/// 6. <c>metadata</c> (after messageStop) → the finish chunk, the usage chunk if asked, <c>[DONE]</c>; usage reported.
/// 7. An exception or error frame, a corrupt frame, a broken connection, or the end before <c>metadata</c>
///    → one error event, and the stream ends without <c>[DONE]</c>.
/// </summary>
internal sealed partial class BedrockStreamTranslator
{
    private readonly BedrockAnswerContext context;
    private readonly ChatChunkWriter chunks;
    private readonly UsageReport usage;
    private readonly ILogger logger;
    private readonly List<ReadOnlyMemory<byte>> output = new(4);

    /// <summary>Content block index → tool call index (or <see cref="JsonToolBlock"/> for the synthetic tool).</summary>
    private readonly Dictionary<int, int> toolByBlock = [];
    private const int JsonToolBlock = -1;

    private State state = State.BeforeMessage;
    private int toolCalls;
    private string finishReason = FinishReasons.Stop;

    private BedrockStreamTranslator(BedrockAnswerContext context, ChatChunkWriter chunks, UsageReport usage, ILogger logger) =>
        (this.context, this.chunks, this.usage, this.logger) = (context, chunks, usage, logger);

    internal enum State
    {
        BeforeMessage,
        InMessage,
        Stopped,
        Ended,
    }

    public static async IAsyncEnumerable<ReadOnlyMemory<byte>> TranslateAsync(
        Stream upstream, BedrockAnswerContext context, UsageReport usage, ILogger logger, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new EventStreamReader(upstream);
        using var chunks = new ChatChunkWriter(context.Id, context.Created, context.Model);
        var translator = new BedrockStreamTranslator(context, chunks, usage, logger);
        while (translator.state != State.Ended)
        {
            // Step 1
            EventStreamStatus status;
            try
            {
                status = await reader.ReadAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                status = EventStreamStatus.Truncated;
            }

            translator.OnFrame(status, reader.Current);
            foreach (var chunk in translator.output)
            {
                yield return chunk;
            }

            translator.output.Clear();
        }
    }

    private void OnFrame(EventStreamStatus status, EventStreamMessage message)
    {
        if (status != EventStreamStatus.Message)
        {
            // Step 7: a clean end is early too, since only metadata ends the answer.
            Log.StreamBroken(logger, context.Provider, status, state);
            Fail(HubError.UpstreamStreamBroken());
            return;
        }

        try
        {
            switch (message.MessageType)
            {
                case "event":
                    OnEvent(message);
                    break;
                case "exception":
                    OnException(message.ExceptionType);
                    break;
                default:
                    OnError(message.ErrorCode ?? message.MessageType);
                    break;
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            Log.StreamBroken(logger, context.Provider, EventStreamStatus.Corrupt, state);
            Fail(HubError.UpstreamStreamBroken());
        }
    }

    private void OnEvent(EventStreamMessage message)
    {
        var payload = message.Payload.Span;
        switch (message.EventType)
        {
            case "messageStart": OnMessageStart(); break;
            case "contentBlockStart": OnContentBlockStart(payload); break;
            case "contentBlockDelta": OnContentBlockDelta(payload); break;
            case "messageStop": OnMessageStop(payload); break;
            case "metadata": OnMetadata(payload); break;
        }

        // contentBlockStop and event types newer than this code carry nothing a chunk needs.
    }

    // Step 2
    private void OnMessageStart()
    {
        if (state == State.BeforeMessage)
        {
            output.Add(chunks.Role());
            state = State.InMessage;
        }
    }

    // Step 3
    private void OnContentBlockStart(ReadOnlySpan<byte> payload)
    {
        OnMessageStart();
        var (block, id, name) = BedrockStreamEvents.ReadStart(payload);
        if (id is null || name is null)
        {
            return;
        }

        if (context.JsonToolAnswers && name == BedrockRequestMapper.JsonToolName)
        {
            toolByBlock[block] = JsonToolBlock;
            return;
        }

        toolByBlock[block] = toolCalls;
        output.Add(chunks.ToolCallStart(toolCalls++, id, name));
    }

    // Step 4
    private void OnContentBlockDelta(ReadOnlySpan<byte> payload)
    {
        OnMessageStart();
        var (block, kind, value) = BedrockStreamEvents.ReadDelta(payload);
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (kind == BedrockDeltaKind.Text)
        {
            output.Add(chunks.Content(value));
        }
        else if (kind == BedrockDeltaKind.ToolInput && toolByBlock.TryGetValue(block, out var tool))
        {
            output.Add(tool == JsonToolBlock ? chunks.Content(value) : chunks.ToolCallArguments(tool, value));
        }
    }

    // Step 5
    private void OnMessageStop(ReadOnlySpan<byte> payload)
    {
        var stopReason = BedrockStreamEvents.ReadString(payload, "stopReason"u8);
        if (!BedrockStopReasons.TryMap(stopReason, out finishReason))
        {
            BedrockStopReasons.LogUnknown(logger, context.Provider, stopReason ?? "none");
        }

        if (finishReason == FinishReasons.ToolCalls && toolCalls == 0 && context.JsonToolAnswers)
        {
            finishReason = FinishReasons.Stop;
        }

        state = State.Stopped;
    }

    // Step 6
    private void OnMetadata(ReadOnlySpan<byte> payload)
    {
        if (state != State.Stopped)
        {
            return;
        }

        var reported = BedrockStreamEvents.ReadUsage(payload);
        output.Add(chunks.Finish(finishReason));
        if (reported is { } counts)
        {
            var chatUsage = counts.ToChatUsage();
            usage.Value = chatUsage.ToTokenUsage();
            if (context.IncludeUsage)
            {
                output.Add(chunks.Usage(chatUsage));
            }
        }

        output.Add(ChatChunkWriter.Done);
        state = State.Ended;
    }

    // Step 7
    private void OnException(string? exceptionType)
    {
        Log.StreamException(logger, context.Provider, exceptionType ?? "none");
        Fail(BedrockErrorMapper.ForStreamException(context.Provider, exceptionType));
    }

    private void OnError(string? errorCode)
    {
        Log.StreamException(logger, context.Provider, errorCode ?? "none");
        Fail(BedrockErrorMapper.StreamFailed(context.Provider));
    }

    private void Fail(HubError error)
    {
        output.Add(ChatChunkWriter.Error(error));
        state = State.Ended;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.BedrockStreamException, EventName = "BedrockStreamException", Level = LogLevel.Debug,
            Message = "Provider {Provider} (Bedrock) sent {ExceptionType} in the stream")]
        public static partial void StreamException(ILogger logger, string provider, string exceptionType);

        [LoggerMessage(EventId = Diagnostics.EventIds.BedrockStreamBroken, EventName = "BedrockStreamBroken", Level = LogLevel.Debug,
            Message = "Provider {Provider} (Bedrock) stream broke off ({Status}) in state {State}")]
        public static partial void StreamBroken(ILogger logger, string provider, EventStreamStatus status, State state);
    }
}
