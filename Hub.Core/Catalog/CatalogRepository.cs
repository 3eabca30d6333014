using Npgsql;

namespace Hub.Core.Catalog;

/// <summary>The model catalog in Postgres: read whole by the gateways, edited one offer at a time.</summary>
public sealed class CatalogRepository(NpgsqlDataSource dataSource)
{
    public async Task<CatalogContents> LoadAsync(CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new("SELECT id, name, regions, trains_on_data, retention_days, certifications FROM catalog_providers ORDER BY id"));
        batch.BatchCommands.Add(new("SELECT id, open_weight FROM catalog_models ORDER BY id"));
        batch.BatchCommands.Add(new("""
            SELECT model_id, provider_id, upstream_model_id, input_micros_per_million, output_micros_per_million,
                   cached_input_micros_per_million, context_window, max_output_tokens
            FROM catalog_offers ORDER BY model_id, provider_id
            """));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);

        var providers = new List<CatalogProvider>();
        while (await reader.ReadAsync(cancellationToken))
        {
            providers.Add(new CatalogProvider(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2),
                reader.GetBoolean(3), reader.GetInt32(4), reader.GetFieldValue<string[]>(5)));
        }

        await reader.NextResultAsync(cancellationToken);
        var models = new List<CatalogModel>();
        while (await reader.ReadAsync(cancellationToken))
        {
            models.Add(new CatalogModel(reader.GetString(0), reader.GetBoolean(1)));
        }

        await reader.NextResultAsync(cancellationToken);
        var offers = new List<CatalogOffer>();
        while (await reader.ReadAsync(cancellationToken))
        {
            offers.Add(new CatalogOffer(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4),
                reader.IsDBNull(5) ? null : reader.GetInt64(5), reader.IsDBNull(6) ? null : reader.GetInt32(6), reader.IsDBNull(7) ? null : reader.GetInt32(7)));
        }

        return new CatalogContents(providers, models, offers);
    }

    /// <summary>Changes an offer's list prices; false when the offer does not exist.</summary>
    public async Task<bool> SetPricesAsync(string modelId, string providerId, long inputMicrosPerMillion, long outputMicrosPerMillion, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE catalog_offers SET input_micros_per_million = $3, output_micros_per_million = $4, updated_at = now()
            WHERE model_id = $1 AND provider_id = $2
            """);
        command.Parameters.Add(new() { Value = modelId });
        command.Parameters.Add(new() { Value = providerId });
        command.Parameters.Add(new() { Value = inputMicrosPerMillion });
        command.Parameters.Add(new() { Value = outputMicrosPerMillion });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Adds a provider, or replaces its attributes.</summary>
    public async Task UpsertProviderAsync(CatalogProvider provider, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO catalog_providers (id, name, regions, trains_on_data, retention_days, certifications) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (id) DO UPDATE SET name = $2, regions = $3, trains_on_data = $4, retention_days = $5, certifications = $6, updated_at = now()
            """);
        AddProvider(command, provider);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Adds a model with an offer, or replaces the offer (the model's open-weight flag included).</summary>
    public async Task UpsertOfferAsync(CatalogModel model, CatalogOffer offer, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        var upsertModel = new NpgsqlBatchCommand("""
            INSERT INTO catalog_models (id, open_weight) VALUES ($1, $2)
            ON CONFLICT (id) DO UPDATE SET open_weight = $2, updated_at = now()
            """);
        upsertModel.Parameters.Add(new() { Value = model.Id });
        upsertModel.Parameters.Add(new() { Value = model.OpenWeight });
        batch.BatchCommands.Add(upsertModel);
        var upsertOffer = new NpgsqlBatchCommand($"""
            {CatalogSql.InsertOffer}
            ON CONFLICT (model_id, provider_id) DO UPDATE SET upstream_model_id = $3, input_micros_per_million = $4, output_micros_per_million = $5,
                cached_input_micros_per_million = $6, context_window = $7, max_output_tokens = $8, updated_at = now()
            """);
        CatalogSql.AddOffer(upsertOffer.Parameters, offer);
        batch.BatchCommands.Add(upsertOffer);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static void AddProvider(NpgsqlCommand command, CatalogProvider provider)
    {
        command.Parameters.Add(new() { Value = provider.Id });
        command.Parameters.Add(new() { Value = provider.Name });
        command.Parameters.Add(new() { Value = provider.Regions.ToArray() });
        command.Parameters.Add(new() { Value = provider.TrainsOnData });
        command.Parameters.Add(new() { Value = provider.RetentionDays });
        command.Parameters.Add(new() { Value = provider.Certifications.ToArray() });
    }
}

/// <summary>SQL shared by the repository and the seeder.</summary>
internal static class CatalogSql
{
    public const string InsertOffer = """
        INSERT INTO catalog_offers (model_id, provider_id, upstream_model_id, input_micros_per_million, output_micros_per_million,
                                    cached_input_micros_per_million, context_window, max_output_tokens)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
        """;

    public static void AddOffer(NpgsqlParameterCollection parameters, CatalogOffer offer)
    {
        parameters.Add(new() { Value = offer.ModelId });
        parameters.Add(new() { Value = offer.ProviderId });
        parameters.Add(new() { Value = offer.UpstreamModelId });
        parameters.Add(new() { Value = offer.InputMicrosPerMillion });
        parameters.Add(new() { Value = offer.OutputMicrosPerMillion });
        parameters.Add(new() { Value = (object?)offer.CachedInputMicrosPerMillion ?? DBNull.Value });
        parameters.Add(new() { Value = (object?)offer.ContextWindow ?? DBNull.Value });
        parameters.Add(new() { Value = (object?)offer.MaxOutputTokens ?? DBNull.Value });
    }
}
