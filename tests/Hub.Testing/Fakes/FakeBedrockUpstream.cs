using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Hub.Testing.Fakes;

/// <summary>
/// AWS Bedrock's Converse API on a real Kestrel port: <c>POST /model/{modelId}/converse</c> and
/// <c>/converse-stream</c>. It checks the SigV4 signature itself (<see cref="FakeBedrockSignature"/>,
/// an implementation independent of the gateway's) or a Bedrock API key, validates the request as
/// Bedrock does (<see cref="FakeBedrockValidation"/>), answers Converse JSON, and streams real binary
/// event-stream frames (<see cref="EventStreamFrames"/>) cut at arbitrary byte boundaries. Errors carry
/// the status, <c>x-amzn-ErrorType</c> and <c>{"message"}</c> AWS sends. The model id picks the behaviour.
/// </summary>
public sealed partial class FakeBedrockUpstream : FakeUpstream
{
    public const string Region = "us-east-1";
    public const string AccessKeyId = "AKIDFAKEBEDROCK00001";
    public const string SecretAccessKey = "fakeBedrockSecret/K7MDENG+bPxRfiCYEXAMPLEKEY";

    /// <summary>Temporary credentials: this key id is valid only with <see cref="SessionToken"/>.</summary>
    public const string SessionAccessKeyId = "ASIAFAKEBEDROCK00002";
    public const string SessionSecretAccessKey = "fakeSessionSecret/bPxRfiCYEXAMPLEKEY+K7MDENG";
    public const string SessionToken = "IQoJb3JpZ2luX2VjEFAKE//////////wEaCXVzLWVhc3QtMSJHMEUCIQDfake";

    /// <summary>A Bedrock API key, sent as <c>Authorization: Bearer</c>.</summary>
    public const string ApiKey = "ABSKZmFrZS1iZWRyb2NrLWFwaS1rZXk=";

    public const string Reply = "Hello from the fake Bedrock.";
    public const string ToolAnswer = "The weather in Paris is sunny.";

    private readonly ConcurrentDictionary<string, (string Secret, string? Token)> keys = new()
    {
        [AccessKeyId] = (SecretAccessKey, null),
        [SessionAccessKeyId] = (SessionSecretAccessKey, SessionToken),
    };

    private readonly TimeProvider clock;

    private FakeBedrockUpstream(TimeProvider clock) => this.clock = clock;

    /// <summary>Accepts SigV4 signatures made with this AWS key too: an organization's own, stored through BYOK.</summary>
    public void AcceptAwsKey(string accessKeyId, string secretAccessKey, string? sessionToken = null) =>
        keys[accessKeyId] = (secretAccessKey, sessionToken);

    /// <summary>The base URL a provider is configured with, e.g. <c>http://127.0.0.1:5555</c> (no path, as Bedrock's).</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Every request received, in order, whether it was accepted or not.</summary>
    public ConcurrentQueue<BedrockRecordedRequest> Requests { get; } = new();

    public static class Models
    {
        /// <summary>Text answer <see cref="Reply"/> (a real model id: its colon tests the path encoding).</summary>
        public const string Text = "anthropic.claude-3-5-sonnet-20240620-v1:0";
        /// <summary>An inference profile ARN: a slash inside the model id.</summary>
        public const string Arn = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-fake-v1:0";
        /// <summary>A text block, then two parallel tool calls (get_weather, get_time); after the tool results, <see cref="ToolAnswer"/>.</summary>
        public const string Tools = "fake.tools-v1:0";
        public const string Error400 = "fake.error-400-v1:0";
        public const string Error403 = "fake.error-403-v1:0";
        public const string Error404 = "fake.error-404-v1:0";
        public const string Error408 = "fake.error-408-v1:0";
        public const string Error424 = "fake.error-424-v1:0";
        public const string Error429 = "fake.error-429-v1:0";
        public const string Error500 = "fake.error-500-v1:0";
        public const string Error503 = "fake.error-503-v1:0";
        /// <summary>Streams a first text delta, then a <c>throttlingException</c> frame.</summary>
        public const string StreamThrottled = "fake.stream-throttled-v1:0";
        /// <summary>Streams a first text delta, then a frame whose message CRC is wrong.</summary>
        public const string StreamCorrupt = "fake.stream-corrupt-v1:0";
        /// <summary>Streams up to messageStop and half of the metadata frame, then ends the response.</summary>
        public const string StreamTruncated = "fake.stream-truncated-v1:0";
    }

    public static async Task<FakeBedrockUpstream> StartAsync(TimeProvider? clock = null)
    {
        var fake = new FakeBedrockUpstream(clock ?? TimeProvider.System);
        await StartAsync(fake, app =>
        {
            app.MapWhen(context => context.Request.Path == ListFoundationModelsPath, list => list.Run(fake.ListFoundationModelsAsync));
            app.Run(fake.HandleAsync);
        });
        fake.BaseUrl = fake.Root;
        return fake;
    }

    /// <summary>
    /// Gateway settings for four providers on this fake: <c>bedrock</c> (SigV4), <c>bedrock-sts</c>
    /// (temporary credentials with a session token), <c>bedrock-apikey</c> (a Bedrock API key) and
    /// <c>bedrock-badsecret</c> (a wrong secret: every signature is refused).
    /// </summary>
    public Dictionary<string, string> ProviderSettings()
    {
        (string Id, string Key, string Value)[] credentials =
        [
            ("bedrock", "AccessKeyId", AccessKeyId),
            ("bedrock", "SecretAccessKey", SecretAccessKey),
            ("bedrock-sts", "AccessKeyId", SessionAccessKeyId),
            ("bedrock-sts", "SecretAccessKey", SessionSecretAccessKey),
            ("bedrock-sts", "SessionToken", SessionToken),
            ("bedrock-apikey", "ApiKey", ApiKey),
            ("bedrock-badsecret", "AccessKeyId", AccessKeyId),
            ("bedrock-badsecret", "SecretAccessKey", "wrong" + SecretAccessKey),
        ];
        var settings = new Dictionary<string, string>();
        foreach (var (id, key, value) in credentials)
        {
            settings[$"Providers:{id}:Protocol"] = "bedrock";
            settings[$"Providers:{id}:BaseUrl"] = BaseUrl;
            settings[$"Providers:{id}:Region"] = Region;
            settings[$"Providers:{id}:{key}"] = value;
        }

        return settings;
    }


    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var rawTarget = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var segments = rawTarget.Split('/');
        var modelId = segments.Length == 4 && segments[1] == "model" ? Uri.UnescapeDataString(segments[2]) : "";
        var operation = segments.Length == 4 ? segments[3] : "";
        Requests.Enqueue(new BedrockRecordedRequest(rawTarget, modelId, operation, body,
            context.Request.Headers.ToDictionary(header => header.Key.ToLowerInvariant(), header => header.Value.ToString())));

        if (context.Request.Method != "POST" || modelId.Length == 0 || operation is not ("converse" or "converse-stream"))
        {
            await WriteErrorAsync(context, new AwsRefusal(404, "UnknownOperationException", "The requested operation is not recognized by the service."));
            return;
        }

        if (Authenticate(context.Request, rawTarget, body) is { } refusal)
        {
            await WriteErrorAsync(context, refusal);
            return;
        }

        using var json = JsonDocument.Parse(body);
        if (FakeBedrockValidation.Validate(json.RootElement) is { } invalid)
        {
            await WriteErrorAsync(context, new AwsRefusal(400, "ValidationException", invalid));
            return;
        }

        if (ErrorFor(modelId) is { } error)
        {
            await WriteErrorAsync(context, error);
            return;
        }

        var answer = FakeBedrockAnswers.For(modelId, json.RootElement);
        if (operation == "converse")
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer.ToJson(), context.RequestAborted);
            return;
        }

        context.Response.ContentType = "application/vnd.amazon.eventstream";
        context.Response.Headers["x-amzn-RequestId"] = "fake-request-id";
        await context.Response.StartAsync(context.RequestAborted);
        await EventStreamFrames.WriteInPiecesAsync(context.Response.Body, FakeBedrockAnswers.Stream(modelId, answer), context.RequestAborted);
    }

    private AwsRefusal? Authenticate(HttpRequest request, string rawTarget, byte[] body)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return authorization == $"Bearer {ApiKey}" || Accepts(authorization["Bearer ".Length..]) ? null : new AwsRefusal(403, "AccessDeniedException", "Invalid API Key format: Must start with pre-defined prefix");
        }

        return FakeBedrockSignature.Verify(request, rawTarget, body, keys, Region, clock.GetUtcNow());
    }

    private static AwsRefusal? ErrorFor(string modelId) => modelId switch
    {
        Models.Error400 => new(400, "ValidationException", "The provided request is not valid: messages.0.content.0.text exceeds the model's limit."),
        Models.Error403 => new(403, "AccessDeniedException", "You don't have access to the model with the specified model ID."),
        Models.Error404 => new(404, "ResourceNotFoundException", "The provided model identifier is invalid."),
        Models.Error408 => new(408, "ModelTimeoutException", "Model has timed out in processing the request. Try your request again."),
        Models.Error424 => new(424, "ModelErrorException", "The model produced an invalid response."),
        Models.Error429 => new(429, "ThrottlingException", "Too many requests, please wait before trying again."),
        Models.Error500 => new(500, "InternalServerException", "The server encountered an internal error."),
        Models.Error503 => new(503, "ServiceUnavailableException", "Bedrock is unable to process your request."),
        _ => null,
    };

    private static async Task WriteErrorAsync(HttpContext context, AwsRefusal refusal)
    {
        context.Response.StatusCode = refusal.Status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["x-amzn-ErrorType"] = $"{refusal.ErrorType}:http://internal.amazon.com/coral/com.amazon.bedrock/";
        context.Response.Headers["x-amzn-RequestId"] = "fake-request-id";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { message = refusal.Message }), context.RequestAborted);
    }
}

/// <param name="RawTarget">The request target exactly as sent, e.g. <c>/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse</c>.</param>
/// <param name="ModelId">The model id decoded from the path.</param>
/// <param name="Operation"><c>converse</c> or <c>converse-stream</c>.</param>
/// <param name="Headers">Every request header, names lower-cased.</param>
public sealed record BedrockRecordedRequest(string RawTarget, string ModelId, string Operation, byte[] Body, IReadOnlyDictionary<string, string> Headers)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}
