using Hub.Core.Providers;
using Hub.Core.Randomness;

namespace Hub.Gateway.Providers.Anthropic;

/// <summary>The <c>anthropic</c> protocol: Anthropic's Messages API, translated to and from OpenAI's chat completions.</summary>
internal sealed class AnthropicProtocol(TimeProvider time, IRandomSource random, ILogger<AnthropicProvider> logger) : IChatProtocol
{
    public string Name => ProtocolNames.Anthropic;

    public IChatProvider Create(string id, ProviderOptions options, string baseUrl, HttpMessageInvoker http) =>
        new AnthropicProvider(id, options, baseUrl, http, time, random, logger);
}
