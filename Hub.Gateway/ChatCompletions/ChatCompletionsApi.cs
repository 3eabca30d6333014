namespace Hub.Gateway.ChatCompletions;

/// <summary><c>POST /v1/chat/completions</c>: authentication runs first (the /v1 group's filter), then <see cref="ChatCompletionPipeline"/>.</summary>
internal static class ChatCompletionsApi
{
    public static RouteGroupBuilder MapChatCompletionsApi(this RouteGroupBuilder v1)
    {
        v1.MapPost("/chat/completions", (HttpContext context, ChatCompletionPipeline pipeline) => pipeline.RunAsync(context));
        return v1;
    }
}
