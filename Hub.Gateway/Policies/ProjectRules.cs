using Hub.Core.Tenancy;

namespace Hub.Gateway.Policies;

/// <summary>The DLP policy a request is scanned with.</summary>
/// <param name="Id">The stored policy version's id; null for the built-in default.</param>
/// <param name="Version">1, 2, …; 0 for the built-in default.</param>
/// <param name="Document">The policy JSON as the scan API takes it; null lets the scanner apply Maximum Protection.</param>
internal sealed record EffectivePolicy(Guid? Id, int Version, ReadOnlyMemory<byte>? Document)
{
    /// <summary>Maximum Protection, the scanner's own default: every type REDACT, injection BLOCK.</summary>
    public static readonly EffectivePolicy Default = new(null, 0, null);
}

/// <summary>What governs a caller's requests: its project (null for account keys: its restrictions feed the router) and the policy in force.</summary>
internal sealed record ProjectRules(Project? Project, EffectivePolicy Policy)
{
    public static readonly ProjectRules AccountDefault = new(null, EffectivePolicy.Default);
}
