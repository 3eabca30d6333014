using Hub.Core.Tenancy;
using Hub.Gateway.Errors;
using Hub.Gateway.Routing;

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

/// <summary>What governs a caller's requests: its project (null for account keys) and the policy in force.</summary>
internal sealed record ProjectRules(Project? Project, EffectivePolicy Policy)
{
    public static readonly ProjectRules AccountDefault = new(null, EffectivePolicy.Default);

    /// <summary>The project's model and provider restrictions; an empty allow-list allows all.</summary>
    public HubError? CheckAccess(string requestedModel, ResolvedModel model)
    {
        if (Project is null)
        {
            return null;
        }

        var provider = model.Provider.Name;
        if (Project.DeniedProviders.Contains(provider, StringComparer.Ordinal)
            || (Project.AllowedProviders.Count > 0 && !Project.AllowedProviders.Contains(provider, StringComparer.Ordinal)))
        {
            return NotAllowed($"This project may not use the provider '{provider}'.");
        }

        if (Project.AllowedModels.Count > 0
            && !Project.AllowedModels.Contains(requestedModel, StringComparer.Ordinal)
            && !Project.AllowedModels.Contains(model.UpstreamModel, StringComparer.Ordinal))
        {
            return NotAllowed($"This project may not use the model `{requestedModel}`.");
        }

        return null;
    }

    private static HubError NotAllowed(string message) =>
        new(StatusCodes.Status403Forbidden, "invalid_request_error", "model_not_allowed", message, "model");
}
