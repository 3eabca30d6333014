using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Hub.Testing.Fakes;

/// <summary>
/// Google's Generative Language API (v1beta) on a real Kestrel port, speaking its wire format:
/// <c>POST /v1beta/models/{model}:generateContent</c> answers pretty-printed JSON;
/// <c>:streamGenerateContent?alt=sse</c> answers <c>data: {…}\r\n\r\n</c> events holding only the
/// new parts, <c>usageMetadata</c> (running totals) in every event, and no <c>[DONE]</c>: the
/// connection closes. The key is checked in <c>x-goog-api-key</c> as Google does (a wrong one is
/// <c>400 API_KEY_INVALID</c>); a <c>?key=</c> query is refused (Hub must not put keys in URLs);
/// the body must pass <see cref="FakeGeminiRequestRules"/>. The model name picks the behaviour
/// (<see cref="Models"/>); answers are deterministic.
/// </summary>
public sealed partial class FakeGeminiUpstream : FakeUpstream
{
    public const string ApiKey = "AIzaFakeGeminiKey0000000000000000000000";

    public const string Reply = "Hello from the fake Gemini.";
    public const string ToolAnswer = "The weather in Paris is sunny.";


    public static class Models
    {
        /// <summary><see cref="Reply"/>; streamed in three events.</summary>
        public const string Text = "gemini-text";
        /// <summary><see cref="Reply"/> after a thought part, with thinking and cached tokens in the usage.</summary>
        public const string Thinking = "gemini-thinking";
        /// <summary>Two parallel calls (get_weather, get_time); after their results, <see cref="ToolAnswer"/>.</summary>
        public const string Tools = "gemini-tools";
        /// <summary>The prompt is blocked: <c>promptFeedback.blockReason</c> SAFETY and no candidates.</summary>
        public const string Blocked = "gemini-blocked";
        public const string Error400 = "gemini-error-400";
        public const string Error403 = "gemini-error-403";
        public const string Error404 = "gemini-error-404";
        public const string Error429 = "gemini-error-429";
        public const string Error500 = "gemini-error-500";
        public const string Error503 = "gemini-error-503";
        /// <summary>Streams one text event, then an error event (503 UNAVAILABLE), then closes.</summary>
        public const string MidStreamError = "gemini-midstream-error";
        /// <summary>Streams one text event and closes without a finish reason.</summary>
        public const string EarlyEnd = "gemini-early-end";
    }

    /// <summary>The base URL a provider is configured with, e.g. <c>http://127.0.0.1:5555/v1beta</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Every request received, in order.</summary>
    public ConcurrentQueue<RecordedGeminiRequest> Requests { get; } = new();

    public static async Task<FakeGeminiUpstream> StartAsync()
    {
        var fake = new FakeGeminiUpstream();
        await StartAsync(fake, app =>
        {
            app.MapPost("/v1beta/models/{**call}", fake.HandleAsync);
            app.MapGet("/v1beta/models", fake.ListModelsAsync);
        });
        fake.BaseUrl = fake.Root + "/v1beta";
        return fake;
    }


    private async Task HandleAsync(HttpContext context, string call)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var query = context.Request.QueryString.Value ?? "";
        var key = context.Request.Headers["x-goog-api-key"].ToString();
        var colon = call.LastIndexOf(':');
        var (model, method) = colon < 0 ? (call, "") : (Uri.UnescapeDataString(call[..colon]), call[(colon + 1)..]);
        Requests.Enqueue(new RecordedGeminiRequest(model, method, query, key, buffer.ToArray()));

        if (await RefusedKeyAsync(context, key))
        {
            return;
        }

        var stream = method == "streamGenerateContent";
        if (!stream && method != "generateContent" || stream && context.Request.Query["alt"] != "sse")
        {
            await FakeGeminiWire.ErrorAsync(context, 404, "NOT_FOUND", $"Fake Gemini: unexpected call '{call}{query}'.");
            return;
        }

        using var json = JsonDocument.Parse(buffer.ToArray());
        if (FakeGeminiRequestRules.Check(json.RootElement) is { } problem)
        {
            await FakeGeminiWire.ErrorAsync(context, 400, "INVALID_ARGUMENT", problem);
            return;
        }

        await AnswerAsync(context, model, stream, HasFunctionResponse(json.RootElement));
    }

    private static Task AnswerAsync(HttpContext context, string model, bool stream, bool hasToolResults) => model switch
    {
        Models.Error400 => FakeGeminiWire.ErrorAsync(context, 400, "INVALID_ARGUMENT", "Request contains an invalid argument."),
        Models.Error403 => FakeGeminiWire.ErrorAsync(context, 403, "PERMISSION_DENIED", $"Permission denied: Consumer 'api_key:{ApiKey}' has been suspended."),
        Models.Error404 => FakeGeminiWire.ErrorAsync(context, 404, "NOT_FOUND",
            $"models/{model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods."),
        Models.Error429 => FakeGeminiWire.ErrorAsync(context, 429, "RESOURCE_EXHAUSTED", "You exceeded your current quota, please check your plan and billing details."),
        Models.Error500 => FakeGeminiWire.ErrorAsync(context, 500, "INTERNAL", "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting"),
        Models.Error503 => FakeGeminiWire.ErrorAsync(context, 503, "UNAVAILABLE", "The model is overloaded. Please try again later."),
        Models.Blocked => stream
            ? FakeGeminiWire.EventsAsync(context, [FakeGeminiWire.Blocked(model)])
            : FakeGeminiWire.JsonAsync(context, FakeGeminiWire.Blocked(model)),
        Models.MidStreamError => FakeGeminiWire.EventsAsync(context, [FakeGeminiWire.Text(model, "Hello", null, 1), FakeGeminiWire.StreamError]),
        Models.EarlyEnd => FakeGeminiWire.EventsAsync(context, [FakeGeminiWire.Text(model, "Hello", null, 1)]),
        Models.Tools when !hasToolResults => stream
            ? FakeGeminiWire.EventsAsync(context, [FakeGeminiWire.Calls(model, FakeGeminiWire.WeatherCall, null, 6), FakeGeminiWire.Calls(model, FakeGeminiWire.TimeCall, "STOP", 12)])
            : FakeGeminiWire.JsonAsync(context, FakeGeminiWire.Calls(model, FakeGeminiWire.WeatherCall + "," + FakeGeminiWire.TimeCall, "STOP", 12)),
        Models.Thinking => stream
            ? FakeGeminiWire.EventsAsync(context, [FakeGeminiWire.Thought(model), FakeGeminiWire.Text(model, Reply, "STOP", 7, thinking: true)])
            : FakeGeminiWire.JsonAsync(context, FakeGeminiWire.Text(model, Reply, "STOP", 7, thinking: true, thought: true)),
        _ => TextAsync(context, model, stream, hasToolResults ? ToolAnswer : Reply),
    };

    /// <summary>Whole, or in three events: "Hello from", " the fake", " Gemini." (split at spaces, the last with STOP).</summary>
    private static Task TextAsync(HttpContext context, string model, bool stream, string text)
    {
        if (!stream)
        {
            return FakeGeminiWire.JsonAsync(context, FakeGeminiWire.Text(model, text, "STOP", 7));
        }

        var first = text.IndexOf(' ', text.IndexOf(' ') + 1);
        var second = text.IndexOf(' ', first + 1);
        return FakeGeminiWire.EventsAsync(context,
        [
            FakeGeminiWire.Text(model, text[..first], null, 2),
            FakeGeminiWire.Text(model, text[first..second], null, 4),
            FakeGeminiWire.Text(model, text[second..], "STOP", 7),
        ]);
    }

    /// <summary>Answers and returns true when the key is missing, wrong or in the URL, as Google does.</summary>
    private async Task<bool> RefusedKeyAsync(HttpContext context, string key)
    {
        if (context.Request.Query.ContainsKey("key"))
        {
            await FakeGeminiWire.ErrorAsync(context, 400, "INVALID_ARGUMENT", "Fake Gemini: send the API key in x-goog-api-key, never in the URL.");
            return true;
        }

        if (key.Length == 0)
        {
            await FakeGeminiWire.ErrorAsync(context, 403, "PERMISSION_DENIED",
                "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.");
            return true;
        }

        if (key != ApiKey && !Accepts(key))
        {
            await FakeGeminiWire.ErrorAsync(context, 400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", "API_KEY_INVALID");
            return true;
        }

        return false;
    }

    private static bool HasFunctionResponse(JsonElement request) =>
        request.GetProperty("contents").EnumerateArray().Any(content => content.GetProperty("parts").EnumerateArray().Any(part => part.TryGetProperty("functionResponse", out _)));
}

/// <param name="Model">The model id from the path, unescaped.</param>
/// <param name="Method"><c>generateContent</c> or <c>streamGenerateContent</c>.</param>
/// <param name="Query">The query string as sent (<c>?alt=sse</c>).</param>
/// <param name="ApiKey">The <c>x-goog-api-key</c> header.</param>
public sealed record RecordedGeminiRequest(string Model, string Method, string Query, string ApiKey, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);
}
