using System.Net.Http.Headers;
using Hub.Core.Randomness;
using Hub.Gateway.Errors;
using Hub.Gateway.Providers.Translation;
using Hub.Gateway.Providers.Upstream;

namespace Hub.Gateway.Providers.Gemini;

/// <summary>
/// Google Gemini through the Generative Language API. The OpenAI request is translated
/// (<see cref="GeminiRequestMapper"/>) and sent to <c>models/{model}:generateContent</c>, or to
/// <c>:streamGenerateContent?alt=sse</c> for a stream, with the key in <c>x-goog-api-key</c> (never in
/// the <c>?key=</c> query, which ends up in access logs). A whole answer is read (bounded) and mapped;
/// a stream is translated event by event as the relay reads it.
/// </summary>
internal sealed class GeminiProvider(
    string name, ProviderOptions options, string baseUrl, HttpMessageInvoker http, TimeProvider time, IRandomSource random, ILogger<GeminiProvider> logger) : IChatProvider
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue AcceptSse = new("text/event-stream");
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    private readonly TimeSpan timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);

    public string Name { get; } = name;

    public IReadOnlyList<string> Models { get; } = options.Models;

    public async Task<ProviderOutcome> SendAsync(ProviderRequest request, CancellationToken cancellationToken)
    {
        var (openAI, invalid) = OpenAIChatRequest.Parse(request.Body);
        if (openAI is null)
        {
            return ProviderOutcome.Failure(invalid!, mayFallback: false);
        }

        byte[]? body;
        bool includeUsage;
        using (openAI)
        {
            (body, invalid) = GeminiRequestMapper.Map(openAI, request.UpstreamModel);
            includeUsage = openAI.IncludeUsage;
        }

        if (body is null)
        {
            return ProviderOutcome.Failure(invalid!, mayFallback: false);
        }

        using var message = new HttpRequestMessage(HttpMethod.Post, Endpoint(request.UpstreamModel, request.Stream))
        {
            Content = new ByteArrayContent(body),
            Version = System.Net.HttpVersion.Version11,
        };
        message.Content.Headers.ContentType = Json;
        message.Headers.Accept.Add(request.Stream ? AcceptSse : AcceptJson);
        var apiKey = request.Credentials?.ApiKey ?? options.ApiKey;
        if (!string.IsNullOrEmpty(apiKey))
        {
            message.Headers.TryAddWithoutValidation("x-goog-api-key", apiKey);
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
                var (outcome, error) = await GeminiErrorMapper.MapAsync(Name, response, cancellationToken);
                GeminiLog.UpstreamFailed(logger, Name, (int)response.StatusCode, error?.Status ?? "", error?.Reason ?? "");
                return outcome;
            }
        }

        var id = CompletionIds.New(random);
        var created = time.GetUtcNow().ToUnixTimeSeconds();
        if (request.Stream)
        {
            var usage = new UsageReport();
            var translator = new GeminiStreamTranslator(new GeminiStreamContext(Name, request.UpstreamModel, id, created, includeUsage), random, usage, logger);
            var upstream = await response.Content.ReadAsStreamAsync(cancellationToken);
            return ProviderOutcome.Success(new ProviderResponse(
                StatusCodes.Status200OK, "text/event-stream", null, new ChunkStream(translator.TranslateAsync(upstream, default)), response, usage));
        }

        using (response)
        {
            return await ReadAnswerAsync(response, request.UpstreamModel, id, created, cancellationToken);
        }
    }

    /// <summary><c>{base}/models/{model}:generateContent</c>; the model id is escaped, since it is a path segment.</summary>
    private Uri Endpoint(string model, bool stream) =>
        new($"{baseUrl}/models/{Uri.EscapeDataString(model)}:{(stream ? "streamGenerateContent?alt=sse" : "generateContent")}");

    private async Task<ProviderOutcome> ReadAnswerAsync(HttpResponseMessage response, string model, string id, long created, CancellationToken cancellationToken)
    {
        var (bytes, failure) = await BoundedContent.ReadAnswerAsync(response.Content, Name, cancellationToken);
        if (bytes is null)
        {
            GeminiLog.AnswerUnreadable(logger, Name, BoundedContent.MaxAnswerBytes);
            return failure;
        }

        var answer = GeminiResponseReader.TryRead(bytes);
        if (answer is null || answer.Error is not null)
        {
            GeminiLog.AnswerUnreadable(logger, Name, BoundedContent.MaxAnswerBytes);
            return ProviderOutcome.Failure(HubError.UpstreamInvalidResponse(Name), mayFallback: true);
        }

        var completion = GeminiResponseMapper.Map(answer, model, id, created, random);
        if (!GeminiResponseMapper.FinishReason(answer.FinishReason, answer.BlockReason, completion.ToolCalls.Count > 0).Known)
        {
            GeminiLog.UnknownFinishReason(logger, Name, answer.FinishReason!);
        }

        var json = ChatCompletionWriter.Write(completion);
        var usage = new UsageReport { Value = answer.Usage?.ToChatUsage().ToTokenUsage() };
        return ProviderOutcome.Success(new ProviderResponse(StatusCodes.Status200OK, "application/json", json.Length, new MemoryStream(json), null, usage));
    }
}
