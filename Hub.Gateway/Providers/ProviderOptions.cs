using System.ComponentModel.DataAnnotations;
using Hub.Core.Providers;

namespace Hub.Gateway.Providers;

/// <summary>
/// One upstream, configured as <c>Providers:&lt;id&gt;:*</c>, e.g. <c>Providers__groq__ApiKey=gsk_…</c>.
/// Clients address its models as <c>&lt;id&gt;/&lt;model&gt;</c>. For the known provider ids
/// (<see cref="KnownProviders"/>) the protocol and base URL have defaults, so a key is all an operator
/// sets; any other id is an OpenAI-compatible server (vLLM, Ollama, LM Studio) at <see cref="BaseUrl"/>.
/// The id <c>mock</c> is the built-in offline echo provider.
/// </summary>
internal sealed class ProviderOptions
{
    /// <summary>Off switch without deleting the configuration. Default true; the mock provider needs it set explicitly.</summary>
    public bool? Enabled { get; set; }

    /// <summary>
    /// The wire protocol: <c>openai</c> (OpenAI-compatible), <c>azure</c>, <c>anthropic</c>, <c>gemini</c>
    /// or <c>bedrock</c>. Default: the known provider's, else <c>openai</c>.
    /// </summary>
    public string? Protocol { get; set; }

    /// <summary>
    /// Where the API lives, without the operation path: <c>https://api.groq.com/openai/v1</c>,
    /// <c>https://api.anthropic.com/v1</c>, <c>https://generativelanguage.googleapis.com/v1beta</c>,
    /// <c>https://bedrock-runtime.us-east-1.amazonaws.com</c>, <c>https://&lt;resource&gt;.openai.azure.com/openai</c>.
    /// Default: the known provider's public endpoint.
    /// </summary>
    public string? BaseUrl { get; set; }

    /// <summary>
    /// Hub has no key of its own here: only organizations that stored their own (BYOK) can use this
    /// provider. Default false; a known provider with no configuration at all is BYOK-only by itself.
    /// </summary>
    public bool ByokOnly { get; set; }

    /// <summary>The managed key: bearer token, Anthropic <c>x-api-key</c>, Google API key, Azure <c>api-key</c>, or a Bedrock API key. Environment or secret store only.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Bedrock SigV4: AWS access key id.</summary>
    public string? AccessKeyId { get; set; }

    /// <summary>Bedrock SigV4: AWS secret access key. Environment or secret store only.</summary>
    public string? SecretAccessKey { get; set; }

    /// <summary>Bedrock SigV4: session token of temporary credentials.</summary>
    public string? SessionToken { get; set; }

    /// <summary>Bedrock: the AWS region (default <c>us-east-1</c>); it also names the default base URL.</summary>
    public string? Region { get; set; }

    /// <summary>Azure OpenAI: the <c>api-version</c> query value. Default <c>2024-10-21</c>.</summary>
    public string? ApiVersion { get; set; }

    /// <summary>Model ids (without the provider prefix) listed by /v1/models and accepted. Empty: any model is passed on.</summary>
    public List<string> Models { get; set; } = [];

    /// <summary>
    /// Where this provider processes requests (<c>us</c>, <c>eu</c>, <c>eu-central-1</c>), for projects
    /// with a region. Default: the catalog's (Bedrock: the configured <see cref="Region"/>); a provider
    /// outside the catalog has none, so region-restricted projects never use it until this is set.
    /// </summary>
    public List<string>? Regions { get; set; }

    /// <summary>Whether it may train on prompts. Default: the catalog's; false for a provider outside it (assumed self-hosted).</summary>
    public bool? TrainsOnData { get; set; }

    /// <summary>Days it may keep prompts (0: zero data retention). Default: the catalog's; 0 for a provider outside it (assumed self-hosted).</summary>
    [Range(0, 3650)]
    public int? RetentionDays { get; set; }

    /// <summary>Certifications it holds (<c>hipaa-baa</c>, …). Default: the catalog's; none outside it.</summary>
    public List<string>? Certifications { get; set; }

    /// <summary>Seconds to wait for the upstream's response headers (time to first byte). Default 120.</summary>
    [Range(1, 3600)]
    public int TimeoutSeconds { get; set; } = 120;

    /// <summary>
    /// The list price of models the catalog does not price at this provider (a self-hosted server's
    /// models, a new model id). Unset: such models are refused, because Hub cannot bill what it cannot price.
    /// </summary>
    public UnlistedModelPrice? UnlistedModelPrice { get; set; }

    /// <summary>The base URL: configured, else the known provider's public endpoint; null when there is none (configuration error).</summary>
    public string? BaseUrlOf(string id) => KnownProviders.BaseUrlOf(id, Protocol, BaseUrl, Region);

    /// <summary>The credentials configured for this provider.</summary>
    public ProviderCredentials Credentials() => new(ApiKey, AccessKeyId, SecretAccessKey, SessionToken, Region);
}

/// <summary>A price in USD per million tokens, as providers publish it.</summary>
internal sealed class UnlistedModelPrice
{
    [Range(0, 100_000)]
    public decimal InputPerMillionUsd { get; set; }

    [Range(0, 100_000)]
    public decimal OutputPerMillionUsd { get; set; }
}

/// <summary>All providers by id, bound from the <c>Providers</c> section; ids are case-insensitive.</summary>
internal sealed class ProvidersOptions() : Dictionary<string, ProviderOptions>(StringComparer.OrdinalIgnoreCase)
{
    public const string SectionName = "Providers";
    public const string MockName = "mock";

    public bool IsEnabled(string name) =>
        TryGetValue(name, out var provider) && (provider.Enabled ?? !string.Equals(name, MockName, StringComparison.OrdinalIgnoreCase));
}
