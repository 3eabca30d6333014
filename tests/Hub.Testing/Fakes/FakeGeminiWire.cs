using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Hub.Testing.Fakes;

/// <summary>The fake Gemini's bodies, shaped like Google's: <c>GenerateContentResponse</c>s, error bodies and SSE framing.</summary>
public static class FakeGeminiWire
{
    public const int PromptTokens = 11;
    public const int ToolPromptTokens = 30;
    public const int ThoughtTokens = 5;
    public const int CachedTokens = 4;

    public const string WeatherCall = """{"functionCall":{"name":"get_weather","args":{"city":"Paris"}}}""";
    public const string TimeCall = """{"functionCall":{"name":"get_time","args":{"tz":"CET"}}}""";

    /// <summary>An error sent as an event after the stream started.</summary>
    public const string StreamError = """{"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}}""";

    /// <summary>Google names the model version it ran; the fake appends <c>-001</c> so tests can tell it from the id asked for.</summary>
    public static string ModelVersion(string model) => model + "-001";

    public static string Text(string model, string text, string? finishReason, int candidateTokens, bool thinking = false, bool thought = false)
    {
        var parts = (thought ? """{"text":"Let me think about greetings.","thought":true},""" : "") + $$"""{"text":{{JsonSerializer.Serialize(text)}}}""";
        return Candidate(model, parts, finishReason, PromptTokens, candidateTokens, thinking);
    }

    /// <summary>A stream event with only a thought part (thinking models send these when asked to include thoughts).</summary>
    public static string Thought(string model) =>
        Candidate(model, """{"text":"Let me think about greetings.","thought":true}""", null, PromptTokens, 0, thinking: true);

    public static string Calls(string model, string calls, string? finishReason, int candidateTokens) =>
        Candidate(model, calls, finishReason, ToolPromptTokens, candidateTokens, thinking: false);

    public static string Blocked(string model) =>
        $$"""{"promptFeedback":{"blockReason":"SAFETY","safetyRatings":[{"category":"HARM_CATEGORY_HARASSMENT","probability":"HIGH","blocked":true}]},"usageMetadata":{"promptTokenCount":8,"totalTokenCount":8,"promptTokensDetails":[{"modality":"TEXT","tokenCount":8}]},"modelVersion":"{{ModelVersion(model)}}","responseId":"fake-response-0001"}""";

    private static string Candidate(string model, string parts, string? finishReason, int promptTokens, int candidateTokens, bool thinking)
    {
        var finish = finishReason is null ? "" : $",\"finishReason\":\"{finishReason}\"";
        var thoughts = thinking ? ThoughtTokens : 0;
        var extra = thinking ? $",\"thoughtsTokenCount\":{ThoughtTokens},\"cachedContentTokenCount\":{CachedTokens}" : "";
        var usage = $$"""{"promptTokenCount":{{promptTokens}},"candidatesTokenCount":{{candidateTokens}},"totalTokenCount":{{promptTokens + candidateTokens + thoughts}},"promptTokensDetails":[{"modality":"TEXT","tokenCount":{{promptTokens}}}]{{extra}}}""";
        return $$"""{"candidates":[{"content":{"parts":[{{parts}}],"role":"model"}{{finish}},"index":0}],"usageMetadata":{{usage}},"modelVersion":"{{ModelVersion(model)}}","responseId":"fake-response-0001"}""";
    }

    /// <summary>A whole answer, pretty-printed as Google sends it.</summary>
    public static async Task JsonAsync(HttpContext context, string json)
    {
        context.Response.ContentType = "application/json; charset=UTF-8";
        await context.Response.WriteAsync(Indented(json), context.RequestAborted);
    }

    /// <summary><c>alt=sse</c>: one compact <c>data:</c> line per event, CRLF framing, flushed one by one, no <c>[DONE]</c>.</summary>
    public static async Task EventsAsync(HttpContext context, IEnumerable<string> events)
    {
        context.Response.ContentType = "text/event-stream";
        await context.Response.StartAsync(context.RequestAborted);
        foreach (var data in events)
        {
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes($"data: {data}\r\n\r\n"), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }

    /// <summary>Google's error body; an invalid key also carries the <c>ErrorInfo</c> reason and a localized message, as Google sends them.</summary>
    public static async Task ErrorAsync(HttpContext context, int status, string googleStatus, string message, string? reason = null)
    {
        var text = JsonSerializer.Serialize(message);
        var details = reason is null ? "" : $$$""","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"{{{reason}}}","domain":"googleapis.com","metadata":{"service":"generativelanguage.googleapis.com"}},{"@type":"type.googleapis.com/google.rpc.LocalizedMessage","locale":"en-US","message":{{{text}}}}]""";
        context.Response.StatusCode = status;
        await JsonAsync(context, $$$"""{"error":{"code":{{{status}}},"message":{{{text}}},"status":"{{{googleStatus}}}"{{{details}}}}}""");
    }

    private static string Indented(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement, IndentedOptions);
    }

    private static readonly JsonSerializerOptions IndentedOptions = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
