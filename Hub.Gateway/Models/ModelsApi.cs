using Hub.Gateway.Auth;
using Hub.Gateway.Byok;
using Hub.Gateway.Errors;
using Hub.Gateway.Policies;
using Hub.Gateway.Routing;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Hub.Gateway.Models;

/// <summary>
/// <c>GET /v1/models</c> and <c>GET /v1/models/{model}</c> in OpenAI's <c>ListModelsResponse</c>/<c>Model</c>
/// shapes: what the caller's key may use, with prices (<see cref="ModelListing"/>).
/// </summary>
internal static class ModelsApi
{
    public static RouteGroupBuilder MapModelsApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/models", ListAsync);
        v1.MapGet("/models/{**id}", GetAsync);
        return v1;
    }

    private static async Task<Results<JsonHttpResult<ModelList>, OpenAIErrorResult>> ListAsync(
        HttpContext context, ProjectRulesCache projectRules, ByokCache byok, RouteCatalog catalog, IOptions<RoutingOptions> routing)
    {
        var (models, error) = await ListingAsync(context, projectRules, byok, catalog, routing.Value);
        return error is null
            ? TypedResults.Json(new ModelList("list", models!), GatewayJsonContext.Default.ModelList)
            : new OpenAIErrorResult(error);
    }

    private static async Task<Results<JsonHttpResult<ModelEntry>, OpenAIErrorResult>> GetAsync(
        string id, HttpContext context, ProjectRulesCache projectRules, ByokCache byok, RouteCatalog catalog, IOptions<RoutingOptions> routing)
    {
        var (models, error) = await ListingAsync(context, projectRules, byok, catalog, routing.Value);
        if (error is not null)
        {
            return new OpenAIErrorResult(error);
        }

        foreach (var model in models!)
        {
            if (string.Equals(model.Id, id, StringComparison.Ordinal))
            {
                return TypedResults.Json(model, GatewayJsonContext.Default.ModelEntry);
            }
        }

        return new OpenAIErrorResult(HubError.ModelNotFound(id));
    }

    private static async Task<(List<ModelEntry>? Models, HubError? Error)> ListingAsync(
        HttpContext context, ProjectRulesCache projectRules, ByokCache byok, RouteCatalog catalog, RoutingOptions routing)
    {
        var caller = context.Features.GetRequiredFeature<GatewayCaller>();
        var (rules, unavailable) = await projectRules.TryForAsync(caller, context.RequestAborted);
        if (unavailable is not null)
        {
            return (null, unavailable);
        }

        var (keys, keysUnavailable) = await byok.ForAsync(caller, context.RequestAborted);
        if (keysUnavailable is not null)
        {
            return (null, keysUnavailable);
        }

        return await catalog.GetAsync(context.RequestAborted) is { } snapshot
            ? (ModelListing.For(snapshot, rules!.Project, routing, keys), null)
            : (null, HubError.CatalogUnavailable());
    }
}
