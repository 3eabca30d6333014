using System.Collections.Frozen;

namespace Hub.Core.Providers;

/// <summary>The wire protocols a provider can speak (the gateway's <c>Providers:&lt;id&gt;:Protocol</c>).</summary>
public static class ProtocolNames
{
    public const string OpenAI = "openai";
    public const string Azure = "azure";
    public const string Anthropic = "anthropic";
    public const string Gemini = "gemini";
    public const string Bedrock = "bedrock";
}

/// <summary>
/// The providers Hub knows by id (the ids of the catalog, <c>prices.json</c>): their protocol and public
/// endpoint, so that configuring one takes only a key. Every value can be overridden in configuration.
/// Base URLs are from <c>shared/research/protocols.md</c>.
/// </summary>
public static class KnownProviders
{
    public sealed record Defaults(string Protocol, string? BaseUrl);

    private static readonly FrozenDictionary<string, Defaults> ById = new Dictionary<string, Defaults>(StringComparer.OrdinalIgnoreCase)
    {
        ["openai"] = new(ProtocolNames.OpenAI, "https://api.openai.com/v1"),
        ["groq"] = new(ProtocolNames.OpenAI, "https://api.groq.com/openai/v1"),
        ["together"] = new(ProtocolNames.OpenAI, "https://api.together.xyz/v1"),
        ["xai"] = new(ProtocolNames.OpenAI, "https://api.x.ai/v1"),
        ["mistral"] = new(ProtocolNames.OpenAI, "https://api.mistral.ai/v1"),
        ["deepinfra"] = new(ProtocolNames.OpenAI, "https://api.deepinfra.com/v1/openai"),
        ["openrouter"] = new(ProtocolNames.OpenAI, "https://openrouter.ai/api/v1"),
        ["anthropic"] = new(ProtocolNames.Anthropic, "https://api.anthropic.com/v1"),
        ["gemini"] = new(ProtocolNames.Gemini, "https://generativelanguage.googleapis.com/v1beta"),
        // Bedrock's host names the region: the default is built from Providers:bedrock:Region.
        ["bedrock"] = new(ProtocolNames.Bedrock, null),
        // Azure's host names the customer's resource: there is no public default.
        ["azure"] = new(ProtocolNames.Azure, null),
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public const string DefaultAwsRegion = "us-east-1";

    /// <summary>The ids Hub knows, so an organization can store its own key for one Hub has none for.</summary>
    public static IEnumerable<string> Ids => ById.Keys;

    public static bool IsKnown(string id) => ById.ContainsKey(id);

    /// <summary>The protocol a provider speaks: configured, else the known provider's, else OpenAI-compatible.</summary>
    public static string ProtocolOf(string id, string? configuredProtocol) =>
        configuredProtocol?.ToLowerInvariant() ?? (ById.TryGetValue(id, out var known) ? known.Protocol : ProtocolNames.OpenAI);

    /// <summary>The base URL: configured, else the known provider's public endpoint (Bedrock's names the region), else null (configuration error).</summary>
    public static string? BaseUrlOf(string id, string? configuredProtocol, string? configuredBaseUrl, string? region)
    {
        if (!string.IsNullOrWhiteSpace(configuredBaseUrl))
        {
            return configuredBaseUrl.TrimEnd('/');
        }

        if (ProtocolOf(id, configuredProtocol) == ProtocolNames.Bedrock)
        {
            return $"https://bedrock-runtime.{region ?? DefaultAwsRegion}.amazonaws.com";
        }

        return ById.TryGetValue(id, out var known) ? known.BaseUrl : null;
    }
}
