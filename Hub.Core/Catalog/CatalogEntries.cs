namespace Hub.Core.Catalog;

/// <summary>A provider and how it handles data; the router filters on these.</summary>
/// <param name="Id">The provider id clients use in <c>&lt;provider&gt;/&lt;model&gt;</c> (<c>openai</c>, <c>groq</c>, …).</param>
/// <param name="Regions">Where it processes requests: areas (<c>us</c>, <c>eu</c>) or cloud regions (<c>eu-central-1</c>).</param>
/// <param name="TrainsOnData">Whether it may train on API prompts by default.</param>
/// <param name="RetentionDays">How long it may keep prompts by default (abuse monitoring included); 0 is zero data retention.</param>
/// <param name="Certifications">E.g. <c>soc2-type2</c>, <c>iso27001</c>, <c>hipaa-baa</c>.</param>
public sealed record CatalogProvider(
    string Id, string Name, IReadOnlyList<string> Regions, bool TrainsOnData, int RetentionDays, IReadOnlyList<string> Certifications);

/// <summary>A model under its canonical name (clients call <c>oah/&lt;id&gt;</c>).</summary>
public sealed record CatalogModel(string Id, bool OpenWeight);

/// <summary>One provider's offer of one model: the id the provider knows it by, and its list price.</summary>
/// <param name="InputMicrosPerMillion">USD per million prompt tokens, in micro-USD (0.13 USD → 130000).</param>
/// <param name="OutputMicrosPerMillion">USD per million completion tokens, in micro-USD.</param>
/// <param name="CachedInputMicrosPerMillion">The price of cached prompt tokens, where the provider has one.</param>
/// <param name="MaxOutputTokens">The most output tokens one answer may have; also the default <c>max_tokens</c> where a provider requires one.</param>
public sealed record CatalogOffer(
    string ModelId,
    string ProviderId,
    string UpstreamModelId,
    long InputMicrosPerMillion,
    long OutputMicrosPerMillion,
    long? CachedInputMicrosPerMillion,
    int? ContextWindow,
    int? MaxOutputTokens);

/// <summary>The whole catalog as stored.</summary>
public sealed record CatalogContents(IReadOnlyList<CatalogProvider> Providers, IReadOnlyList<CatalogModel> Models, IReadOnlyList<CatalogOffer> Offers);

/// <summary>
/// How a catalog edit reaches every gateway at once: after it commits, the writer publishes on this
/// Redis channel and each gateway reloads the catalog. Gateways also reload on a timer, which bounds
/// the delay if the message is lost.
/// </summary>
public static class CatalogChanges
{
    public const string Channel = "hub:catalog:changed";
}
