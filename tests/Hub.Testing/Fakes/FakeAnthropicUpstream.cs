using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Hub.Testing.Fakes;

/// <summary>
/// Anthropic's Messages API on a real Kestrel port (<c>POST /v1/messages</c>), speaking its exact wire
/// format (<c>shared/research/protocols.md</c> 2): <c>x-api-key</c> and <c>anthropic-version</c> checked as
/// Anthropic checks them, the request validated where Anthropic would refuse it
/// (<see cref="FakeAnthropicValidation"/>), messages as JSON, streams as <c>event:</c>/<c>data:</c> SSE
/// with ping, split <c>input_json_delta</c> fragments and cumulative usage, and Anthropic's error bodies
/// and statuses. The model name picks the behaviour (<see cref="Models"/>); a forced
/// <c>tool_choice {"type":"tool"}</c> is answered by a call of that tool. Deterministic.
/// </summary>
public sealed partial class FakeAnthropicUpstream : FakeUpstream
{
    public const string ApiKey = "sk-ant-fake-upstream-key";

    /// <summary>A key Anthropic knows but that may not use the API: 403 <c>permission_error</c>.</summary>
    public const string ForbiddenApiKey = "sk-ant-fake-forbidden-key";

    public const string MessageId = "msg_01FakeAnthropicMessage";
    public const string Reply = "Hello from the fake Anthropic.";
    public const string ToolPreamble = "Let me check both.";
    public const string ToolAnswer = "The weather in Paris is sunny.";
    public const string WeatherCallId = "toolu_01FakeWeather";
    public const string TimeCallId = "toolu_02FakeTime";
    public const string ForcedCallId = "toolu_03FakeForced";

    /// <summary>The arguments of the forced tool call (a <c>response_format</c>'s JSON answer, or a named function).</summary>
    public const string ForcedInput = """{"city":"Paris","sky":"sunny"}""";


    /// <summary>The base URL a provider is configured with, e.g. <c>http://127.0.0.1:5555/v1</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Every request received, in order, valid or not.</summary>
    public ConcurrentQueue<AnthropicRecordedRequest> Requests { get; } = new();

    public static class Models
    {
        /// <summary><see cref="Reply"/>, streamed word by word; usage 12 input + 3 cache writes + 4 cache reads, 7 output.</summary>
        public const string Text = "claude-fake";

        /// <summary><see cref="ToolPreamble"/> and two parallel calls (get_weather, get_time); after their results, <see cref="ToolAnswer"/>.</summary>
        public const string Tools = "claude-fake-tools";

        public const string Error400 = "claude-fake-error-400";
        public const string Error429 = "claude-fake-error-429";
        public const string Error500 = "claude-fake-error-500";

        /// <summary>529 <c>overloaded_error</c>.</summary>
        public const string Overloaded = "claude-fake-overloaded";

        /// <summary>Streams a first word, then an <c>event: error</c> (<c>overloaded_error</c>).</summary>
        public const string MidStreamError = "claude-fake-midstream-error";

        /// <summary>Streams a first word, then closes the connection cleanly without <c>message_stop</c>.</summary>
        public const string Truncated = "claude-fake-truncated";
    }

    public static async Task<FakeAnthropicUpstream> StartAsync()
    {
        var fake = new FakeAnthropicUpstream();
        await StartAsync(fake, app =>
        {
            app.MapPost("/v1/messages", fake.HandleAsync);
            app.MapGet("/v1/models", fake.ListModelsAsync);
        });
        fake.BaseUrl = fake.Root + "/v1";
        return fake;
    }


    /// <summary>The last request whose body contains <paramref name="marker"/>.</summary>
    public AnthropicRecordedRequest Last(string marker) => Requests.Last(request => request.BodyText.Contains(marker, StringComparison.Ordinal));

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var headers = context.Request.Headers;
        var recorded = new AnthropicRecordedRequest(buffer.ToArray(), headers["x-api-key"].ToString(), headers["anthropic-version"].ToString(),
            headers.Authorization.ToString(), headers.ContentType.ToString());
        Requests.Enqueue(recorded);

        if (await RefusedAsync(context, recorded.ApiKey, recorded.Version))
        {
            return;
        }

        if (!recorded.ContentType.StartsWith("application/json", StringComparison.Ordinal))
        {
            await WriteErrorAsync(context, 400, "invalid_request_error", "Content-Type must be application/json");
            return;
        }

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(recorded.Body);
        }
        catch (JsonException)
        {
            await WriteErrorAsync(context, 400, "invalid_request_error", "There was an issue with your request body: invalid JSON");
            return;
        }

        using (json)
        {
            if (FakeAnthropicValidation.Check(json.RootElement) is { } problem)
            {
                await WriteErrorAsync(context, 400, "invalid_request_error", problem);
                return;
            }

            await AnswerAsync(context, json.RootElement);
        }
    }

    private static async Task AnswerAsync(HttpContext context, JsonElement request)
    {
        var model = request.GetProperty("model").GetString()!;
        var stream = request.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        switch (model)
        {
            case Models.Error400:
                await WriteErrorAsync(context, 400, "invalid_request_error", "messages.0.content: this fake refuses every request");
                return;
            case Models.Error429:
                context.Response.Headers.RetryAfter = "7";
                await WriteErrorAsync(context, 429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit for org 0000-fake");
                return;
            case Models.Error500:
                await WriteErrorAsync(context, 500, "api_error", "Internal server error");
                return;
            case Models.Overloaded:
                await WriteErrorAsync(context, 529, "overloaded_error", "Overloaded");
                return;
            case not (Models.Text or Models.Tools or Models.MidStreamError or Models.Truncated):
                await WriteErrorAsync(context, 404, "not_found_error", $"model: {model}");
                return;
        }

        var answer = FakeAnthropicAnswers.For(model, request);
        if (stream)
        {
            await FakeAnthropicAnswers.WriteStreamAsync(context, answer);
        }
        else
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer.ToJson());
        }
    }

    /// <summary>Answers and returns true when the key or <c>anthropic-version</c> is missing or not allowed, in Anthropic's order.</summary>
    private async Task<bool> RefusedAsync(HttpContext context, string key, string version)
    {
        if (key != ApiKey && key != ForbiddenApiKey && !Accepts(key))
        {
            await WriteErrorAsync(context, 401, "authentication_error", key.Length == 0 ? "x-api-key header is required" : "invalid x-api-key");
            return true;
        }

        if (version.Length == 0)
        {
            await WriteErrorAsync(context, 400, "invalid_request_error", "anthropic-version: header is required");
            return true;
        }

        if (key == ForbiddenApiKey)
        {
            await WriteErrorAsync(context, 403, "permission_error", "Your API key does not have permission to use the specified resource.");
            return true;
        }

        return false;
    }

    internal static async Task WriteErrorAsync(HttpContext context, int status, string type, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["request-id"] = "req_fake_0001";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { type = "error", error = new { type, message } }));
    }
}

/// <param name="ApiKey">The <c>x-api-key</c> header, empty when absent.</param>
/// <param name="Version">The <c>anthropic-version</c> header, empty when absent.</param>
/// <param name="Authorization">The <c>Authorization</c> header (Anthropic keys never go there), empty when absent.</param>
public sealed record AnthropicRecordedRequest(byte[] Body, string ApiKey, string Version, string Authorization, string ContentType)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}
