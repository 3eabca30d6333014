using Hub.Gateway.Errors;
using Hub.Gateway.Providers;

namespace Hub.Gateway.Routing;

/// <summary>A resolved model: which provider, and the model id that provider knows it by.</summary>
internal sealed record ResolvedModel(IChatProvider Provider, string UpstreamModel);

/// <summary>
/// Resolves <c>&lt;provider&gt;/&lt;model&gt;</c>. Only the first slash separates, so ids with slashes
/// (<c>together/meta-llama/Llama-3.3-70B</c>) keep the rest intact.
/// </summary>
internal sealed class ModelResolver(ProviderRegistry registry)
{
    public (ResolvedModel? Model, HubError? Error) Resolve(string model)
    {
        var slash = model.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == model.Length - 1
            || !registry.Providers.TryGetValue(model[..slash], out var provider))
        {
            return (null, HubError.ModelNotFound(model));
        }

        var upstreamModel = model[(slash + 1)..];
        if (provider.Models.Count > 0 && !Contains(provider.Models, upstreamModel))
        {
            return (null, HubError.ModelNotFound(model));
        }

        return (new ResolvedModel(provider, upstreamModel), null);
    }

    private static bool Contains(IReadOnlyList<string> models, string model)
    {
        for (var i = 0; i < models.Count; i++)
        {
            if (string.Equals(models[i], model, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
