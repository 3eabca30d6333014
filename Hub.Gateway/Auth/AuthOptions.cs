using System.ComponentModel.DataAnnotations;

namespace Hub.Gateway.Auth;

internal sealed class AuthOptions
{
    public const string SectionName = "Gateway:Auth";

    /// <summary>
    /// Seconds a key found in Postgres is trusted before it is looked up again; also the longest a
    /// revoked key keeps working. Default 30.
    /// </summary>
    [Range(0, 3600)]
    public int KeyCacheSeconds { get; set; } = 30;

    /// <summary>Seconds an unknown key is remembered as unknown, so guessing costs no database work. Default 5.</summary>
    [Range(0, 600)]
    public int UnknownKeyCacheSeconds { get; set; } = 5;

    /// <summary>Upper bound on cached entries (known and unknown). Default 100,000.</summary>
    [Range(1, 10_000_000)]
    public int MaxCachedKeys { get; set; } = 100_000;
}

[Microsoft.Extensions.Options.OptionsValidator]
internal sealed partial class AuthOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<AuthOptions>;
