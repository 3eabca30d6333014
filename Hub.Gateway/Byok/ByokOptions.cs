using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Hub.Gateway.Byok;

/// <summary><c>Byok:*</c>: organizations' own provider keys on the gateway (docs/byok.md).</summary>
internal sealed class ByokOptions
{
    public const string SectionName = "Byok";

    /// <summary>
    /// Whether stored keys are used at all, and known providers with no <c>Providers:&lt;id&gt;</c>
    /// configuration are offered to organizations that stored a key for them. Default true.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Seconds an organization's stored keys stay cached (Hub.Admin's change announcements drop them sooner). Default 60.</summary>
    [Range(1, 3600)]
    public int CacheSeconds { get; set; } = 60;
}

[OptionsValidator]
internal sealed partial class ByokOptionsValidator : IValidateOptions<ByokOptions>;
