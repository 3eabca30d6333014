using Hub.Core.Providers;
namespace Hub.Gateway.Providers.OpenAICompatible;

/// <summary>The <c>openai</c> protocol: OpenAI itself and every upstream that speaks its chat completions API, each with its profile.</summary>
internal sealed class OpenAICompatibleProtocol(ILogger<OpenAICompatibleProvider> logger) : IChatProtocol
{
    public string Name => ProtocolNames.OpenAI;

    public IChatProvider Create(string id, ProviderOptions options, string baseUrl, HttpMessageInvoker http) =>
        new OpenAICompatibleProvider(id, options, baseUrl, OpenAICompatibleProfile.For(id), http, logger);
}

/// <summary>
/// The <c>azure</c> protocol: Azure OpenAI's deployments API (<c>{BaseUrl}/deployments/{deployment}/chat/completions?api-version=…</c>,
/// key in the <c>api-key</c> header). Clients call <c>&lt;id&gt;/&lt;deployment&gt;</c>.
/// </summary>
internal sealed class AzureOpenAIProtocol(ILogger<OpenAICompatibleProvider> logger) : IChatProtocol
{
    public string Name => ProtocolNames.Azure;

    public IChatProvider Create(string id, ProviderOptions options, string baseUrl, HttpMessageInvoker http) =>
        new OpenAICompatibleProvider(id, options, baseUrl, OpenAICompatibleProfile.Azure, http, logger);
}
