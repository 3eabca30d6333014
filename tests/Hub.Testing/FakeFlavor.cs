using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hub.Testing;

/// <summary>
/// The documented deviations of one OpenAI-compatible provider, as <see cref="FakeOpenAIUpstream"/>
/// plays it (<c>shared/research/protocols.md</c> §1.7, §5): Together ends with <c>eos</c>; Mistral ends
/// with <c>model_length</c>, answers errors in its own shape, refuses tool-call ids that are not 9
/// alphanumerics and <c>stream_options</c> (422), and puts the usage on a stream's last chunk unasked; OpenRouter sends <c>: OPENROUTER PROCESSING</c> comments, numeric error codes and
/// mid-stream error events, and names the provider that served; Azure takes its key in <c>api-key</c>,
/// the deployment in the path and needs <c>api-version</c>. Any other name is plain OpenAI.
/// </summary>
public sealed partial record FakeFlavor(string Name)
{
    public static readonly FakeFlavor OpenAI = new("openai");
    public static readonly FakeFlavor Azure = new("azure");

    public static FakeFlavor For(string name) => new(name);

    private static readonly string[] StreamOptionsLocation = ["body", "stream_options"];

    public bool IsOpenRouter => Name == "openrouter";

    /// <summary>Mistral: a stream's last chunk carries the usage, asked or not.</summary>
    public bool UsageOnLastChunk => Name == "mistral";

    /// <summary>
    /// Mistral's 422 for a field it does not know (its validation forbids extra inputs; openai-agents-python
    /// issue #442 shows it for <c>stream_options</c>); null when the request is fine.
    /// </summary>
    public string? ForbidsExtraInput(JsonElement root) =>
        Name == "mistral" && root.TryGetProperty("stream_options", out var options)
            ? JsonSerializer.Serialize(new
            {
                @object = "error",
                message = new { detail = new[] { new { type = "extra_forbidden", loc = StreamOptionsLocation, msg = "Extra inputs are not permitted", input = options } } },
                type = "invalid_request_error",
                param = (string?)null,
                code = (string?)null,
            })
            : null;

    public bool IsAuthorized(HttpRequest request, FakeUpstream fake) => Name == "azure"
        ? IsKey(request.Headers["api-key"].ToString(), fake) && request.Query.ContainsKey("api-version")
        : request.Headers.Authorization.ToString() is var authorization && authorization.StartsWith("Bearer ", StringComparison.Ordinal)
            && IsKey(authorization["Bearer ".Length..], fake);

    private static bool IsKey(string key, FakeUpstream fake) => key == FakeOpenAIUpstream.ApiKey || fake.Accepts(key);

    /// <summary>Azure names the deployment in the path and ignores the body's model.</summary>
    public string ModelOf(HttpContext context, JsonElement root) => Name == "azure"
        ? (string)context.GetRouteValue("deployment")!
        : root.GetProperty("model").GetString()!;

    /// <summary>The finish reason as this provider words it.</summary>
    public string FinishReason(string openAI) => (Name, openAI) switch
    {
        ("together", "stop") => "eos",
        ("mistral", "length") => "model_length",
        _ => openAI,
    };

    /// <summary>Mistral's 400 for a tool-call id it does not accept (langchain PR #24668), in Mistral's error shape; null when the request is fine.</summary>
    public string? Refuses(JsonElement root)
    {
        if (Name != "mistral")
        {
            return null;
        }

        foreach (var message in root.GetProperty("messages").EnumerateArray())
        {
            var ids = message.TryGetProperty("tool_calls", out var calls) ? calls.EnumerateArray().Select(call => call.GetProperty("id").GetString()!) : [];
            if (message.TryGetProperty("tool_call_id", out var id))
            {
                ids = ids.Append(id.GetString()!);
            }

            foreach (var bad in ids.Where(value => !NineAlphanumerics().IsMatch(value)))
            {
                return JsonSerializer.Serialize(new
                {
                    @object = "error",
                    message = $"Tool call id was {bad} but must be a-z, A-Z, 0-9, with a length of 9.",
                    type = "invalid_request_message_error",
                    param = (string?)null,
                    code = (string?)null,
                });
            }
        }

        return null;
    }

    public Task WriteErrorAsync(HttpContext context, int status, string message, string type, string? param, string? code)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        object body = Name switch
        {
            "openrouter" => new { error = new { code = status, message, metadata = new { provider_name = "Together" } } },
            "mistral" => new { @object = "error", message, type, param, code },
            _ => new { error = new { message, type, param, code } },
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    [GeneratedRegex("^[a-zA-Z0-9]{9}$")]
    private static partial Regex NineAlphanumerics();
}
