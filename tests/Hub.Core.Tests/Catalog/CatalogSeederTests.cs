using System.Text.Json;
using Hub.Core.Catalog;
using Hub.Core.Storage;
using Hub.Testing;
using Npgsql;

namespace Hub.Core.Tests.Catalog;

public sealed class CatalogSeederTests(LocalInfrastructure infrastructure)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void ReadSeed_EveryPriceOfPricesJson_InMicrosPerMillion()
    {
        var (_, seed) = CatalogSeeder.ReadSeed();
        using var prices = JsonDocument.Parse(File.ReadAllText(SharedFile("data", "prices.json")));

        // OpenRouter's own API snapshot is the authority on OpenRouter's prices; LiteLLM's rows for the rest.
        var expected = prices.RootElement.GetProperty("rows").EnumerateArray()
            .Concat(prices.RootElement.GetProperty("openrouter_api_snapshot_2026_08_01").EnumerateArray())
            .GroupBy(row => (row.GetProperty("model").GetString()!, row.GetProperty("provider").GetString()!))
            .ToDictionary(group => group.Key, group => group.Last());
        Assert.Equal(expected.Count, seed.Offers.Count);
        foreach (var offer in seed.Offers)
        {
            var row = expected[(offer.ModelId, offer.ProviderId)];
            Assert.Equal(row.GetProperty("upstream_model_id").GetString(), offer.UpstreamModelId);
            Assert.Equal((long)Math.Round(row.GetProperty("input_per_1m_usd").GetDecimal() * 1_000_000m), offer.InputMicrosPerMillion);
            Assert.Equal((long)Math.Round(row.GetProperty("output_per_1m_usd").GetDecimal() * 1_000_000m), offer.OutputMicrosPerMillion);
        }
    }

    [Fact]
    public void ReadSeed_TenProvidersWithDataHandlingAttributes()
    {
        var (_, seed) = CatalogSeeder.ReadSeed();

        Assert.Equal(["anthropic", "bedrock", "deepinfra", "gemini", "groq", "mistral", "openai", "openrouter", "together", "xai"], seed.Providers.Select(p => p.Id).Order());
        Assert.All(seed.Providers, provider => Assert.NotEmpty(provider.Regions));
        Assert.Contains(seed.Models, model => model is { Id: "llama-3.3-70b-instruct", OpenWeight: true });
        Assert.Contains(seed.Models, model => model is { Id: "gpt-4.1", OpenWeight: false });
    }

    [Fact]
    public async Task SeedAsync_NewDatabase_LoadsTheWholeSeed()
    {
        await using var dataSource = await NewDatabaseAsync();

        var added = await new CatalogSeeder(dataSource).SeedAsync(Cancel);

        var (_, seed) = CatalogSeeder.ReadSeed();
        Assert.Equal(seed.Providers.Count + seed.Models.Count + seed.Offers.Count, added);
        var loaded = await new CatalogRepository(dataSource).LoadAsync(Cancel);
        Assert.Equal(seed.Offers.OrderBy(o => (o.ModelId, o.ProviderId)), loaded.Offers);
        Assert.Equal(seed.Providers.OrderBy(p => p.Id).Select(p => (p.Id, p.RetentionDays, string.Join(',', p.Regions))),
            loaded.Providers.Select(p => (p.Id, p.RetentionDays, string.Join(',', p.Regions))));
    }

    [Fact]
    public async Task SeedAsync_AgainAfterOperatorEdits_KeepsTheEdits()
    {
        await using var dataSource = await NewDatabaseAsync();
        var seeder = new CatalogSeeder(dataSource);
        var repository = new CatalogRepository(dataSource);
        await seeder.SeedAsync(Cancel);
        Assert.True(await repository.SetPricesAsync("gpt-4.1", "openai", 1, 2, Cancel));
        await using (var delete = dataSource.CreateCommand("DELETE FROM catalog_offers WHERE model_id = 'gpt-4o' AND provider_id = 'openai'"))
        {
            await delete.ExecuteNonQueryAsync(Cancel);
        }

        var added = await seeder.SeedAsync(Cancel);

        Assert.Equal(0, added);
        var offers = (await repository.LoadAsync(Cancel)).Offers;
        Assert.Contains(offers, offer => offer is { ModelId: "gpt-4.1", ProviderId: "openai", InputMicrosPerMillion: 1, OutputMicrosPerMillion: 2 });
        Assert.DoesNotContain(offers, offer => offer is { ModelId: "gpt-4o", ProviderId: "openai" });
    }

    [Fact]
    public async Task UpsertOfferAsync_NewThenChanged_LoadsTheLatest()
    {
        await using var dataSource = await NewDatabaseAsync();
        var repository = new CatalogRepository(dataSource);
        await repository.UpsertProviderAsync(new CatalogProvider("local-vllm", "vLLM", ["eu"], false, 0, []), Cancel);
        var offer = new CatalogOffer("my-model", "local-vllm", "org/my-model", 10, 20, null, 8192, 1024);
        await repository.UpsertOfferAsync(new CatalogModel("my-model", true), offer, Cancel);

        await repository.UpsertOfferAsync(new CatalogModel("my-model", true), offer with { InputMicrosPerMillion = 11 }, Cancel);

        Assert.Equal(offer with { InputMicrosPerMillion = 11 }, Assert.Single((await repository.LoadAsync(Cancel)).Offers));
    }

    private async Task<NpgsqlDataSource> NewDatabaseAsync()
    {
        var dataSource = NpgsqlDataSource.Create(await infrastructure.CreateDatabaseAsync($"catalog_{Guid.NewGuid():N}"));
        await new SchemaMigrator(dataSource).MigrateAsync(Cancel);
        return dataSource;
    }

    private static string SharedFile(params string[] parts)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Hub.sln")))
            {
                return Path.Combine([folder.FullName, "..", "shared", .. parts]);
            }
        }

        throw new DirectoryNotFoundException("No Hub.sln above the test binaries.");
    }
}
