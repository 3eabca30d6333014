using Hub.Core.Tenancy;

namespace Hub.Gateway.Routing;

/// <summary>Why a candidate was removed, in the order the filters run.</summary>
internal enum Exclusion
{
    None,
    ProviderDeniedByProject,
    ProviderNotAllowedByProject,
    ModelNotAllowedByProject,
    ModelDeniedByProject,
    Classification,
    Region,
    NotInRequestOnly,
    IgnoredByRequest,
    DataCollection,
    DataRetention,
    AboveMaxPrice,
}

/// <summary>
/// The filters every candidate passes, in this order: the project's provider and model lists, its data
/// classification, its region, then the request's own <c>provider</c> preferences. The request's
/// filters come last and can only remove: a request narrows what its project allows, never widens it.
/// </summary>
internal readonly struct CandidateFilter(Project? project, string requestedModel, ClassificationRule classification, ProviderPreferences preferences)
{
    public Exclusion Check(RouteOffer offer)
    {
        var byProviderLists = ProviderLists(offer.ProviderId);
        if (byProviderLists != Exclusion.None)
        {
            return byProviderLists;
        }

        if (project is not null && project.AllowedModels.Count > 0 && !AnyNames(project.AllowedModels, offer))
        {
            return Exclusion.ModelNotAllowedByProject;
        }

        if (project is not null && project.DeniedModels.Count > 0 && AnyNames(project.DeniedModels, offer))
        {
            return Exclusion.ModelDeniedByProject;
        }

        var byDataHandling = DataHandling(offer.ProviderId, offer.Traits);
        return byDataHandling != Exclusion.None ? byDataHandling : Price(offer);
    }

    /// <summary>
    /// The filters that judge a provider rather than an offer (every one but the model lists and the
    /// price limit), in the same order: which providers an aggregator upstream may route to on its own.
    /// </summary>
    public Exclusion CheckProvider(string provider, ProviderTraits traits)
    {
        var byProviderLists = ProviderLists(provider);
        return byProviderLists != Exclusion.None ? byProviderLists : DataHandling(provider, traits);
    }

    /// <summary>Whether a classification allows a provider with these traits.</summary>
    public static bool Permits(ClassificationRule rule, string provider, ProviderTraits traits) =>
        (rule.AllowedProviders.Count == 0 || Contains(rule.AllowedProviders, provider))
        && !(rule.DenyTraining && traits.TrainsOnData)
        && (rule.MaxRetentionDays is not { } days || traits.RetentionDays <= days)
        && traits.Holds(rule.RequiredCertifications);

    private Exclusion ProviderLists(string provider)
    {
        if (project is null)
        {
            return Exclusion.None;
        }

        if (Contains(project.DeniedProviders, provider))
        {
            return Exclusion.ProviderDeniedByProject;
        }

        return project.AllowedProviders.Count > 0 && !Contains(project.AllowedProviders, provider) ? Exclusion.ProviderNotAllowedByProject : Exclusion.None;
    }

    /// <summary>The classification, the region, then the request's provider-level preferences.</summary>
    private Exclusion DataHandling(string provider, ProviderTraits traits)
    {
        if (!Permits(classification, provider, traits))
        {
            return Exclusion.Classification;
        }

        if (project?.Region is { } region && !traits.IsIn(region))
        {
            return Exclusion.Region;
        }

        if (preferences.Only is { } only && !Contains(only, provider))
        {
            return Exclusion.NotInRequestOnly;
        }

        if (Contains(preferences.Ignore, provider))
        {
            return Exclusion.IgnoredByRequest;
        }

        if (preferences.DenyDataCollection && traits.TrainsOnData)
        {
            return Exclusion.DataCollection;
        }

        return preferences.ZeroDataRetention && traits.RetentionDays > 0 ? Exclusion.DataRetention : Exclusion.None;
    }

    /// <summary>The request's <c>max_price</c>: an offer without a known price cannot be shown to be under it.</summary>
    private Exclusion Price(RouteOffer offer) =>
        (preferences.MaxPromptMicrosPerMillion is { } maxPrompt && !(offer.InputMicrosPerMillion <= maxPrompt))
        || (preferences.MaxCompletionMicrosPerMillion is { } maxCompletion && !(offer.OutputMicrosPerMillion <= maxCompletion))
            ? Exclusion.AboveMaxPrice
            : Exclusion.None;

    /// <summary>
    /// Whether a project's model list names this offer: as the client asked for it, as <c>oah/&lt;model&gt;</c>
    /// or the catalog name, as <c>&lt;provider&gt;/&lt;id&gt;</c>, or by the provider's id alone.
    /// </summary>
    private bool AnyNames(IReadOnlyList<string> entries, RouteOffer offer)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i].AsSpan();
            if (entry.SequenceEqual(requestedModel) || entry.SequenceEqual(offer.UpstreamModel)
                || (offer.ModelId is { } model && (entry.SequenceEqual(model) || IsPrefixed(entry, RouteCatalogSnapshot.VirtualPrefix, model)))
                || IsProviderRoute(entry, offer))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsProviderRoute(ReadOnlySpan<char> entry, RouteOffer offer) =>
        entry.Length > offer.ProviderId.Length && entry[offer.ProviderId.Length] == '/' && entry.StartsWith(offer.ProviderId, StringComparison.Ordinal)
        && (entry[(offer.ProviderId.Length + 1)..].SequenceEqual(offer.UpstreamModel) || (offer.ModelId is { } model && entry[(offer.ProviderId.Length + 1)..].SequenceEqual(model)));

    private static bool IsPrefixed(ReadOnlySpan<char> entry, string prefix, string rest) =>
        entry.Length == prefix.Length + rest.Length && entry.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && entry[prefix.Length..].SequenceEqual(rest);

    private static bool Contains(IReadOnlyList<string> values, string value)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], value, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
