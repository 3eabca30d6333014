using Hub.Core.Catalog;
using Hub.Core.Tenancy;
using Hub.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Hub.Gateway.Tests.Routing;

/// <summary>
/// A catalog model of its own for one routing test, served by the fixture's <c>rt-*</c> providers at
/// the prices the test chooses, each offer's upstream id scripting what that provider does
/// (<see cref="FakeOpenAIUpstream.Outcomes"/>). Nothing is shared between tests but the providers'
/// catalog traits, which are fixed: rt-a, rt-b and rt-c in the US (rt-c may train on prompts), rt-eu
/// in eu-central-1 keeping nothing, rt-breaker and rt-slow (1 s timeout) in the US.
/// </summary>
internal sealed class RoutingScenario(GatewayFixture fixture, string model)
{
    public const string A = "rt-a";
    public const string B = "rt-b";
    public const string C = "rt-c";
    public const string Eu = "rt-eu";
    public const string Breaker = "rt-breaker";
    public const string Slow = "rt-slow";

    public static readonly string[] Providers = [A, B, C, Eu, Breaker, Slow];

    private static readonly CatalogProvider[] Traits =
    [
        new(A, "Routing A", ["us"], false, 30, []),
        new(B, "Routing B", ["us"], false, 30, ["hipaa-baa"]),
        new(C, "Routing C", ["us"], true, 30, []),
        new(Eu, "Routing EU", ["eu-central-1"], false, 0, []),
        new(Breaker, "Routing breaker", ["us"], false, 30, []),
        new(Slow, "Routing slow", ["us"], false, 30, []),
    ];

    /// <summary>The catalog name; clients call <c>oah/{Model}</c>.</summary>
    public string Model { get; } = model;

    public string VirtualModel => "oah/" + Model;

    /// <summary>The upstream id an offer has: the model, the provider, and what the provider does.</summary>
    public string UpstreamId(string provider, string outcome = ".ok") => $"{Model}-{provider}{outcome}";

    /// <summary>
    /// A new model offered by each (provider, input and output USD per million, outcome), announced to the
    /// gateway the way Hub.Admin announces catalog edits; returns once the gateway routes it.
    /// </summary>
    public static async Task<RoutingScenario> CreateAsync(GatewayFixture fixture, params (string Provider, decimal Input, decimal Output, string Outcome)[] offers)
    {
        var scenario = new RoutingScenario(fixture, $"rt-{Guid.NewGuid():N}");
        var catalog = fixture.Services.GetRequiredService<CatalogRepository>();
        var cancel = TestContext.Current.CancellationToken;
        foreach (var provider in Traits)
        {
            await catalog.UpsertProviderAsync(provider, cancel);
        }

        foreach (var (provider, input, output, outcome) in offers)
        {
            await catalog.UpsertOfferAsync(new CatalogModel(scenario.Model, OpenWeight: true), new CatalogOffer(
                scenario.Model, provider, scenario.UpstreamId(provider, outcome), Micros(input), Micros(output), null, 128_000, 4096), cancel);
        }

        await scenario.AnnounceAndWaitAsync(snapshot => snapshot.Models.TryGetValue(scenario.Model, out var model) && model.Offers.Length == offers.Length);
        return scenario;
    }

    /// <summary>Changes an offer's prices and waits until the gateway uses them.</summary>
    public async Task SetPricesAsync(string provider, decimal input, decimal output)
    {
        var catalog = fixture.Services.GetRequiredService<CatalogRepository>();
        Assert.True(await catalog.SetPricesAsync(Model, provider, Micros(input), Micros(output), TestContext.Current.CancellationToken));
        await AnnounceAndWaitAsync(snapshot => snapshot.Models[Model].Offers.Any(offer => offer.ProviderId == provider && offer.InputMicrosPerMillion == Micros(input)));
    }

    /// <summary>A project of the tenant's organization with these settings, and a key for it.</summary>
    public static async Task<string> ProjectKeyAsync(GatewayFixture fixture, TestTenant tenant, NewProject project)
    {
        var cancel = TestContext.Current.CancellationToken;
        var created = await fixture.Services.GetRequiredService<ProjectRepository>().CreateAsync(tenant.OrganizationId, project with { Name = $"{project.Name}-{Guid.NewGuid():N}" }, cancel);
        return (await tenant.Keys.IssueAsync(tenant.OrganizationId, created!.Id, Hub.Core.Keys.ApiKeyKind.Project, "routing", null, cancel)).Key;
    }

    /// <summary>The providers the fake saw this scenario's requests at, in order.</summary>
    public List<string> ProvidersCalled() =>
        [.. fixture.Upstream.Requests.Where(request => request.BodyText.Contains(Model, StringComparison.Ordinal)).Select(request => request.Provider)];

    private async Task AnnounceAndWaitAsync(Func<Hub.Gateway.Routing.RouteCatalogSnapshot, bool> applied)
    {
        await fixture.Services.GetRequiredService<IConnectionMultiplexer>().GetSubscriber().PublishAsync(RedisChannel.Literal(CatalogChanges.Channel), "test");
        var routes = fixture.Services.GetRequiredService<Hub.Gateway.Routing.RouteCatalog>();
        await Eventually.Until(async () => await routes.GetAsync(TestContext.Current.CancellationToken), snapshot => snapshot is not null && applied(snapshot), "the gateway to reload its catalog");
    }

    private static long Micros(decimal usd) => (long)(usd * 1_000_000m);
}
