using Hub.Core.Catalog;
using Hub.Testing;
using StackExchange.Redis;

namespace Hub.IntegrationTests.Routing;

/// <summary>
/// A catalog model of a test's own, <c>oah/&lt;id&gt;</c>: rt-a offers it cheapest but fails with a 500 before
/// answering, rt-b answers. Added the way Hub.Admin edits the catalog (Postgres, then the Redis
/// announcement), and ready once the gateway lists it.
/// </summary>
internal static class RoutedModel
{
    public static async Task<string> CreateAsync(GatewayFixture fixture, string apiKey)
    {
        var cancel = TestContext.Current.CancellationToken;
        var model = $"rt-{Guid.NewGuid():N}";
        var catalog = new CatalogRepository(fixture.Infrastructure.DataSource);
        await catalog.UpsertProviderAsync(new CatalogProvider("rt-a", "Routing A", ["us"], false, 30, []), cancel);
        await catalog.UpsertProviderAsync(new CatalogProvider("rt-b", "Routing B", ["us"], false, 30, []), cancel);
        await catalog.UpsertOfferAsync(new CatalogModel(model, true), new CatalogOffer(model, "rt-a", $"{model}{FakeOpenAIUpstream.Outcomes.Error500}", 100_000, 100_000, null, null, null), cancel);
        await catalog.UpsertOfferAsync(new CatalogModel(model, true), new CatalogOffer(model, "rt-b", $"{model}.ok", 200_000, 200_000, null, null, null), cancel);
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Infrastructure.RedisConnectionString))
        {
            await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(CatalogChanges.Channel), "test");
        }

        using var client = fixture.CreateGatewayClient(apiKey);
        await Eventually.Until(() => client.GetStringAsync("models", cancel), models => models.Contains($"\"oah/{model}\"", StringComparison.Ordinal), "the gateway to route the new model");
        return "oah/" + model;
    }
}
