using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Hub.Gateway.RateLimits;

/// <summary>
/// The default limits (a project's or key's own, stored by Hub.Admin, override them) and loop
/// protection. Limits are per minute; an unset limit is unlimited.
/// </summary>
internal sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Each gateway key's limits (<c>RateLimits:Key:…</c>), project and account keys alike. Default: unlimited.</summary>
    [ValidateObjectMembers]
    public ScopeRateLimitOptions Key { get; set; } = new();

    /// <summary>Each project's limits, shared by all its keys (<c>RateLimits:Project:…</c>). Default: unlimited.</summary>
    [ValidateObjectMembers]
    public ScopeRateLimitOptions Project { get; set; } = new();

    [ValidateObjectMembers]
    public LoopProtectionOptions Loop { get; set; } = new();
}

internal sealed class ScopeRateLimitOptions
{
    /// <summary>Requests per minute (RPM). Null (default): unlimited.</summary>
    [Range(1, int.MaxValue)]
    public int? RequestsPerMinute { get; set; }

    /// <summary>
    /// Tokens per minute (TPM), counted at admission from the prompt estimate plus the output
    /// allowance (<c>max_tokens</c>), as OpenAI counts them. Null (default): unlimited.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int? TokensPerMinute { get; set; }
}

/// <summary>Refuses a key's repeats of one prompt, so a runaway agent cannot burn the budget.</summary>
internal sealed class LoopProtectionOptions
{
    /// <summary>Times one key may send the same prompt within the window; the next is refused. 0 turns loop protection off. Default 20.</summary>
    [Range(0, 1000)]
    public int MaxRepeats { get; set; } = 20;

    /// <summary>The window, in seconds. Default 60.</summary>
    [Range(1, 86_400)]
    public int WindowSeconds { get; set; } = 60;
}

[OptionsValidator]
internal sealed partial class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>;
