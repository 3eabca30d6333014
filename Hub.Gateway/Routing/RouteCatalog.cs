using Hub.Core.Catalog;
using Hub.Gateway.Providers;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hub.Gateway.Routing;

/// <summary>
/// The current <see cref="RouteCatalogSnapshot"/>: loaded from Postgres before the first request is
/// routed, then reloaded every <see cref="RoutingOptions.CatalogRefreshSeconds"/> and whenever Hub.Admin
/// announces a change (<see cref="CatalogChanges"/>, through <c>CacheInvalidationListener</c>). Readers
/// get the snapshot without locks; a reload swaps it whole. If Postgres cannot be read, the last
/// snapshot stays in use; before any snapshot exists, requests are refused (fail closed).
/// </summary>
internal sealed partial class RouteCatalog(
    CatalogRepository repository, ProviderRegistry registry, IOptions<ProvidersOptions> providers, IOptions<RoutingOptions> options, ILogger<RouteCatalog> logger)
    : BackgroundService
{
    private readonly TimeSpan refreshInterval = TimeSpan.FromSeconds(options.Value.CatalogRefreshSeconds);
    private readonly SemaphoreSlim reloadRequested = new(0, 1);
    private readonly SemaphoreSlim firstLoad = new(1, 1);
    private volatile RouteCatalogSnapshot? current;

    /// <summary>The snapshot; loads it on first use. Null when the catalog has never been readable.</summary>
    public ValueTask<RouteCatalogSnapshot?> GetAsync(CancellationToken cancellationToken) =>
        current is { } snapshot ? new(snapshot) : LoadFirstAsync(cancellationToken);

    /// <summary>Asks for a reload soon (an edit was announced); returns at once.</summary>
    public void RequestReload()
    {
        if (reloadRequested.CurrentCount == 0)
        {
            try
            {
                reloadRequested.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another announcement got there first: one reload covers both.
            }
        }
    }

    /// <summary>Reads the catalog and swaps the snapshot; false (snapshot kept) when Postgres cannot answer.</summary>
    public async Task<bool> ReloadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var contents = await repository.LoadAsync(cancellationToken);
            current = RouteCatalogSnapshot.Build(contents, registry, providers.Value);
            Log.Loaded(logger, current.Models.Count, contents.Offers.Count);
            return true;
        }
        catch (NpgsqlException ex)
        {
            Log.LoadFailed(logger, ex);
            return false;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await ReloadAsync(stoppingToken);
            await reloadRequested.WaitAsync(refreshInterval, stoppingToken);
        }
    }

    public override void Dispose()
    {
        reloadRequested.Dispose();
        firstLoad.Dispose();
        base.Dispose();
    }

    private async ValueTask<RouteCatalogSnapshot?> LoadFirstAsync(CancellationToken cancellationToken)
    {
        await firstLoad.WaitAsync(cancellationToken);
        try
        {
            if (current is null)
            {
                await ReloadAsync(cancellationToken);
            }

            return current;
        }
        finally
        {
            firstLoad.Release();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.CatalogLoaded, EventName = nameof(Loaded), Level = LogLevel.Debug,
            Message = "Catalog loaded: {Models} routable models from {Offers} offers")]
        public static partial void Loaded(ILogger logger, int models, int offers);

        [LoggerMessage(EventId = Diagnostics.EventIds.CatalogLoadFailed, EventName = nameof(LoadFailed), Level = LogLevel.Error,
            Message = "The catalog could not be read from Postgres; routing keeps the last catalog it has (none: requests are refused)")]
        public static partial void LoadFailed(ILogger logger, Exception exception);
    }
}
