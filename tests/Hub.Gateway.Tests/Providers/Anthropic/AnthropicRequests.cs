using System.Text.Json;
using Hub.Gateway.Errors;
using Hub.Gateway.Providers.Anthropic;
using Hub.Gateway.Providers.Translation;

namespace Hub.Gateway.Tests.Providers.Anthropic;

/// <summary>Runs an OpenAI request body through the parser and <see cref="AnthropicRequestMapper"/>, as the provider does.</summary>
internal static class AnthropicRequests
{
    public const int DefaultMaxTokens = 4096;

    public static (JsonElement Body, bool JsonMode) Map(string openAIBody, bool stream = false, int defaultMaxTokens = DefaultMaxTokens)
    {
        var (request, error) = MapOrRefuse(openAIBody, stream, defaultMaxTokens);
        Assert.Null(error);
        return (JsonDocument.Parse(request!.Body).RootElement, request.JsonMode);
    }

    public static string MapToText(string openAIBody, bool stream = false) =>
        System.Text.Encoding.UTF8.GetString(MapOrRefuse(openAIBody, stream, DefaultMaxTokens).Request!.Body);

    public static HubError Refuse(string openAIBody)
    {
        var (request, error) = MapOrRefuse(openAIBody, false, DefaultMaxTokens);
        Assert.Null(request);
        return error!;
    }

    /// <summary>A request with these messages (a JSON array) and extra top-level fields.</summary>
    public static string Chat(string messages, string extra = "") => $$"""{"model":"claude-x","messages":{{messages}}{{extra}}}""";

    /// <summary>A request with one user message and extra top-level fields.</summary>
    public static string Hello(string extra = "") => Chat("""[{"role":"user","content":"Hello"}]""", extra);

    private static (AnthropicRequest? Request, HubError? Error) MapOrRefuse(string openAIBody, bool stream, int defaultMaxTokens)
    {
        var (request, invalid) = OpenAIChatRequest.Parse(System.Text.Encoding.UTF8.GetBytes(openAIBody));
        Assert.Null(invalid);
        using (request)
        {
            return AnthropicRequestMapper.Map(request!, "claude-upstream", stream, defaultMaxTokens);
        }
    }
}
