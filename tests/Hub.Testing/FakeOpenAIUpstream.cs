using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hub.Testing;

/// <summary>
/// An OpenAI-compatible upstream on a real Kestrel port, speaking the exact wire format: JSON
/// completions, SSE chunks flushed one by one (with <c>stream_options.include_usage</c>), tool calls
/// in deltas, and OpenAI error bodies. The model name picks the behaviour (see <see cref="Models"/>;
/// routing tests add a suffix such as <c>.e500</c>, see <see cref="Outcomes"/>). It is deterministic, so
/// a test can compare the gateway's bytes with the fake's own.
/// Under a path prefix it plays one provider with its documented deviations (<see cref="FakeFlavor"/>):
/// <c>{BaseUrl}/together/v1</c>, <c>/mistral/v1</c>, <c>/openrouter/v1</c>, <c>/azure/openai</c>; any other
/// prefix (<c>/rt-a/v1</c>) is plain OpenAI, recorded under that name.
/// </summary>
public sealed partial class FakeOpenAIUpstream : FakeUpstream
{
    public const string ApiKey = "sk-fake-upstream-key";

    private readonly TaskCompletionSource slowStreamAborted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource breakStreams = new(TaskCreationOptions.RunContinuationsAsynchronously);


    /// <summary>The base URL a provider is configured with, e.g. <c>http://127.0.0.1:5555/v1</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The base URL of the fake playing <paramref name="provider"/> (see <see cref="FakeFlavor"/>).</summary>
    public string BaseUrlFor(string provider) => provider == "azure" ? $"{Root}/azure/openai" : $"{Root}/{provider}/v1";

    /// <summary>Every request received, in order: exact body bytes and the headers that matter.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Completes when a client of <see cref="Models.Slow"/> went away (the gateway cancelled the upstream call).</summary>
    public Task SlowStreamAborted => slowStreamAborted.Task;

    /// <summary>Lets <see cref="Models.Broken"/> streams drop their connection (after the test saw the first chunk).</summary>
    public void BreakStreams() => breakStreams.TrySetResult();

    public static async Task<FakeOpenAIUpstream> StartAsync()
    {
        var fake = new FakeOpenAIUpstream();
        await StartAsync(fake, app =>
        {
            app.MapPost("/v1/chat/completions", context => fake.HandleAsync(context, FakeFlavor.OpenAI));
            app.MapPost("/azure/openai/deployments/{deployment}/chat/completions", context => fake.HandleAsync(context, FakeFlavor.Azure));
            app.MapPost("/{provider}/v1/chat/completions", context => fake.HandleAsync(context, FakeFlavor.For((string)context.GetRouteValue("provider")!)));
            fake.MapModelList(app);
        });
        fake.BaseUrl = fake.Root + "/v1";
        return fake;
    }


    private async Task HandleAsync(HttpContext context, FakeFlavor flavor)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        Requests.Enqueue(new RecordedRequest(body, context.Request.Headers.Authorization.ToString(), context.Request.Headers.Accept.ToString())
        {
            Provider = flavor.Name,
            PathAndQuery = context.Request.Path + context.Request.QueryString,
            ApiKeyHeader = context.Request.Headers["api-key"].ToString(),
        });

        if (!flavor.IsAuthorized(context.Request, this))
        {
            await flavor.WriteErrorAsync(context, 401, "Incorrect API key provided: sk-wrong.", "invalid_request_error", null, "invalid_api_key");
            return;
        }

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var model = flavor.ModelOf(context, root);
        var stream = root.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        var includeUsage = root.TryGetProperty("stream_options", out var so) && so.TryGetProperty("include_usage", out var iu) && iu.ValueKind == JsonValueKind.True;
        var hasToolResult = root.GetProperty("messages").EnumerateArray().Any(m => m.GetProperty("role").ValueEquals("tool"u8));

        if (flavor.Refuses(root) is { } refusal)
        {
            await WriteJsonAsync(context, refusal, 400);
            return;
        }

        if (flavor.ForbidsExtraInput(root) is { } unprocessable)
        {
            await WriteJsonAsync(context, unprocessable, 422);
            return;
        }

        if (await Outcomes.TryWriteAsync(context, flavor, model))
        {
            return;
        }

        var answer = new Answer(model, flavor);
        switch (model)
        {
            case Models.Error400:
                await flavor.WriteErrorAsync(context, 400, "Invalid value for 'temperature': must be between 0 and 2.", "invalid_request_error", "temperature", "invalid_value");
                return;
            case Models.Error429:
                await flavor.WriteErrorAsync(context, 429, "Rate limit reached for requests.", "requests", null, "rate_limit_exceeded");
                return;
            case Models.Error500:
                await flavor.WriteErrorAsync(context, 500, "The server had an error while processing your request.", "server_error", null, null);
                return;
            case Models.Slow:
                await WriteSlowStreamAsync(context);
                return;
            case Models.Broken:
                await WriteBrokenStreamAsync(context);
                return;
            case Models.MidStreamError:
                await answer.WriteStreamErrorAsync(context);
                return;
            case Models.NoUsage:
                await (stream ? answer.WriteTextStreamAsync(context, Reply, includeUsage: false) : WriteJsonAsync(context, answer.TextCompletion(Reply)));
                return;
            case Models.Trickle:
                context.Response.Body = new TrickleBody(context.Response.Body);
                await answer.WriteTextStreamAsync(context, Reply, includeUsage);
                return;
            case Models.Tools when !hasToolResult:
                await (stream ? answer.WriteToolCallStreamAsync(context, includeUsage) : WriteJsonAsync(context, answer.ToolCallCompletion()));
                return;
            default:
                var text = hasToolResult ? "The weather in Paris is sunny." : Reply;
                await (stream ? answer.WriteTextStreamAsync(context, text, includeUsage) : WriteJsonAsync(context, answer.TextCompletion(text)));
                return;
        }
    }

    public const string Reply = "Hello from the fake upstream.";
    public const string CompletionId = "chatcmpl-fake0001";
    public const long Created = 1_700_000_000;

    public static class Models
    {
        /// <summary>Text answer <see cref="Reply"/>, streamed word by word when asked.</summary>
        public const string Text = "fake-model";
        /// <summary>Two parallel tool calls (get_weather, get_time); after a tool result, a text answer.</summary>
        public const string Tools = "fake-tools";
        public const string Error400 = "fake-error-400";
        public const string Error429 = "fake-error-429";
        public const string Error500 = "fake-error-500";
        /// <summary>Streams the first chunk, then waits until the caller goes away.</summary>
        public const string Slow = "fake-slow";
        /// <summary>Streams one chunk, then drops the connection once <see cref="BreakStreams"/> is called.</summary>
        public const string Broken = "fake-broken";
        /// <summary>Streams a few chunks, then an error event after the 200 (OpenRouter's shape under /openrouter).</summary>
        public const string MidStreamError = "fake-midstream-error";
        /// <summary>Ends its answer for length, in the flavor's own words (Mistral: <c>model_length</c>).</summary>
        public const string Length = "fake-length";
        /// <summary>Like <see cref="Text"/>, but ignores <c>stream_options</c>: its streams never carry usage.</summary>
        public const string NoUsage = "fake-no-usage";
        /// <summary>Like <see cref="Text"/>, streamed one byte per flush.</summary>
        public const string Trickle = "fake-trickle";
    }

    private static async Task WriteJsonAsync(HttpContext context, string json, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    }

    private static async Task StartStreamAsync(HttpContext context)
    {
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.StartAsync();
    }

    private static async Task WriteEventAsync(HttpContext context, string data)
    {
        await WriteRawAsync(context, $"data: {data}\n\n");
    }

    private static async Task WriteRawAsync(HttpContext context, string text)
    {
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    private async Task WriteSlowStreamAsync(HttpContext context)
    {
        await StartStreamAsync(context);
        await WriteEventAsync(context, new Answer(Models.Slow, FakeFlavor.OpenAI).Chunk("""{"role":"assistant","content":""}""", null, false));
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            slowStreamAborted.TrySetResult();
        }
    }

    private async Task WriteBrokenStreamAsync(HttpContext context)
    {
        await StartStreamAsync(context);
        await WriteEventAsync(context, new Answer(Models.Broken, FakeFlavor.OpenAI).Chunk("""{"role":"assistant","content":"Par"}""", null, false));
        await breakStreams.Task.WaitAsync(context.RequestAborted);
        context.Abort();
    }
}

/// <summary>A response body that sends every byte on its own (one flush each), to split events at every byte.</summary>
internal sealed class TrickleBody(Stream inner) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < buffer.Length; i++)
        {
            await inner.WriteAsync(buffer.Slice(i, 1), cancellationToken);
            await inner.FlushAsync(cancellationToken);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Write asynchronously.");
}

/// <summary>A request as the fake received it.</summary>
/// <param name="Authorization">The <c>Authorization</c> header.</param>
public sealed record RecordedRequest(byte[] Body, string Authorization, string Accept)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>The provider the fake played: <c>openai</c> at <c>/v1</c>, else the path prefix (<c>together</c>, <c>rt-a</c>, <c>azure</c>).</summary>
    public string Provider { get; init; } = "openai";

    public string PathAndQuery { get; init; } = "";

    /// <summary>Azure's <c>api-key</c> header.</summary>
    public string ApiKeyHeader { get; init; } = "";
}
