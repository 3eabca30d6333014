using System.Net.Http.Headers;
using Hub.Gateway.Providers.Upstream;

namespace Hub.Gateway.Providers.OpenAICompatible;

/// <summary>
/// Any upstream that speaks OpenAI's chat completions protocol. The request body goes out as given
/// (but for its profile's documented deviations) and the response is handed back unread, so SSE chunks
/// reach the client as the upstream sends them; only a profile with deviating answers, or a stream
/// whose usage Hub asked for on its own (<see cref="StreamUsageRequest"/>), is read line by line
/// (<see cref="CompatibleStreamFilter"/>).
/// </summary>
internal sealed class OpenAICompatibleProvider(
    string name, ProviderOptions options, string baseUrl, OpenAICompatibleProfile profile, HttpMessageInvoker http, ILogger<OpenAICompatibleProvider> logger)
    : IChatProvider
{
    /// <summary>Azure's current GA data-plane version when none is configured.</summary>
    private const string DefaultAzureApiVersion = "2024-10-21";

    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue AcceptSse = new("text/event-stream");
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    private readonly Uri endpoint = new(baseUrl + "/chat/completions");
    private readonly TimeSpan timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);

    public string Name { get; } = name;

    public IReadOnlyList<string> Models { get; } = options.Models;

    public bool RoutesDownstream => profile.RoutesDownstream;

    /// <summary>OpenAI's reasoning models refuse <c>max_tokens</c>; other OpenAI-compatible servers know only <c>max_tokens</c>.</summary>
    public string OutputLimitField { get; } =
        string.Equals(name, "openai", StringComparison.OrdinalIgnoreCase) || profile.DeploymentPath ? "max_completion_tokens" : "max_tokens";

    public async Task<ProviderOutcome> SendAsync(ProviderRequest request, CancellationToken cancellationToken)
    {
        var (body, hiddenUsage) = BodyFor(request);
        using var message = new HttpRequestMessage(HttpMethod.Post, EndpointFor(request.UpstreamModel))
        {
            Content = new ReadOnlyMemoryContent(body),
            Version = System.Net.HttpVersion.Version11,
        };
        message.Content.Headers.ContentType = Json;
        message.Headers.Accept.Add(request.Stream ? AcceptSse : AcceptJson);
        var apiKey = request.Credentials?.ApiKey ?? options.ApiKey;
        if (!string.IsNullOrEmpty(apiKey))
        {
            if (profile.ApiKeyHeader is { } header)
            {
                message.Headers.TryAddWithoutValidation(header, apiKey);
            }
            else
            {
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            }
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
                return await OpenAICompatibleErrorMapper.MapAsync(Name, profile, response, logger, cancellationToken);
            }
        }

        return profile.RewritesAnswers || hiddenUsage is not null
            ? await MendedAnswerAsync(response, request.Stream, hiddenUsage, cancellationToken)
            : ProviderOutcome.Success(new ProviderResponse(
                (int)response.StatusCode,
                response.Content.Headers.ContentType?.ToString(),
                response.Content.Headers.ContentLength,
                await response.Content.ReadAsStreamAsync(cancellationToken),
                response));
    }

    private Uri EndpointFor(string model) => profile.DeploymentPath
        ? new Uri($"{baseUrl}/deployments/{Uri.EscapeDataString(model)}/chat/completions?api-version={Uri.EscapeDataString(options.ApiVersion ?? DefaultAzureApiVersion)}")
        : endpoint;

    /// <summary>The body to send, and the filter that hides the usage Hub asked for when the client did not.</summary>
    private (ReadOnlyMemory<byte> Body, UsageChunkFilter? HiddenUsage) BodyFor(ProviderRequest request)
    {
        var body = request.Body;
        UsageChunkFilter? hiddenUsage = null;
        if (request.Stream && !profile.UsageInEveryStream)
        {
            (body, var added) = StreamUsageRequest.Apply(body);
            hiddenUsage = added ? new UsageChunkFilter(new UsageReport()) : null;
        }

        if (profile.NineCharacterToolCallIds)
        {
            body = MistralToolCallIds.Rewrite(body);
        }

        if (profile.RoutesDownstream && request.Downstream is { } restrictions)
        {
            body = OpenRouterRestrictions.Apply(body, restrictions);
        }

        return (body, hiddenUsage);
    }

    /// <summary>A stream is filtered line by line as it flows; a JSON answer is read (bounded), mended and sent with its new length.</summary>
    private async Task<ProviderOutcome> MendedAnswerAsync(HttpResponseMessage response, bool stream, UsageChunkFilter? hiddenUsage, CancellationToken cancellationToken)
    {
        var contentType = response.Content.Headers.ContentType?.ToString();
        if (stream || contentType?.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase) == true)
        {
            var upstream = await response.Content.ReadAsStreamAsync(cancellationToken);
            return ProviderOutcome.Success(new ProviderResponse(
                200, contentType, null, new CompatibleStreamFilter(upstream, profile, hiddenUsage), response, hiddenUsage?.Report));
        }

        using (response)
        {
            var (body, failure) = await BoundedContent.ReadAnswerAsync(response.Content, Name, cancellationToken);
            if (body is null)
            {
                return failure;
            }

            var mended = AnswerRewriter.Rewrite(body, profile) ?? body;
            return ProviderOutcome.Success(new ProviderResponse((int)response.StatusCode, contentType, mended.Length, new MemoryStream(mended)));
        }
    }
}
