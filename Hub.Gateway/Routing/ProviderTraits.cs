using Hub.Core.Catalog;
using Hub.Gateway.Providers;

namespace Hub.Gateway.Routing;

/// <summary>What the router knows of a provider's data handling: the catalog's attributes, overridden by configuration.</summary>
/// <param name="Regions">Areas (<c>us</c>, <c>eu</c>) or cloud regions (<c>eu-central-1</c>); empty is unknown.</param>
/// <param name="RetentionDays">0 is zero data retention.</param>
internal sealed record ProviderTraits(IReadOnlyList<string> Regions, bool TrainsOnData, int RetentionDays, IReadOnlyList<string> Certifications)
{
    /// <summary>A provider the catalog does not know is an operator's own endpoint (vLLM, Ollama): assumed to keep nothing, region unknown.</summary>
    private static readonly ProviderTraits SelfHosted = new([], TrainsOnData: false, RetentionDays: 0, []);

    public static ProviderTraits Of(CatalogProvider? catalog, ProviderOptions options)
    {
        var traits = catalog is null
            ? SelfHosted
            : new ProviderTraits(catalog.Regions, catalog.TrainsOnData, catalog.RetentionDays, catalog.Certifications);
        var regions = options.Regions ?? (options.Region is { } awsRegion ? [awsRegion] : null);
        return traits with
        {
            Regions = regions is null ? traits.Regions : Lower(regions),
            TrainsOnData = options.TrainsOnData ?? traits.TrainsOnData,
            RetentionDays = options.RetentionDays ?? traits.RetentionDays,
            Certifications = options.Certifications is null ? traits.Certifications : Lower(options.Certifications),
        };
    }

    /// <summary>
    /// Whether the provider processes requests inside <paramref name="region"/>: one of its regions is
    /// that region or lies within it (<c>eu</c> contains <c>eu-central-1</c>).
    /// </summary>
    public bool IsIn(string region)
    {
        for (var i = 0; i < Regions.Count; i++)
        {
            var own = Regions[i];
            if (own.StartsWith(region, StringComparison.OrdinalIgnoreCase)
                && (own.Length == region.Length || own[region.Length] == '-'))
            {
                return true;
            }
        }

        return false;
    }

    public bool Holds(IReadOnlyList<string> certifications)
    {
        for (var i = 0; i < certifications.Count; i++)
        {
            if (!Contains(Certifications, certifications[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string[] Lower(List<string> values) => [.. values.Select(value => value.Trim().ToLowerInvariant())];

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
