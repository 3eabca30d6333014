using System.Net.Http.Headers;
using Hub.Gateway.Providers.Upstream;

namespace Hub.Gateway.Providers.OpenAICompatible;

/// <summary>
/// Any upstream that speaks OpenAI's chat completions protocol. The request body goes out as given
/// and the response is handed back unread, so SSE chunks reach the client as the upstream sends them.
/// </summary>
internal sealed class OpenAICompatibleProvider(
    string name, ProviderOptions options, string baseUrl, HttpMessageInvoker http, ILogger<OpenAICompatibleProvider> logger) : IChatProvider
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue AcceptSse = new("text/event-stream");
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    private readonly Uri endpoint = new(baseUrl + "/chat/completions");
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
        var apiKey = request.Credentials?.ApiKey ?? options.ApiKey;
        if (!string.IsNullOrEmpty(apiKey))
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        var (response, failure) = await UpstreamCall.SendAsync(http, message, Name, timeout, logger, cancellationToken);
        if (response is null)
        {
            return failure;
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
}
