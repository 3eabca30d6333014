using System.Buffers;
using Hub.Gateway.Errors;
using Hub.Gateway.Providers;
using Microsoft.AspNetCore.Http.Features;

namespace Hub.Gateway.Streaming;

/// <summary>
/// Copies an upstream answer to the client as it arrives, byte for byte: each read is written and
/// flushed at once, so SSE events are never held back and the body is never buffered whole.
/// Reading with the client's abort token means a client that leaves stops the upstream read, and
/// disposing the <see cref="ProviderResponse"/> then closes the upstream connection.
/// </summary>
internal sealed partial class ResponseRelay(ILogger<ResponseRelay> logger)
{
    /// <summary>Large enough for a burst of SSE events, small enough to flush promptly.</summary>
    private const int BufferSize = 16 * 1024;

    /// <param name="usage">Sees every byte relayed, to report the token counts.</param>
    /// <param name="beforeLastBytes">
    /// Runs once the whole answer has been read and before its last bytes are written (the audit event),
    /// so the client's response is complete only when it has run. A JSON answer of known length keeps
    /// its Content-Length this way; otherwise it runs after the last read, before the handler returns
    /// and the final chunk goes out.
    /// </param>
    public async Task RelayAsync(HttpContext context, ProviderResponse upstream, bool stream, UsageObserver usage, Func<Task> beforeLastBytes)
    {
        var response = context.Response;
        response.StatusCode = upstream.StatusCode;
        response.ContentType = upstream.ContentType ?? (stream ? "text/event-stream" : "application/json");
        if (stream)
        {
            response.Headers.CacheControl = "no-cache";
            response.Headers["X-Accel-Buffering"] = "no";
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        }
        else if (upstream.ContentLength is { } length)
        {
            response.ContentLength = length;
        }

        var remaining = response.ContentLength;
        var answered = false;

        var cancellationToken = context.RequestAborted;
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            while (true)
            {
                int read;
                try
                {
                    read = await upstream.Body.ReadAsync(buffer, cancellationToken);
                }
                catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
                {
                    await EndBrokenStreamAsync(context, stream, ex);
                    return;
                }

                if (read == 0)
                {
                    if (!answered)
                    {
                        usage.Complete();
                        await beforeLastBytes();
                    }

                    return;
                }

                usage.Observe(buffer.AsSpan(0, read));
                if ((remaining -= read) <= 0 && !answered)
                {
                    answered = true;
                    usage.Complete();
                    await beforeLastBytes();
                }

                await response.Body.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                await response.Body.FlushAsync(cancellationToken);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && cancellationToken.IsCancellationRequested)
        {
            // The client went away. Nothing to answer; disposing the upstream response stops the upstream call.
            Log.ClientDisconnected(logger);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The upstream broke after the 200 was sent. A stream ends with an OpenAI error event (clients
    /// raise it; a silent close would look like a complete answer); a JSON body cannot be mended, so
    /// the connection is aborted and the client sees a truncated response, not a valid one.
    /// </summary>
    private async Task EndBrokenStreamAsync(HttpContext context, bool stream, Exception exception)
    {
        Log.StreamBrokenAfterStart(logger, exception.GetType().Name);
        if (!stream)
        {
            context.Abort();
            return;
        }

        var error = HubError.UpstreamStreamBroken();
        await context.Response.Body.WriteAsync("data: "u8.ToArray());
        await context.Response.Body.WriteAsync(OpenAIErrorWriter.Serialize(error));
        await context.Response.Body.WriteAsync("\n\n"u8.ToArray());
        await context.Response.Body.FlushAsync();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.ClientDisconnected, EventName = nameof(ClientDisconnected), Level = LogLevel.Debug,
            Message = "Client disconnected during the response; upstream call cancelled")]
        public static partial void ClientDisconnected(ILogger logger);

        [LoggerMessage(EventId = Diagnostics.EventIds.StreamBrokenAfterStart, EventName = nameof(StreamBrokenAfterStart), Level = LogLevel.Warning,
            Message = "Upstream response broke after it had started ({ExceptionType})")]
        public static partial void StreamBrokenAfterStart(ILogger logger, string exceptionType);
    }
}
