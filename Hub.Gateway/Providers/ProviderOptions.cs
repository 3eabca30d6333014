using System.ComponentModel.DataAnnotations;

namespace Hub.Gateway.Providers;

/// <summary>
/// One upstream, configured as <c>Providers:&lt;name&gt;:*</c>, e.g.
/// <c>Providers__openai__BaseUrl=https://api.openai.com/v1</c>. Clients address its models as
/// <c>&lt;name&gt;/&lt;model&gt;</c>. The name <c>mock</c> is the built-in offline echo provider.
/// </summary>
internal sealed class ProviderOptions
{
    /// <summary>Off switch without deleting the configuration. Default true; the mock provider needs it set explicitly.</summary>
    public bool? Enabled { get; set; }

    /// <summary>The OpenAI-compatible base URL, ending before <c>/chat/completions</c> (e.g. <c>https://api.groq.com/openai/v1</c>).</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Sent upstream as <c>Authorization: Bearer</c>. Comes from environment or secrets, never appsettings.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Model ids (without the provider prefix) listed by /v1/models and accepted. Empty: any model is passed on.</summary>
    public List<string> Models { get; set; } = [];

    /// <summary>Seconds to wait for the upstream's response headers (time to first byte). Default 120.</summary>
    [Range(1, 3600)]
    public int TimeoutSeconds { get; set; } = 120;
}

/// <summary>All providers by name, bound from the <c>Providers</c> section; names are case-insensitive.</summary>
internal sealed class ProvidersOptions() : Dictionary<string, ProviderOptions>(StringComparer.OrdinalIgnoreCase)
{
    public const string SectionName = "Providers";
    public const string MockName = "mock";

    public bool IsEnabled(string name) =>
        TryGetValue(name, out var provider) && (provider.Enabled ?? !string.Equals(name, MockName, StringComparison.OrdinalIgnoreCase));
}
