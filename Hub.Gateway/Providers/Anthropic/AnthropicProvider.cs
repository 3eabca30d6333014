using System.Net.Http.Headers;
using Hub.Core.Randomness;
using Hub.Gateway.Errors;
using Hub.Gateway.Providers.Translation;
using Hub.Gateway.Providers.Upstream;

namespace Hub.Gateway.Providers.Anthropic;

/// <summary>
/// Anthropic's Messages API (<c>POST {BaseUrl}/messages</c>) behind OpenAI's chat completions:
/// 1. parse the OpenAI request and map it (a request Anthropic cannot take is refused with 400 here);
/// 2. send it with <c>x-api-key</c> and <c>anthropic-version</c> (no bearer token);
/// 3. map an error answer (<see cref="AnthropicErrorMapper"/>);
/// 4. translate the answer: a JSON message at once, a stream event by event as the client reads it.
/// </summary>
internal sealed partial class AnthropicProvider(
    string name, ProviderOptions options, string baseUrl, HttpMessageInvoker http, TimeProvider time, IRandomSource random, ILogger<AnthropicProvider> logger)
    : IChatProvider
{
    /// <summary>The one current version of the Messages API; required on every request.</summary>
    public const string ApiVersion = "2023-06-01";

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly Uri endpoint = new(baseUrl + "/messages");
    private readonly TimeSpan timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);

    public string Name { get; } = name;

    public IReadOnlyList<string> Models { get; } = options.Models;

    public async Task<ProviderOutcome> SendAsync(ProviderRequest request, CancellationToken cancellationToken)
    {
        // Step 1
        var (openAI, invalid) = OpenAIChatRequest.Parse(request.Body);
        if (openAI is null)
        {
            return ProviderOutcome.Failure(invalid!, mayFallback: false);
        }

        AnthropicRequest? mapped;
        bool includeUsage;
        using (openAI)
        {
            (mapped, invalid) = AnthropicRequestMapper.Map(openAI, request.UpstreamModel, request.Stream, request.DefaultMaxTokens);
            includeUsage = openAI.IncludeUsage;
        }

        if (mapped is null)
        {
            return ProviderOutcome.Failure(invalid!, mayFallback: false);
        }

        // Step 2
        using var message = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new ByteArrayContent(mapped.Body),
            Version = System.Net.HttpVersion.Version11,
        };
        message.Content.Headers.ContentType = Json;
        message.Headers.Add("anthropic-version", ApiVersion);
        var apiKey = request.Credentials?.ApiKey ?? options.ApiKey;
        if (!string.IsNullOrEmpty(apiKey))
        {
            message.Headers.Add("x-api-key", apiKey);
        }

        var (response, failure) = await UpstreamCall.SendAsync(http, message, Name, timeout, logger, cancellationToken);
        if (response is null)
        {
            return failure;
        }

        // Step 3
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                return await MapErrorAsync(response, cancellationToken);
            }
        }

        // Step 4
        var created = time.GetUtcNow().ToUnixTimeSeconds();
        var usage = new UsageReport();
        if (request.Stream)
        {
            var upstream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var translator = new AnthropicStreamTranslator(new(Name, created, request.UpstreamModel, includeUsage, mapped.JsonMode, usage), random, logger);
            var body = new ChunkStream(translator.TranslateAsync(upstream, CancellationToken.None), response);
            return ProviderOutcome.Success(new ProviderResponse(StatusCodes.Status200OK, "text/event-stream; charset=utf-8", null, body, usage: usage));
        }

        using (response)
        {
            return await TranslateAnswerAsync(response, request.UpstreamModel, created, mapped.JsonMode, usage, cancellationToken);
        }
    }

    private async Task<ProviderOutcome> TranslateAnswerAsync(
        HttpResponseMessage response, string model, long created, bool jsonMode, UsageReport usage, CancellationToken cancellationToken)
    {
        var (bytes, failure) = await BoundedContent.ReadAnswerAsync(response.Content, Name, cancellationToken);
        if (bytes is null)
        {
            AnthropicLog.AnswerUnreadable(logger, Name);
            return failure;
        }

        if (AnthropicWire.ReadMessage(bytes) is not { } answer)
        {
            AnthropicLog.AnswerUnreadable(logger, Name);
            return ProviderOutcome.Failure(HubError.UpstreamInvalidResponse(Name), mayFallback: true);
        }

        var completion = AnthropicResponseMapper.Map(answer, answer.Id ?? CompletionIds.New(random), created, model, jsonMode);
        if (answer.StopReason is { } stopReason && !AnthropicResponseMapper.IsKnownStopReason(stopReason))
        {
            AnthropicLog.UnknownStopReason(logger, Name, stopReason);
        }

        usage.Value = completion.Usage.ToTokenUsage();
        var json = ChatCompletionWriter.Write(completion);
        return ProviderOutcome.Success(new ProviderResponse(StatusCodes.Status200OK, "application/json", json.Length, new MemoryStream(json), usage: usage));
    }

    private async Task<ProviderOutcome> MapErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var body = await BoundedContent.ReadAsync(response.Content, BoundedContent.MaxErrorBytes, cancellationToken);
        var (error, mayFallback) = AnthropicErrorMapper.FromResponse(Name, status, body);
        AnthropicLog.UpstreamFailed(logger, Name, status, error.Code ?? error.Type);
        return ProviderOutcome.Failure(error, mayFallback);
    }
}
