namespace Hub.Admin.Byok;

/// <summary>
/// What Admin reads of the <c>Providers</c> settings the gateways use (<c>Providers:&lt;id&gt;:*</c>, the same
/// keys): which providers exist beyond the known ones, their protocol and where their API lives, so a
/// stored key can be checked by shape and, when asked, by a live call. Admin never reads the keys there.
/// </summary>
internal sealed class ByokProvidersOptions() : Dictionary<string, ByokProviderOptions>(StringComparer.OrdinalIgnoreCase)
{
    public const string SectionName = "Providers";
}

/// <summary>One provider's <c>Providers:&lt;id&gt;</c> section, as far as BYOK needs it.</summary>
internal sealed class ByokProviderOptions
{
    /// <summary><c>openai</c>, <c>azure</c>, <c>anthropic</c>, <c>gemini</c> or <c>bedrock</c>. Default: the known provider's, else <c>openai</c>.</summary>
    public string? Protocol { get; set; }

    /// <summary>Where the API lives, without the operation path. Default: the known provider's public endpoint.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Bedrock: the AWS region of Hub's own key. A stored key's region comes with the key.</summary>
    public string? Region { get; set; }

    /// <summary>Azure OpenAI: the <c>api-version</c> query value of the live check. Default <c>2024-10-21</c>.</summary>
    public string? ApiVersion { get; set; }
}
