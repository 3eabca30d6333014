using Hub.Core.Catalog;
using Hub.Core.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Hub.Admin.Schema;

/// <summary>Set once the schema is current and development bootstrap (if any) is done.</summary>
internal sealed class SchemaState
{
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => ready.Task.IsCompletedSuccessfully;

    public Task WhenReady => ready.Task;

    public void MarkReady() => ready.TrySetResult();
}

/// <summary>
/// Applies migrations and the catalog seed at start-up, retrying while Postgres is not reachable yet. Admin's /health stays
/// unhealthy until this is done, and the gateway and scanner start only after that.
/// </summary>
internal sealed partial class SchemaMigrationService(
    SchemaMigrator migrator, CatalogSeeder catalogSeeder, Bootstrap.DevelopmentBootstrap bootstrap, SchemaState state, TimeProvider time, ILogger<SchemaMigrationService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                var applied = await migrator.MigrateAsync(stoppingToken);
                Log.SchemaMigrated(logger, applied.Count, applied.Count == 0 ? "-" : string.Join(',', applied));
                var seeded = await catalogSeeder.SeedAsync(stoppingToken);
                Log.CatalogSeeded(logger, seeded);
                await bootstrap.RunAsync(stoppingToken);
                state.MarkReady();
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                Log.DatabaseNotReady(logger, delay.TotalMilliseconds, ex);
                await Task.Delay(delay, time, stoppingToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5000));
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.SchemaMigrated, EventName = nameof(SchemaMigrated), Level = LogLevel.Information,
            Message = "Schema is current; {Count} migration(s) applied ({Versions})")]
        public static partial void SchemaMigrated(ILogger logger, int count, string versions);

        [LoggerMessage(EventId = Diagnostics.EventIds.CatalogSeeded, EventName = nameof(CatalogSeeded), Level = LogLevel.Information,
            Message = "Catalog seed applied; {Added} row(s) added")]
        public static partial void CatalogSeeded(ILogger logger, int added);

        [LoggerMessage(EventId = Diagnostics.EventIds.DatabaseNotReady, EventName = nameof(DatabaseNotReady), Level = LogLevel.Warning,
            Message = "Database not reachable for migrations; retrying in {DelayMs} ms")]
        public static partial void DatabaseNotReady(ILogger logger, double delayMs, Exception exception);
    }
}

/// <summary>Readiness: unhealthy until migrations have run.</summary>
internal sealed class SchemaReadyHealthCheck(SchemaState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.IsReady ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("Schema migrations have not completed."));
}
