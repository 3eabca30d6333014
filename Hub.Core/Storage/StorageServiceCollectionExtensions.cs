using Hub.Core.Audit;
using Hub.Core.Keys;
using Hub.Core.Policies;
using Hub.Core.Randomness;
using Hub.Core.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hub.Core.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The Postgres repositories. Needs an <c>NpgsqlDataSource</c> (ServiceDefaults' AddNpgsqlDataSource).</summary>
    public static IServiceCollection AddHubStorage(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRandomSource>(CryptoRandomSource.Instance);
        services.TryAddSingleton<SchemaMigrator>();
        services.TryAddSingleton<OrganizationRepository>();
        services.TryAddSingleton<ProjectRepository>();
        services.TryAddSingleton<ApiKeyRepository>();
        services.TryAddSingleton<AuditRepository>();
        services.TryAddSingleton<ICustomPatternCompiler, CustomPatternCompiler>();
        services.TryAddSingleton<PolicyValidator>();
        services.TryAddSingleton<PolicyRepository>();
        return services;
    }
}
