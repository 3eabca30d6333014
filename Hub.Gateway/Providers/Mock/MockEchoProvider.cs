using System.Buffers;
using System.Text;
using System.Text.Json;
using Hub.Core.Randomness;
using Hub.Gateway.Errors;

namespace Hub.Gateway.Providers.Mock;

/// <summary>
/// The built-in <c>mock/echo</c> model for offline use and demos: answers with the last user message
/// exactly as the gateway forwarded it (so redaction is visible), in OpenAI's wire format, streaming
/// or not, with a plausible <c>usage</c>. Off unless <c>Providers:mock:Enabled</c> is true.
/// </summary>
internal sealed class MockEchoProvider(TimeProvider time, IRandomSource random) : IChatProvider
{
    public const string ModelId = "echo";

    public string Name => ProvidersOptions.MockName;

    public IReadOnlyList<string> Models { get; } = [ModelId];

    public Task<ProviderOutcome> SendAsync(ProviderRequest request, CancellationToken cancellationToken)
    {
        MockPrompt prompt;
        try
        {
            prompt = MockPrompt.Parse(request.Body.Span);
        }
        catch (JsonException)
        {
            return Task.FromResult(ProviderOutcome.Failure(HubError.InvalidRequest("The mock provider could not read the messages."), mayFallback: false));
        }

        var completion = new MockCompletion(
            Base62.Random(random, "chatcmpl-", 29),
            time.GetUtcNow().ToUnixTimeSeconds(),
            prompt.LastUserText,
            prompt.PromptTokens,
            TokenEstimate.Of(prompt.LastUserText));

        var buffer = new ArrayBufferWriter<byte>(512);
        string contentType;
        if (request.Stream)
        {
            completion.WriteStream(buffer, prompt.IncludeUsage);
            contentType = "text/event-stream; charset=utf-8";
        }
        else
        {
            completion.WriteJson(buffer);
            contentType = "application/json";
        }

        var body = buffer.WrittenSpan.ToArray();
        return Task.FromResult(ProviderOutcome.Success(new ProviderResponse(StatusCodes.Status200OK, contentType, body.Length, new MemoryStream(body))));
    }
}
