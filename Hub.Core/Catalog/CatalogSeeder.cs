using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;

namespace Hub.Core.Catalog;

/// <summary>
/// Puts the catalog shipped with Hub (<c>Catalog/Seed/catalog.json</c>, embedded; built from
/// <c>shared/data/prices.json</c> by <c>build-catalog.py</c>) into Postgres. Each version of the file
/// is applied once and only adds what is missing: prices an operator changed stay changed, and offers
/// an operator deleted stay deleted until a newer file brings them again.
/// </summary>
public sealed class CatalogSeeder(NpgsqlDataSource dataSource)
{
    private const string Resource = "Hub.Core.Catalog.Seed.catalog.json";

    /// <summary>Returns how many providers, models and offers were added (0 when this seed version was applied before).</summary>
    public async Task<int> SeedAsync(CancellationToken cancellationToken)
    {
        var (version, seed) = ReadSeed();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var applied = new NpgsqlCommand("INSERT INTO catalog_seeds (version) VALUES ($1) ON CONFLICT DO NOTHING", connection, transaction))
        {
            applied.Parameters.Add(new() { Value = version });
            if (await applied.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return 0;
            }
        }

        var added = 0;
        foreach (var provider in seed.Providers)
        {
            await using var command = new NpgsqlCommand("""
                INSERT INTO catalog_providers (id, name, regions, trains_on_data, retention_days, certifications)
                VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING
                """, connection, transaction);
            CatalogRepository.AddProvider(command, provider);
            added += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var model in seed.Models)
        {
            await using var command = new NpgsqlCommand("INSERT INTO catalog_models (id, open_weight) VALUES ($1, $2) ON CONFLICT DO NOTHING", connection, transaction);
            command.Parameters.Add(new() { Value = model.Id });
            command.Parameters.Add(new() { Value = model.OpenWeight });
            added += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var offer in seed.Offers)
        {
            await using var command = new NpgsqlCommand(CatalogSql.InsertOffer + " ON CONFLICT DO NOTHING", connection, transaction);
            CatalogSql.AddOffer(command.Parameters, offer);
            added += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    /// <summary>The embedded seed and its version (a hash of the file, so any change is a new version).</summary>
    public static (string Version, CatalogContents Contents) ReadSeed()
    {
        using var stream = typeof(CatalogSeeder).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The catalog seed {Resource} is not embedded.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement;

        var providers = new List<CatalogProvider>();
        foreach (var provider in root.GetProperty("providers").EnumerateArray())
        {
            providers.Add(new CatalogProvider(
                provider.GetProperty("id").GetString()!,
                provider.GetProperty("name").GetString()!,
                Strings(provider.GetProperty("regions")),
                provider.GetProperty("trains_on_data").GetBoolean(),
                provider.GetProperty("retention_days").GetInt32(),
                Strings(provider.GetProperty("certifications"))));
        }

        var models = new List<CatalogModel>();
        var offers = new List<CatalogOffer>();
        foreach (var model in root.GetProperty("models").EnumerateArray())
        {
            var id = model.GetProperty("id").GetString()!;
            models.Add(new CatalogModel(id, model.GetProperty("open_weight").GetBoolean()));
            foreach (var offer in model.GetProperty("offers").EnumerateArray())
            {
                offers.Add(new CatalogOffer(
                    id,
                    offer.GetProperty("provider").GetString()!,
                    offer.GetProperty("upstream_model_id").GetString()!,
                    offer.GetProperty("input_micros_per_million").GetInt64(),
                    offer.GetProperty("output_micros_per_million").GetInt64(),
                    NullableLong(offer.GetProperty("cached_input_micros_per_million")),
                    NullableInt(offer.GetProperty("context_window")),
                    NullableInt(offer.GetProperty("max_output_tokens"))));
            }
        }

        return (Convert.ToHexString(SHA256.HashData(bytes))[..16].ToLowerInvariant(), new CatalogContents(providers, models, offers));
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(item => item.GetString()!)];

    private static long? NullableLong(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetInt64();

    private static int? NullableInt(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetInt32();
}
