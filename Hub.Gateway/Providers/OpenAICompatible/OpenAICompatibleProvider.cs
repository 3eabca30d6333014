using System.Net.Http.Headers;
using Hub.Gateway.Errors;

namespace Hub.Gateway.Providers.OpenAICompatible;

/// <summary>
/// Any upstream that speaks OpenAI's chat completions protocol. The request body goes out as given
/// and the response is handed back unread (<see cref="HttpCompletionOption.ResponseHeadersRead"/>),
/// so SSE chunks reach the client as the upstream sends them.
/// </summary>
internal sealed partial class OpenAICompatibleProvider(
    string name, ProviderOptions options, HttpMessageInvoker http, ILogger<OpenAICompatibleProvider> logger) : IChatProvider
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue AcceptSse = new("text/event-stream");
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    private readonly Uri endpoint = new(options.BaseUrl!.TrimEnd('/') + "/chat/completions");
    private readonly TimeSpan timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);

    public string Name { get; } = name;

    public IReadOnlyList<string> Models { get; } = options.Models;

    public async Task<ProviderOutcome> SendAsync(ProviderRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new ReadOnlyMemoryContent(request.Body),
            Version = System.Net.HttpVersion.Version11,
        };
        message.Content.Headers.ContentType = Json;
        message.Headers.Accept.Add(request.Stream ? AcceptSse : AcceptJson);
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        }

        // The timeout covers the wait for response headers only: a long stream is not cut off.
        using var headersTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        headersTimeout.CancelAfter(timeout);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(message, headersTimeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log.UpstreamTimedOut(logger, Name, (int)timeout.TotalSeconds);
            return ProviderOutcome.Failure(HubError.UpstreamTimeout(Name), mayFallback: true);
        }
        catch (HttpRequestException ex)
        {
            Log.UpstreamUnavailable(logger, Name, ex.HttpRequestError.ToString());
            return ProviderOutcome.Failure(HubError.UpstreamUnavailable(Name), mayFallback: true);
        }

        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                return await OpenAICompatibleErrorMapper.MapAsync(Name, response, logger, cancellationToken);
            }
        }

        var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return ProviderOutcome.Success(new ProviderResponse(
            (int)response.StatusCode,
            response.Content.Headers.ContentType?.ToString(),
            response.Content.Headers.ContentLength,
            body,
            response));
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
