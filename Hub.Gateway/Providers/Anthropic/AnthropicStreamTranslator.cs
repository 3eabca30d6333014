using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Hub.Core.Randomness;
using Hub.Gateway.Errors;
using Hub.Gateway.Providers.Translation;

namespace Hub.Gateway.Providers.Anthropic;

/// <summary>What a stream translation needs to know of its request.</summary>
/// <param name="Model">The upstream model id, used if <c>message_start</c> names none.</param>
/// <param name="IncludeUsage">The client asked for the usage chunk.</param>
/// <param name="JsonMode">The <see cref="AnthropicToolMapper.JsonToolName"/> call is the content.</param>
/// <param name="Usage">Where the counts go, for billing, whether or not the client asked for them.</param>
internal sealed record AnthropicStreamRequest(string Provider, long Created, string Model, bool IncludeUsage, bool JsonMode, UsageReport Usage);

/// <summary>
/// Anthropic's SSE stream → OpenAI chunks (<c>shared/research/protocols.md</c> 2.3, 2.6), an explicit
/// state machine with one method per upstream event type:
/// 1. <c>message_start</c> (AwaitingStart → Streaming): keep id, model and input usage; emit the role chunk.
/// 2. <c>content_block_start</c>: a text block emits its initial text, if any; a <c>tool_use</c> block takes
///    the next tool index (counting tool blocks only) and emits id and name; other blocks (thinking,
///    server tools) are ignored, and so are their deltas.
/// 3. <c>content_block_delta</c>: <c>text_delta</c> → content; <c>input_json_delta</c> → that tool's
///    argument fragment (content, for the JSON tool); thinking, signature and citation deltas are dropped.
/// 4. <c>content_block_stop</c>: a tool that received no argument fragment gets <c>"{}"</c>.
/// 5. <c>message_delta</c> (Streaming → Finishing): the finish chunk with the mapped stop reason; the
///    output count (cumulative) replaces the earlier one.
/// 6. <c>message_stop</c> (→ Ended): the usage chunk if asked, then <c>[DONE]</c>.
/// 7. <c>error</c> (→ Ended): an OpenAI error event, no <c>[DONE]</c>. <c>ping</c> and unknown event types: nothing.
/// 8. The upstream ends before step 6, or sends what is not JSON, or content before step 1 (→ Ended): an error event.
/// Usage is reported as soon as it is known and updated at step 5, so a broken stream still bills what was sent.
/// </summary>
internal sealed class AnthropicStreamTranslator(AnthropicStreamRequest request, IRandomSource random, ILogger logger) : IDisposable
{
    private enum State
    {
        AwaitingStart,
        Streaming,
        Finishing,
        Ended,
    }

    private enum BlockKind : byte
    {
        Ignored,
        Text,
        Tool,
        JsonTool,
    }

    /// <summary>A content block, by Anthropic's block index: what it is, and for a tool its OpenAI index.</summary>
    private record struct Block(BlockKind Kind, int ToolIndex, bool HasArguments);

    private readonly List<ReadOnlyMemory<byte>> output = new(4);
    private readonly List<Block> blocks = [];
    private readonly AnthropicUsage usage = new();
    private ChatChunkWriter? chunks;
    private State state;
    private int toolCount;

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> TranslateAsync(Stream upstream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            // An event without data carries nothing, like a ping; data that is not JSON reads as null (step 8).
            var parser = SseParser.Create(upstream, static (_, data) => data.IsEmpty ? new AnthropicStreamEvent { Type = "ping" } : AnthropicWire.ReadEvent(data));
            await foreach (var item in parser.EnumerateAsync(cancellationToken))
            {
                Step(item.Data);
                for (var i = 0; i < output.Count; i++)
                {
                    yield return output[i];
                }

                output.Clear();
                if (state == State.Ended)
                {
                    yield break;
                }
            }

            // Step 8: closed without message_stop.
            AnthropicLog.StreamEndedEarly(logger, request.Provider);
            yield return ChatChunkWriter.Error(HubError.UpstreamStreamBroken());
        }
        finally
        {
            Dispose();
        }
    }

    public void Dispose() => chunks?.Dispose();

    /// <remarks>ping, and event types newer than this code, match no case: Anthropic's versioning policy says to ignore them.</remarks>
    private void Step(AnthropicStreamEvent? upstreamEvent)
    {
        switch (upstreamEvent?.Type)
        {
            case null:
                Fail("not JSON");
                break;
            case "message_start":
                OnMessageStart(upstreamEvent.Message);
                break;
            case "content_block_start" when chunks is null:
            case "content_block_delta" when chunks is null:
            case "message_delta" when chunks is null:
                Fail("content before message_start");
                break;
            case "content_block_start":
                OnContentBlockStart(upstreamEvent.Index, upstreamEvent.ContentBlock);
                break;
            case "content_block_delta":
                OnContentBlockDelta(upstreamEvent.Index, upstreamEvent.Delta);
                break;
            case "content_block_stop":
                OnContentBlockStop(upstreamEvent.Index);
                break;
            case "message_delta":
                OnMessageDelta(upstreamEvent.Delta, upstreamEvent.Usage);
                break;
            case "message_stop":
                OnMessageStop();
                break;
            case "error":
                OnError(upstreamEvent.Error);
                break;
        }
    }

    /// <summary>Step 1.</summary>
    private void OnMessageStart(AnthropicMessage? message)
    {
        if (chunks is not null)
        {
            return;
        }

        chunks = new ChatChunkWriter(message?.Id ?? CompletionIds.New(random), request.Created, message?.Model ?? request.Model);
        Accumulate(message?.Usage);
        state = State.Streaming;
        output.Add(chunks.Role());
    }

    /// <summary>Step 2.</summary>
    private void OnContentBlockStart(int index, AnthropicContentBlock? block)
    {
        while (blocks.Count <= index)
        {
            blocks.Add(default);
        }

        switch (block?.Type)
        {
            case "text":
                blocks[index] = new Block(BlockKind.Text, 0, false);
                if (!string.IsNullOrEmpty(block.Text))
                {
                    output.Add(chunks!.Content(block.Text));
                }

                break;
            case "tool_use" when request.JsonMode && block.Name == AnthropicToolMapper.JsonToolName:
                blocks[index] = new Block(BlockKind.JsonTool, 0, false);
                break;
            case "tool_use":
                blocks[index] = new Block(BlockKind.Tool, toolCount, false);
                output.Add(chunks!.ToolCallStart(toolCount++, block.Id ?? "", block.Name ?? ""));
                break;
            default:
                blocks[index] = new Block(BlockKind.Ignored, 0, false);
                break;
        }
    }

    /// <summary>Step 3.</summary>
    private void OnContentBlockDelta(int index, AnthropicDelta? delta)
    {
        if ((uint)index >= (uint)blocks.Count || delta is null)
        {
            return;
        }

        var block = blocks[index];
        switch (delta.Type)
        {
            case "text_delta" when block.Kind == BlockKind.Text && !string.IsNullOrEmpty(delta.Text):
                output.Add(chunks!.Content(delta.Text));
                break;
            case "input_json_delta" when !string.IsNullOrEmpty(delta.PartialJson):
                if (block.Kind == BlockKind.Tool)
                {
                    output.Add(chunks!.ToolCallArguments(block.ToolIndex, delta.PartialJson));
                }
                else if (block.Kind == BlockKind.JsonTool)
                {
                    output.Add(chunks!.Content(delta.PartialJson));
                }
                else
                {
                    break;
                }

                blocks[index] = block with { HasArguments = true };
                break;
        }
    }

    /// <summary>Step 4.</summary>
    private void OnContentBlockStop(int index)
    {
        if ((uint)index >= (uint)blocks.Count || blocks[index].HasArguments)
        {
            return;
        }

        var block = blocks[index];
        if (block.Kind == BlockKind.Tool)
        {
            output.Add(chunks!.ToolCallArguments(block.ToolIndex, "{}"));
        }
        else if (block.Kind == BlockKind.JsonTool)
        {
            output.Add(chunks!.Content("{}"));
        }
    }

    /// <summary>Step 5.</summary>
    private void OnMessageDelta(AnthropicDelta? delta, AnthropicUsage? cumulative)
    {
        Accumulate(cumulative);
        if (state != State.Streaming)
        {
            return;
        }

        var stopReason = delta?.StopReason;
        if (!AnthropicResponseMapper.IsKnownStopReason(stopReason))
        {
            AnthropicLog.UnknownStopReason(logger, request.Provider, stopReason ?? "null");
        }

        var finishReason = AnthropicResponseMapper.FinishReason(stopReason);
        state = State.Finishing;

        // Only the JSON tool was called: to the client that is a finished answer.
        output.Add(chunks!.Finish(finishReason == FinishReasons.ToolCalls && toolCount == 0 ? FinishReasons.Stop : finishReason));
    }

    /// <summary>Step 6.</summary>
    private void OnMessageStop()
    {
        if (chunks is null)
        {
            Fail("message_stop before message_start");
            return;
        }

        if (state == State.Streaming)
        {
            output.Add(chunks.Finish(FinishReasons.Stop));
        }

        if (request.IncludeUsage)
        {
            output.Add(chunks.Usage(AnthropicResponseMapper.Usage(usage)));
        }

        output.Add(ChatChunkWriter.Done);
        state = State.Ended;
    }

    /// <summary>Step 7.</summary>
    private void OnError(AnthropicError? error)
    {
        var mapped = AnthropicErrorMapper.FromStreamEvent(request.Provider, error);
        AnthropicLog.StreamErrorReceived(logger, request.Provider, mapped.Code ?? mapped.Type);
        output.Add(ChatChunkWriter.Error(mapped));
        state = State.Ended;
    }

    /// <summary>Step 8, for what is not Anthropic's stream.</summary>
    private void Fail(string problem)
    {
        AnthropicLog.StreamUnreadable(logger, request.Provider, problem);
        output.Add(ChatChunkWriter.Error(HubError.UpstreamStreamBroken()));
        state = State.Ended;
    }

    /// <summary>Later counts replace earlier ones: <c>message_delta</c> counts are cumulative.</summary>
    private void Accumulate(AnthropicUsage? counts)
    {
        if (counts is null)
        {
            return;
        }

        usage.InputTokens = counts.InputTokens ?? usage.InputTokens;
        usage.OutputTokens = counts.OutputTokens ?? usage.OutputTokens;
        usage.CacheCreationInputTokens = counts.CacheCreationInputTokens ?? usage.CacheCreationInputTokens;
        usage.CacheReadInputTokens = counts.CacheReadInputTokens ?? usage.CacheReadInputTokens;
        request.Usage.Value = AnthropicResponseMapper.Usage(usage).ToTokenUsage();
    }
}
