using Hub.Gateway.Errors;

namespace Hub.Gateway.Providers.Upstream;

/// <summary>
/// The one HTTP exchange every provider makes: send, wait for response headers within the provider's
/// timeout, and turn a connection failure or that timeout into a fallback-able <see cref="ProviderOutcome"/>.
/// The body is not read here (<see cref="HttpCompletionOption.ResponseHeadersRead"/>), so a stream
/// reaches the client as the upstream sends it.
/// </summary>
internal static partial class UpstreamCall
{
    /// <returns>The response (the caller owns it), or the failure to report.</returns>
    public static async Task<(HttpResponseMessage? Response, ProviderOutcome Failure)> SendAsync(
        HttpMessageInvoker http, HttpRequestMessage message, string provider, TimeSpan timeout, ILogger logger, CancellationToken cancellationToken)
    {
        // The timeout covers the wait for response headers only: a long stream is not cut off.
        using var headersTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        headersTimeout.CancelAfter(timeout);
        try
        {
            return (await http.SendAsync(message, headersTimeout.Token), default);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log.UpstreamTimedOut(logger, provider, (int)timeout.TotalSeconds);
            return (null, ProviderOutcome.Failure(HubError.UpstreamTimeout(provider), mayFallback: true));
        }
        catch (HttpRequestException ex)
        {
            Log.UpstreamUnavailable(logger, provider, ex.HttpRequestError.ToString());
            return (null, ProviderOutcome.Failure(HubError.UpstreamUnavailable(provider), mayFallback: true));
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.UpstreamUnavailable, EventName = nameof(UpstreamUnavailable), Level = LogLevel.Warning,
            Message = "Provider {Provider} could not be reached ({HttpRequestError})")]
        public static partial void UpstreamUnavailable(ILogger logger, string provider, string httpRequestError);

        [LoggerMessage(EventId = Diagnostics.EventIds.UpstreamTimedOut, EventName = nameof(UpstreamTimedOut), Level = LogLevel.Warning,
            Message = "Provider {Provider} sent no response headers within {TimeoutSeconds} s")]
        public static partial void UpstreamTimedOut(ILogger logger, string provider, int timeoutSeconds);
    }
}
