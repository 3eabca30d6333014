using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Hub.Core.Randomness;
using Hub.Gateway.Errors;
using Hub.Gateway.Providers.Translation;

namespace Hub.Gateway.Providers.Gemini;

/// <summary>
/// Translates <c>streamGenerateContent?alt=sse</c> into OpenAI chunks (protocols.md 3.6). Each
/// upstream event is a whole <c>GenerateContentResponse</c> holding only the new parts; there is no
/// end event and no <c>[DONE]</c>: the stream ends when Google closes the connection.
/// <list type="number">
/// <item>Start: nothing sent yet. The first event, whatever it holds, sends the role chunk (→ Open).</item>
/// <item>Open: each event's text parts become content deltas; each function call, which Gemini sends
/// whole, becomes one tool call (minted id and name, then its full arguments), indexed among tool calls.</item>
/// <item>An event's <c>usageMetadata</c> (running totals) replaces the last; a <c>finishReason</c>, or a
/// blocked prompt's <c>blockReason</c>, is kept for the end (→ Finished). Google sends it on the last event.</item>
/// <item>An <c>error</c> event, or one that cannot be read: an OpenAI error event, and the stream ends there (→ Ended, no <c>[DONE]</c>).</item>
/// <item>The connection closes. Finished: the finish chunk (<c>tool_calls</c> when calls were made),
/// the usage chunk if the client asked, <c>[DONE]</c>. Not finished: the stream broke, so an error event.</item>
/// </list>
/// </summary>
internal sealed class GeminiStreamTranslator(
    GeminiStreamContext context, IRandomSource random, UsageReport usageReport, ILogger logger) : IDisposable
{
    private readonly List<ReadOnlyMemory<byte>> pending = [];
    private ChatChunkWriter? writer;
    private int toolCalls;
    private string? finishReason;
    private string? blockReason;
    private GeminiUsage? usage;

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> TranslateAsync(Stream upstream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            var parser = SseParser.Create(upstream, static (_, data) => GeminiResponseReader.TryRead(data));
            await foreach (var item in parser.EnumerateAsync(cancellationToken))
            {
                var ended = OnEvent(item.Data);
                for (var i = 0; i < pending.Count; i++)
                {
                    yield return pending[i];
                }

                pending.Clear();
                if (ended)
                {
                    yield break;
                }
            }

            OnClosed();
            for (var i = 0; i < pending.Count; i++)
            {
                yield return pending[i];
            }
        }
        finally
        {
            Dispose();
        }
    }

    public void Dispose() => writer?.Dispose();

    /// <returns>True when the stream must end here (an error was sent).</returns>
    private bool OnEvent(GeminiResponse? response)
    {
        if (response?.Error is { } error)
        {
            OnError(error);
            return true;
        }

        if (response is null)
        {
            GeminiLog.StreamEventUnreadable(logger, context.Provider);
            pending.Add(ChatChunkWriter.Error(HubError.UpstreamInvalidResponse(context.Provider)));
            return true;
        }

        if (writer is null)
        {
            writer = new ChatChunkWriter(context.Id, context.Created, response.ModelVersion ?? context.Model);
            pending.Add(writer.Role());
        }

        OnParts(response.Parts);
        finishReason = response.FinishReason ?? finishReason;
        blockReason = response.BlockReason ?? blockReason;
        if (response.Usage is { } running)
        {
            usage = running;
            usageReport.Value = running.ToChatUsage().ToTokenUsage();
        }

        return false;
    }

    private void OnParts(List<GeminiPart> parts)
    {
        foreach (var part in parts)
        {
            if (part.FunctionName is { } name)
            {
                // A call arrives whole: its id and name, then all its arguments as the one fragment.
                var index = toolCalls++;
                pending.Add(writer!.ToolCallStart(index, ToolCallIds.New(random), name));
                pending.Add(writer.ToolCallArguments(index, part.Arguments ?? "{}"));
            }
            else if (!string.IsNullOrEmpty(part.Text))
            {
                pending.Add(writer!.Content(part.Text));
            }
        }
    }

    private void OnError(GeminiError error)
    {
        GeminiLog.StreamErrorEvent(logger, context.Provider, error.Code, error.Status ?? "");
        var (hubError, _) = GeminiErrorMapper.Map(context.Provider, error.Code, error);
        pending.Add(ChatChunkWriter.Error(hubError));
    }

    private void OnClosed()
    {
        if (writer is null || (finishReason is null && blockReason is null))
        {
            GeminiLog.StreamEndedEarly(logger, context.Provider);
            pending.Add(ChatChunkWriter.Error(HubError.UpstreamStreamBroken()));
            return;
        }

        var (reason, known) = GeminiResponseMapper.FinishReason(finishReason, blockReason, toolCalls > 0);
        if (!known)
        {
            GeminiLog.UnknownFinishReason(logger, context.Provider, finishReason!);
        }

        pending.Add(writer.Finish(reason));
        if (context.IncludeUsage && usage is { } final)
        {
            pending.Add(writer.Usage(final.ToChatUsage()));
        }

        pending.Add(ChatChunkWriter.Done);
    }
}

/// <summary>What a stream translator needs to know of its request.</summary>
/// <param name="Provider">The provider id, for errors and logs.</param>
/// <param name="Model">The model id Hub asked for; chunks name Google's <c>modelVersion</c> when it gives one.</param>
/// <param name="Id">The minted completion id, the same in every chunk.</param>
/// <param name="Created">Unix seconds, the same in every chunk.</param>
/// <param name="IncludeUsage">The client asked for the usage chunk.</param>
internal sealed record GeminiStreamContext(string Provider, string Model, string Id, long Created, bool IncludeUsage);
