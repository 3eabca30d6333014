using Hub.Core.Audit;
using Hub.Core.Billing;
using Hub.Core.Byok;
using Hub.Core.Catalog;
using Hub.Core.Keys;
using Hub.Core.Policies;
using Hub.Core.Randomness;
using Hub.Core.Secrets;
using Hub.Core.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hub.Core.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The Postgres repositories and the key rotation setting. Needs an <c>NpgsqlDataSource</c> (ServiceDefaults' AddNpgsqlDataSource).</summary>
    public static IServiceCollection AddHubStorage(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRandomSource>(CryptoRandomSource.Instance);
        services.TryAddSingleton<SchemaMigrator>();
        services.TryAddSingleton<OrganizationRepository>();
        services.TryAddSingleton<ProjectRepository>();
        services.TryAddSingleton<ApiKeyRepository>();
        services.AddOptions<KeyRotationOptions>().BindConfiguration(KeyRotationOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KeyRotationOptions>, KeyRotationOptionsValidator>());
        services.TryAddSingleton<AuditRepository>();
        services.TryAddSingleton<ICustomPatternCompiler, CustomPatternCompiler>();
        services.TryAddSingleton<PolicyValidator>();
        services.TryAddSingleton<PolicyRepository>();
        services.TryAddSingleton<CatalogRepository>();
        services.TryAddSingleton<CatalogSeeder>();
        services.TryAddSingleton<WalletRepository>();
        services.TryAddSingleton<BudgetRepository>();
        services.AddOptions<SecretsOptions>().BindConfiguration(SecretsOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SecretsOptions>, SecretsOptionsValidator>());
        services.TryAddSingleton<MasterKeys>();
        services.TryAddSingleton<DataKeyRepository>();
        services.TryAddSingleton<MasterKeyRotation>();
        services.TryAddSingleton<ByokRepository>();
        return services;
    }
}
