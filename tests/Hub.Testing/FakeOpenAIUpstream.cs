using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hub.Testing;

/// <summary>
/// An OpenAI-compatible upstream on a real Kestrel port, speaking the exact wire format: JSON
/// completions, SSE chunks flushed one by one (with <c>stream_options.include_usage</c>), tool calls
/// in deltas, and OpenAI error bodies. The model name picks the behaviour (see <see cref="Models"/>).
/// It is deterministic, so a test can compare the gateway's bytes with the fake's own.
/// </summary>
public sealed class FakeOpenAIUpstream : IAsyncDisposable
{
    public const string ApiKey = "sk-fake-upstream-key";

    private readonly WebApplication app;
    private readonly TaskCompletionSource slowStreamAborted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource breakStreams = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeOpenAIUpstream(WebApplication app) => this.app = app;

    /// <summary>The base URL a provider is configured with, e.g. <c>http://127.0.0.1:5555/v1</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Every request received, in order: exact body bytes and the headers that matter.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Completes when a client of <see cref="Models.Slow"/> went away (the gateway cancelled the upstream call).</summary>
    public Task SlowStreamAborted => slowStreamAborted.Task;

    /// <summary>Lets <see cref="Models.Broken"/> streams drop their connection (after the test saw the first chunk).</summary>
    public void BreakStreams() => breakStreams.TrySetResult();

    public static async Task<FakeOpenAIUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeOpenAIUpstream(app);
        app.MapPost("/v1/chat/completions", fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUrl = address + "/v1";
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        Requests.Enqueue(new RecordedRequest(body, context.Request.Headers.Authorization.ToString(), context.Request.Headers.Accept.ToString()));

        if (context.Request.Headers.Authorization != $"Bearer {ApiKey}")
        {
            await WriteErrorAsync(context, 401, "Incorrect API key provided: sk-wrong.", "invalid_request_error", null, "invalid_api_key");
            return;
        }

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var model = root.GetProperty("model").GetString()!;
        var stream = root.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        var includeUsage = root.TryGetProperty("stream_options", out var so) && so.TryGetProperty("include_usage", out var iu) && iu.ValueKind == JsonValueKind.True;
        var hasToolResult = root.GetProperty("messages").EnumerateArray().Any(m => m.GetProperty("role").ValueEquals("tool"u8));

        switch (model)
        {
            case Models.Error400:
                await WriteErrorAsync(context, 400, "Invalid value for 'temperature': must be between 0 and 2.", "invalid_request_error", "temperature", "invalid_value");
                return;
            case Models.Error429:
                await WriteErrorAsync(context, 429, "Rate limit reached for requests.", "requests", null, "rate_limit_exceeded");
                return;
            case Models.Error500:
                await WriteErrorAsync(context, 500, "The server had an error while processing your request.", "server_error", null, null);
                return;
            case Models.Slow:
                await WriteSlowStreamAsync(context);
                return;
            case Models.Broken:
                await WriteBrokenStreamAsync(context);
                return;
            case Models.Tools when !hasToolResult:
                await (stream ? WriteToolCallStreamAsync(context, model, includeUsage) : WriteJsonAsync(context, ToolCallCompletion(model)));
                return;
            default:
                var text = hasToolResult ? "The weather in Paris is sunny." : Reply;
                await (stream ? WriteTextStreamAsync(context, model, text, includeUsage) : WriteJsonAsync(context, TextCompletion(model, text)));
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
    }

    private static string Usage(int completionTokens) =>
        $$$"""{"prompt_tokens":19,"completion_tokens":{{{completionTokens}}},"total_tokens":{{{19 + completionTokens}}},"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}""";

    private static string TextCompletion(string model, string text) =>
        $$"""{"id":"{{CompletionId}}","object":"chat.completion","created":{{Created}},"model":"{{model}}","choices":[{"index":0,"message":{"role":"assistant","content":{{JsonSerializer.Serialize(text)}},"refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],"usage":{{Usage(7)}},"service_tier":"default","system_fingerprint":"fp_fake"}""";

    private static string ToolCallCompletion(string model) =>
        $$$"""{"id":"{{{CompletionId}}}","object":"chat.completion","created":{{{Created}}},"model":"{{{model}}}","choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_weather01","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},{"id":"call_time0002","type":"function","function":{"name":"get_time","arguments":"{\"tz\":\"CET\"}"}}],"refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"tool_calls"}],"usage":{{{Usage(30)}}},"service_tier":"default","system_fingerprint":"fp_fake"}""";

    private static string Chunk(string model, string delta, string? finishReason, bool includeUsage) =>
        $$"""{"id":"{{CompletionId}}","object":"chat.completion.chunk","created":{{Created}},"model":"{{model}}","service_tier":"default","system_fingerprint":"fp_fake","choices":[{"index":0,"delta":{{delta}},"logprobs":null,"finish_reason":{{(finishReason is null ? "null" : $"\"{finishReason}\"")}}}]{{(includeUsage ? ",\"usage\":null" : "")}}}""";

    private static string UsageChunk(string model, int completionTokens) =>
        $$"""{"id":"{{CompletionId}}","object":"chat.completion.chunk","created":{{Created}},"model":"{{model}}","service_tier":"default","system_fingerprint":"fp_fake","choices":[],"usage":{{Usage(completionTokens)}}}""";

    private static async Task WriteJsonAsync(HttpContext context, string json)
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    }

    private static async Task WriteErrorAsync(HttpContext context, int status, string message, string type, string? param, string? code)
    {
        context.Response.StatusCode = status;
        await WriteJsonAsync(context, JsonSerializer.Serialize(new { error = new { message, type, param, code } }));
    }

    private static async Task StartStreamAsync(HttpContext context)
    {
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.StartAsync();
    }

    private static async Task WriteEventAsync(HttpContext context, string data)
    {
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes($"data: {data}\n\n"), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    private static async Task WriteTextStreamAsync(HttpContext context, string model, string text, bool includeUsage)
    {
        await StartStreamAsync(context);
        await WriteEventAsync(context, Chunk(model, """{"role":"assistant","content":"","refusal":null}""", null, includeUsage));
        foreach (var piece in SplitWords(text))
        {
            await WriteEventAsync(context, Chunk(model, $$"""{"content":{{JsonSerializer.Serialize(piece)}}}""", null, includeUsage));
        }

        await WriteEventAsync(context, Chunk(model, "{}", "stop", includeUsage));
        if (includeUsage)
        {
            await WriteEventAsync(context, UsageChunk(model, 7));
        }

        await WriteEventAsync(context, "[DONE]");
    }

    private static async Task WriteToolCallStreamAsync(HttpContext context, string model, bool includeUsage)
    {
        await StartStreamAsync(context);
        await WriteEventAsync(context, Chunk(model, """{"role":"assistant","content":null}""", null, includeUsage));
        string[] deltas =
        [
            """{"tool_calls":[{"index":0,"id":"call_weather01","type":"function","function":{"name":"get_weather","arguments":""}}]}""",
            """{"tool_calls":[{"index":0,"function":{"arguments":"{\"ci"}}]}""",
            """{"tool_calls":[{"index":0,"function":{"arguments":"ty\":\"Par"}}]}""",
            """{"tool_calls":[{"index":0,"function":{"arguments":"is\"}"}}]}""",
            """{"tool_calls":[{"index":1,"id":"call_time0002","type":"function","function":{"name":"get_time","arguments":""}}]}""",
            """{"tool_calls":[{"index":1,"function":{"arguments":"{\"tz\":\"CET\"}"}}]}""",
        ];
        foreach (var delta in deltas)
        {
            await WriteEventAsync(context, Chunk(model, delta, null, includeUsage));
        }

        await WriteEventAsync(context, Chunk(model, "{}", "tool_calls", includeUsage));
        if (includeUsage)
        {
            await WriteEventAsync(context, UsageChunk(model, 30));
        }

        await WriteEventAsync(context, "[DONE]");
    }

    private async Task WriteSlowStreamAsync(HttpContext context)
    {
        await StartStreamAsync(context);
        await WriteEventAsync(context, Chunk(Models.Slow, """{"role":"assistant","content":""}""", null, false));
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
        await WriteEventAsync(context, Chunk(Models.Broken, """{"role":"assistant","content":"Par"}""", null, false));
        await breakStreams.Task.WaitAsync(context.RequestAborted);
        context.Abort();
    }

    /// <summary>The text in pieces that each start at a space (the first at the start), as models stream words.</summary>
    internal static IEnumerable<string> SplitWords(string text)
    {
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == ' ')
            {
                yield return text[start..i];
                start = i;
            }
        }
    }
}

public sealed record RecordedRequest(byte[] Body, string Authorization, string Accept)
{
    public string BodyText => Encoding.UTF8.GetString(Body);
}
