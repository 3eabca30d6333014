namespace Hub.Gateway.Errors;

/// <summary>An <see cref="IResult"/> for handlers and filters that end a request with a <see cref="HubError"/>.</summary>
internal sealed class OpenAIErrorResult(HubError error) : IResult
{
    public HubError Error { get; } = error;

    public Task ExecuteAsync(HttpContext httpContext) => OpenAIErrorWriter.WriteAsync(httpContext, Error);
}
