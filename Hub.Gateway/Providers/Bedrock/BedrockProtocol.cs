using Hub.Core.Providers;
using Hub.Core.Randomness;

namespace Hub.Gateway.Providers.Bedrock;

/// <summary>The <c>bedrock</c> protocol: AWS Bedrock's Converse API, signed with SigV4 or a Bedrock API key.</summary>
internal sealed class BedrockProtocol(TimeProvider time, IRandomSource random, ILogger<BedrockProvider> logger) : IChatProtocol
{
    public string Name => ProtocolNames.Bedrock;

    public IChatProvider Create(string id, ProviderOptions options, string baseUrl, HttpMessageInvoker http) =>
        new BedrockProvider(id, options, baseUrl, http, time, random, logger);
}
