using Hub.Core.Tenancy;
using Hub.Gateway.Providers;

namespace Hub.Gateway.Routing;

/// <summary>
/// Hub's restrictions carried to an upstream that routes on its own (OpenRouter), so that its
/// fallback cannot cross them either: which of the providers Hub knows it may use, whether they may
/// train on prompts or keep them. Project model lists do not apply here: the model is already chosen;
/// nor does the request's <c>provider.only</c>, which names Hub's own first hop (the aggregator among
/// them). Its <c>ignore</c>, <c>data_collection</c> and <c>zdr</c> do apply.
/// </summary>
internal static class DownstreamRules
{
    public static DownstreamRestrictions? For(RouteCatalogSnapshot catalog, Project? project, ClassificationRule classification, ProviderPreferences preferences)
    {
        var denyTraining = classification.DenyTraining || preferences.DenyDataCollection;
        var zeroRetention = classification.MaxRetentionDays == 0 || preferences.ZeroDataRetention;
        var restrictsProviders = project is { AllowedProviders.Count: > 0 } or { DeniedProviders.Count: > 0 } or { Region: not null }
            || classification.AllowedProviders.Count > 0 || classification.MaxRetentionDays > 0 || classification.RequiredCertifications.Count > 0
            || preferences.Ignore.Count > 0;
        if (!denyTraining && !zeroRetention && !restrictsProviders)
        {
            return null;
        }

        List<string>? only = null;
        if (restrictsProviders)
        {
            only = [];
            var filter = new CandidateFilter(project, "", classification, preferences with { Only = null });
            foreach (var (id, traits) in catalog.DownstreamTraits)
            {
                if (filter.CheckProvider(id, traits) == Exclusion.None)
                {
                    only.Add(id);
                }
            }
        }

        return new DownstreamRestrictions(only, denyTraining, zeroRetention);
    }
}
