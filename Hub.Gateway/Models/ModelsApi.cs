using Hub.Gateway.ChatCompletions;
using Hub.Gateway.Errors;
using Hub.Gateway.Providers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Gateway.Models;

/// <summary><c>GET /v1/models</c> and <c>GET /v1/models/{model}</c> in OpenAI's <c>ListModelsResponse</c>/<c>Model</c> shapes.</summary>
internal static class ModelsApi
{
    public static RouteGroupBuilder MapModelsApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/models", List);
        v1.MapGet("/models/{**id}", Get);
        return v1;
    }

    private static JsonHttpResult<ModelList> List(ProviderRegistry registry) =>
        TypedResults.Json(new ModelList("list", AllModels(registry)), GatewayJsonContext.Default.ModelList);

    private static Results<JsonHttpResult<ModelEntry>, OpenAIErrorResult> Get(string id, ProviderRegistry registry)
    {
        foreach (var model in AllModels(registry))
        {
            if (string.Equals(model.Id, id, StringComparison.Ordinal))
            {
                return TypedResults.Json(model, GatewayJsonContext.Default.ModelEntry);
            }
        }

        return new OpenAIErrorResult(HubError.ModelNotFound(id));
    }

    /// <summary>Every listed model of every enabled provider, sorted by id. Providers that accept any model list none.</summary>
    private static List<ModelEntry> AllModels(ProviderRegistry registry)
    {
        var models = new List<ModelEntry>();
        foreach (var (name, provider) in registry.Providers)
        {
            foreach (var model in provider.Models)
            {
                models.Add(new ModelEntry($"{name}/{model}", "model", registry.CreatedAt, name));
            }
        }

        models.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return models;
    }
}

internal sealed record ModelList(string Object, IReadOnlyList<ModelEntry> Data);

internal sealed record ModelEntry(string Id, string Object, long Created, string OwnedBy);
