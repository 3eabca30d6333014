using Hub.Core.Tenancy;
using Hub.Gateway.Byok;
using Hub.Gateway.Policies;
using Hub.Gateway.Routing;
using Microsoft.Extensions.Options;
using static Hub.Gateway.Tests.Routing.InMemoryRoutes;

namespace Hub.Gateway.Tests.Routing;

public sealed class ModelRouterTests
{
    private static readonly RouteCatalogSnapshot Catalog = Snapshot(
        [Provider("cheap"), Provider("mid", certifications: "hipaa-baa"), Provider("dear"), Provider("trainer", trains: true), Provider("eu", region: "eu-west-1", retentionDays: 0)],
        Offer("llama", "cheap", 0.10m, 0.20m),
        Offer("llama", "mid", 0.50m, 0.50m),
        Offer("llama", "dear", 2.00m, 2.00m),
        Offer("llama", "trainer", 0.01m, 0.01m),
        Offer("llama", "eu", 0.90m, 0.90m));

    [Fact]
    public void Plan_VirtualModel_CheapestAllowedFirst()
    {
        var (plan, error) = Router().Plan(Catalog, Request("oah/llama"), Rules(new NewProject("p")), CallerKeys.None);

        Assert.Null(error);
        // "trainer" is cheapest but the default classification (internal) refuses providers that train on prompts.
        Assert.Equal(["cheap", "mid", "eu", "dear"], plan!.Candidates.Select(c => c.ProviderId));
    }

    [Theory]
    [InlineData("public", new[] { "trainer", "cheap", "mid", "eu", "dear" })]
    [InlineData("confidential", new[] { "cheap", "mid", "eu", "dear" })]
    [InlineData("restricted", new[] { "eu" })]
    public void Plan_Classification_DecidesWhichProvidersRemain(string classification, string[] expected)
    {
        var (plan, _) = Router().Plan(Catalog, Request("oah/llama"), Rules(new NewProject("p", Classification: classification)), CallerKeys.None);

        Assert.Equal(expected, plan!.Candidates.Select(c => c.ProviderId));
    }

    [Fact]
    public void Plan_ClassificationRequiringACertification_KeepsOnlyHolders()
    {
        var options = new RoutingOptions();
        options.Classifications.Confidential.RequiredCertifications.Add("hipaa-baa");

        var (plan, _) = Router(options: options).Plan(Catalog, Request("oah/llama"), Rules(new NewProject("p", Classification: "confidential")), CallerKeys.None);

        Assert.Equal(["mid"], plan!.Candidates.Select(c => c.ProviderId));
    }

    [Theory]
    [InlineData("eu", new[] { "eu" })]
    [InlineData("eu-west-1", new[] { "eu" })]
    [InlineData("us", new[] { "cheap", "mid", "dear" })]
    public void Plan_ProjectRegion_KeepsProvidersInside(string region, string[] expected)
    {
        var (plan, _) = Router().Plan(Catalog, Request("oah/llama"), Rules(new NewProject("p", Region: region)), CallerKeys.None);

        Assert.Equal(expected, plan!.Candidates.Select(c => c.ProviderId));
    }

    [Fact]
    public void Plan_ProjectProviderAndModelLists_AreApplied()
    {
        var project = new NewProject("p", AllowedProviders: ["cheap", "mid", "dear"], DeniedProviders: ["mid"], AllowedModels: ["oah/llama"], DeniedModels: ["dear/llama@dear"]);

        var (plan, _) = Router().Plan(Catalog, Request("oah/llama"), Rules(project), CallerKeys.None);

        Assert.Equal(["cheap"], plan!.Candidates.Select(c => c.ProviderId));
    }

    [Fact]
    public void Plan_ProjectAllowsOtherModelsOnly_403SaysSo()
    {
        var (_, error) = Router().Plan(Catalog, Request("oah/llama"), Rules(new NewProject("p", AllowedModels: ["oah/mistral"])), CallerKeys.None);

        Assert.Equal(403, error!.Status);
        Assert.Contains("cheap (model not among the project's allowed models)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_AllowFallbacksFalse_OneCandidate()
    {
        var (plan, _) = Router().Plan(Catalog, Request("oah/llama", ",\"provider\":{\"allow_fallbacks\":false}"), Rules(new NewProject("p")), CallerKeys.None);

        Assert.Equal(["cheap"], plan!.Candidates.Select(c => c.ProviderId));
    }

    [Fact]
    public void Plan_RequestZdr_KeepsZeroRetentionOnly()
    {
        var (plan, _) = Router().Plan(Catalog, Request("oah/llama", ",\"provider\":{\"zdr\":true}"), Rules(new NewProject("p")), CallerKeys.None);

        Assert.Equal(["eu"], plan!.Candidates.Select(c => c.ProviderId));
    }

    [Fact]
    public void Plan_PriceTie_HealthierProviderFirst()
    {
        var catalog = Snapshot([Provider("x"), Provider("y")], Offer("m", "x", 1m, 1m), Offer("m", "y", 1m, 1m));
        var health = Health();
        health.For("x").RecordFailure();

        var (plan, _) = Router(health).Plan(catalog, Request("oah/m"), Rules(new NewProject("p")), CallerKeys.None);

        Assert.Equal(["y", "x"], plan!.Candidates.Select(c => c.ProviderId));
    }

    [Fact]
    public void Plan_OpenBreaker_SortsAfterTheOthers()
    {
        var options = new RoutingOptions { CircuitBreaker = { FailureThreshold = 1 } };
        var health = Health(options);
        health.For("cheap").RecordFailure();

        var (plan, _) = Router(health, options).Plan(Catalog, Request("oah/llama"), Rules(new NewProject("p")), CallerKeys.None);

        Assert.Equal(["mid", "eu", "dear", "cheap"], plan!.Candidates.Select(c => c.ProviderId));
    }

    [Theory]
    [InlineData("latency", new[] { "dear", "mid", "cheap" })]
    [InlineData("throughput", new[] { "mid", "dear", "cheap" })]
    public void Plan_SortByMeasuredSpeed_UnmeasuredLast(string sort, string[] expected)
    {
        var health = Health();
        health.For("dear").RecordSuccess(latencyMs: 100);
        health.For("mid").RecordSuccess(latencyMs: 400);
        health.For("mid").RecordThroughput(1000, 1000);
        health.For("dear").RecordThroughput(100, 1000);

        var (plan, _) = Router(health).Plan(Catalog, Request("oah/llama", $$""","provider":{"sort":"{{sort}}","only":["cheap","mid","dear"]}"""), Rules(new NewProject("p")), CallerKeys.None);

        Assert.Equal(expected, plan!.Candidates.Select(c => c.ProviderId));
    }

    [Theory]
    [InlineData("oah/nothing")]
    [InlineData("nobody/llama")]
    [InlineData("custom/not-listed")]
    public void Plan_UnknownModel_404(string model)
    {
        var (_, error) = Router().Plan(Catalog, Request(model), Rules(new NewProject("p")), CallerKeys.None);

        Assert.Equal(404, error!.Status);
        Assert.Equal("model_not_found", error.Code);
    }

    [Theory]
    [InlineData("mid/llama", "llama@mid", 500_000L)]
    [InlineData("mid/llama@mid", "llama@mid", 500_000L)]
    [InlineData("mid/some-new-model", "some-new-model", null)]
    [InlineData("custom/only-this", "only-this", null)]
    public void Plan_ForcedRoute_ByCatalogNameOrProviderId(string model, string upstream, long? inputPrice)
    {
        var (plan, _) = Router().Plan(Catalog, Request(model), Rules(new NewProject("p")), CallerKeys.None);

        var candidate = Assert.Single(plan!.Candidates);
        Assert.Equal(upstream, candidate.UpstreamModel);
        Assert.Equal(inputPrice, candidate.InputMicrosPerMillion);
    }

    private static ProviderHealthBoard Health(RoutingOptions? options = null) => new(Options.Create(options ?? new RoutingOptions()), TimeProvider.System);

    private static ProjectRules Rules(NewProject project) => new(
        new Project(Guid.NewGuid(), Guid.NewGuid(), project.Name, project.Classification ?? "internal", project.AllowedProviders ?? [], project.DeniedProviders ?? [],
            project.AllowedModels ?? [], project.Region, DateTimeOffset.UtcNow, project.DeniedModels ?? []),
        EffectivePolicy.Default);
}
