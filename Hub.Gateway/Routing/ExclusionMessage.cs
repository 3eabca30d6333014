using System.Text;
using Hub.Gateway.Errors;

namespace Hub.Gateway.Routing;

/// <summary>The 403 for a request whose every candidate was filtered out, naming each provider and why.</summary>
internal static class ExclusionMessage
{
    public static HubError NothingAllowed(string model, RouteOffer[] offers, CandidateFilter filter, string classification, string? region)
    {
        var message = new StringBuilder($"No provider may serve `{model}` for this project and request:");
        for (var i = 0; i < offers.Length; i++)
        {
            message.Append(i == 0 ? " " : "; ").Append(offers[i].ProviderId).Append(" (")
                .Append(Reason(filter.Check(offers[i]), offers[i], classification, region)).Append(')');
        }

        return new HubError(StatusCodes.Status403Forbidden, "invalid_request_error", "model_not_allowed", message.Append('.').ToString(), "model");
    }

    private static string Reason(Exclusion exclusion, RouteOffer offer, string classification, string? region) => exclusion switch
    {
        Exclusion.ProviderDeniedByProject => "denied by the project",
        Exclusion.ProviderNotAllowedByProject => "not among the project's allowed providers",
        Exclusion.ModelNotAllowedByProject => "model not among the project's allowed models",
        Exclusion.ModelDeniedByProject => "model denied by the project",
        Exclusion.Classification => $"not allowed for {classification} data: {Traits(offer.Traits)}",
        Exclusion.Region => $"outside the project's region '{region}': serves {(offer.Traits.Regions.Count == 0 ? "an unknown region" : string.Join(", ", offer.Traits.Regions))}",
        Exclusion.NotInRequestOnly => "not in the request's provider.only",
        Exclusion.IgnoredByRequest => "in the request's provider.ignore",
        Exclusion.DataCollection => "may train on prompts (the request asked provider.data_collection: deny)",
        Exclusion.DataRetention => $"keeps prompts {offer.Traits.RetentionDays} days (the request asked provider.zdr)",
        Exclusion.AboveMaxPrice => "above the request's provider.max_price",
        _ => "allowed",
    };

    private static string Traits(ProviderTraits traits) =>
        $"{(traits.TrainsOnData ? "may train on prompts" : "does not train on prompts")}, keeps prompts {traits.RetentionDays} days"
        + (traits.Certifications.Count > 0 ? $", holds {string.Join(", ", traits.Certifications)}" : ", no certifications listed");
}
