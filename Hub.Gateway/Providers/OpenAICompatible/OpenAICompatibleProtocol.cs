namespace Hub.Gateway.Providers.OpenAICompatible;

/// <summary>The <c>openai</c> protocol: OpenAI itself and every upstream that speaks its chat completions API.</summary>
internal sealed class OpenAICompatibleProtocol(ILogger<OpenAICompatibleProvider> logger) : IChatProtocol
{
    public string Name => ProtocolNames.OpenAI;

    public IChatProvider Create(string id, ProviderOptions options, string baseUrl, HttpMessageInvoker http) =>
        new OpenAICompatibleProvider(id, options, baseUrl, http, logger);
}
