using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Hub.Core.Providers;
using Hub.Core.Randomness;
using Hub.Gateway.Errors;
using Hub.Gateway.Providers.Translation;
using Hub.Gateway.Providers.Upstream;

namespace Hub.Gateway.Providers.Bedrock;

/// <summary>
/// AWS Bedrock through the Converse API (<c>protocols.md</c> 4). Overview:
/// 1. Translate the OpenAI request (<see cref="BedrockRequestMapper"/>); the client's mistakes are 400s here.
/// 2. <c>POST {base}/model/{modelId}/converse</c> or <c>/converse-stream</c>, the model id URL-encoded in the path.
/// 3. Sign with SigV4 (access key, secret, session token), or, when only an API key is configured, send it as a Bearer token.
/// 4. An error status → <see cref="BedrockErrorMapper"/>.
/// 5. A JSON answer → <see cref="BedrockResponseMapper"/>; a stream → <see cref="BedrockStreamTranslator"/> over a <see cref="ChunkStream"/>.
/// </summary>
internal sealed partial class BedrockProvider(
    string name, ProviderOptions options, string baseUrl, HttpMessageInvoker http, TimeProvider time, IRandomSource random, ILogger<BedrockProvider> logger)
    : IChatProvider
{
    /// <summary>The SigV4 service name of <c>bedrock-runtime</c>.</summary>
    public const string SigningService = "bedrock";

    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue AcceptEventStream = new("application/vnd.amazon.eventstream");

    private readonly SigV4Signer signer = new(time);
    private readonly TimeSpan timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);

    public string Name { get; } = name;

    public IReadOnlyList<string> Models { get; } = options.Models;

    public async Task<ProviderOutcome> SendAsync(ProviderRequest request, CancellationToken cancellationToken)
    {
        // Step 1
        var (parsed, invalid) = OpenAIChatRequest.Parse(request.Body);
        if (parsed is null)
        {
            return ProviderOutcome.Failure(invalid!, mayFallback: false);
        }

        BedrockRequest? converse;
        bool includeUsage;
        using (parsed)
        {
            (converse, invalid) = BedrockRequestMapper.Map(parsed, request.DefaultMaxTokens);
            includeUsage = parsed.IncludeUsage;
        }

        if (converse is null)
        {
            return ProviderOutcome.Failure(invalid!, mayFallback: false);
        }

        // Step 2
        var credentials = request.Credentials ?? options.Credentials();
        var region = credentials.Region ?? options.Region ?? KnownProviders.DefaultAwsRegion;
        if (!AwsRegion().IsMatch(region))
        {
            // The region names the host the signed request goes to: never let a malformed one steer it.
            Log.CredentialsMissing(logger, Name, "region");
            return ProviderOutcome.Failure(HubError.ProviderAuthFailed(Name), mayFallback: true);
        }

        var root = string.IsNullOrWhiteSpace(options.BaseUrl) ? $"https://bedrock-runtime.{region}.amazonaws.com" : baseUrl;
        var operation = request.Stream ? "/converse-stream" : "/converse";
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri($"{root}/model/{Uri.EscapeDataString(request.UpstreamModel)}{operation}"))
        {
            Content = new ByteArrayContent(converse.Body),
            Version = System.Net.HttpVersion.Version11,
        };
        message.Content.Headers.ContentType = Json;
        message.Headers.Accept.Add(request.Stream ? AcceptEventStream : AcceptJson);

        // Step 3
        if (!string.IsNullOrEmpty(credentials.AccessKeyId) && !string.IsNullOrEmpty(credentials.SecretAccessKey))
        {
            signer.Sign(message, converse.Body, new AwsCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken), region, SigningService);
        }
        else if (!string.IsNullOrEmpty(credentials.ApiKey))
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credentials.ApiKey);
        }
        else
        {
            Log.CredentialsMissing(logger, Name, "credentials");
            return ProviderOutcome.Failure(HubError.ProviderAuthFailed(Name), mayFallback: true);
        }

        var (response, failure) = await UpstreamCall.SendAsync(http, message, Name, timeout, logger, cancellationToken);
        if (response is null)
        {
            return failure;
        }

        // Step 4
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                return await BedrockErrorMapper.MapAsync(Name, response, logger, cancellationToken);
            }
        }

        // Step 5
        var context = new BedrockAnswerContext(Name, CompletionIds.New(random), time.GetUtcNow().ToUnixTimeSeconds(), request.UpstreamModel, converse.JsonToolAnswers, includeUsage);
        var usage = new UsageReport();
        if (request.Stream)
        {
            var upstream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var events = BedrockStreamTranslator.TranslateAsync(upstream, context, usage, logger, CancellationToken.None);
            return ProviderOutcome.Success(new ProviderResponse(200, "text/event-stream", null, new ChunkStream(events, response), response, usage));
        }

        using (response)
        {
            return await TranslateAnswerAsync(response, context, usage, cancellationToken);
        }
    }

    private async Task<ProviderOutcome> TranslateAnswerAsync(HttpResponseMessage response, BedrockAnswerContext context, UsageReport usage, CancellationToken cancellationToken)
    {
        var (body, failure) = await BoundedContent.ReadAnswerAsync(response.Content, Name, cancellationToken);
        if (body is null)
        {
            Log.AnswerMalformed(logger, Name, -1);
            return failure;
        }

        if (BedrockResponseMapper.Map(body, context) is not { } answer)
        {
            Log.AnswerMalformed(logger, Name, body.Length);
            return ProviderOutcome.Failure(HubError.UpstreamInvalidResponse(Name), mayFallback: true);
        }

        if (!answer.KnownStopReason)
        {
            BedrockStopReasons.LogUnknown(logger, Name, answer.StopReason ?? "none");
        }

        usage.Value = answer.Completion.Usage.ToTokenUsage();
        var json = ChatCompletionWriter.Write(answer.Completion);
        return ProviderOutcome.Success(new ProviderResponse(200, "application/json", json.Length, new MemoryStream(json), usage: usage));
    }

    /// <summary>AWS region names: <c>us-east-1</c>, <c>eu-central-2</c>, <c>us-gov-west-1</c>.</summary>
    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$")]
    private static partial Regex AwsRegion();

    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.BedrockCredentialsMissing, EventName = "BedrockCredentialsMissing", Level = LogLevel.Warning,
            Message = "Provider {Provider} (Bedrock) has no usable {Missing}: set AccessKeyId and SecretAccessKey (or ApiKey) and a valid Region")]
        public static partial void CredentialsMissing(ILogger logger, string provider, string missing);

        [LoggerMessage(EventId = Diagnostics.EventIds.BedrockAnswerMalformed, EventName = "BedrockAnswerMalformed", Level = LogLevel.Warning,
            Message = "Provider {Provider} (Bedrock) answered 200 with a body that is not a Converse answer ({Bytes} bytes; -1: over the limit)")]
        public static partial void AnswerMalformed(ILogger logger, string provider, int bytes);
    }
}
