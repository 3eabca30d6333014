using System.ComponentModel.DataAnnotations;

namespace Hub.Gateway.Policies;

internal sealed class PolicyCacheOptions
{
    public const string SectionName = "Gateway:Policies";

    /// <summary>
    /// Seconds a project's policy is used before it is read again. Saves take effect at once through
    /// Redis; this bounds the delay if that notification is lost. Default 30.
    /// </summary>
    [Range(0, 3600)]
    public int CacheSeconds { get; set; } = 30;

    [Range(1, 10_000_000)]
    public int MaxCachedProjects { get; set; } = 100_000;
}

[Microsoft.Extensions.Options.OptionsValidator]
internal sealed partial class PolicyCacheOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<PolicyCacheOptions>;
