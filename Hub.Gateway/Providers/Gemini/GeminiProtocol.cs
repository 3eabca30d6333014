using Hub.Core.Providers;
using Hub.Core.Randomness;

namespace Hub.Gateway.Providers.Gemini;

/// <summary>The <c>gemini</c> protocol: Google's Generative Language API (<c>generateContent</c>), translated to and from OpenAI's.</summary>
internal sealed class GeminiProtocol(ILogger<GeminiProvider> logger, TimeProvider time, IRandomSource random) : IChatProtocol
{
    public string Name => ProtocolNames.Gemini;

    public IChatProvider Create(string id, ProviderOptions options, string baseUrl, HttpMessageInvoker http) =>
        new GeminiProvider(id, options, baseUrl, http, time, random, logger);
}
