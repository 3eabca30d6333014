using Hub.Core.Byok;
using Hub.Gateway.Routing;

namespace Hub.Gateway.Byok;

/// <summary>
/// The stored provider keys that apply to one caller: its project's, else its organization's, per
/// provider. What the router asks when it keeps, orders and sends to candidates.
/// </summary>
internal readonly struct CallerKeys(OrganizationKeys keys, Guid? projectId)
{
    public static CallerKeys None => new(OrganizationKeys.None, null);

    public OrganizationKeys Organization => keys ?? OrganizationKeys.None;

    /// <summary>The key this caller uses for <paramref name="provider"/>; null: Hub's own (managed).</summary>
    public SealedByokKey? For(string provider)
    {
        if (keys is null || keys.IsEmpty)
        {
            return null;
        }

        if (projectId is { } project && keys.ForProjects.TryGetValue(project, out var projectKeys) && projectKeys.TryGetValue(provider, out var projectKey))
        {
            return projectKey;
        }

        return keys.ForOrganization.GetValueOrDefault(provider);
    }

    /// <summary>Whether the caller has a way to pay for <paramref name="offer"/>: Hub's key, or its own for a provider Hub has none for.</summary>
    public bool CanUse(RouteOffer offer) => !offer.ByokOnly || For(offer.ProviderId) is not null;
}
