using Hub.Core.Billing;
using Hub.Core.Keys;
using Hub.Core.Tenancy;
using Microsoft.Extensions.Options;

namespace Hub.Admin.Bootstrap;

/// <summary>
/// Secrets that Hub.AppHost generates for a local install, so that a newcomer has a working API key
/// and admin token without any set-up. Absent in production: nothing is created then.
/// </summary>
internal sealed class BootstrapOptions
{
    public const string SectionName = "Bootstrap";

    /// <summary>An <c>oah_…</c> key to store for the development project. Optional.</summary>
    public string? ApiKey { get; set; }

    /// <summary>A <c>hub_admin_…</c> token to store for the development organization. Optional.</summary>
    public string? AdminToken { get; set; }

    /// <summary>Credits the development wallet starts with (once, while its ledger is empty): 10 USD, to try real providers.</summary>
    public long WalletCredits { get; set; } = 10 * Credits.PerUsd;
}

/// <summary>
/// Creates, idempotently, the development organization, its <c>default</c> project, the two
/// configured credentials (stored hashed, like any other) and its first wallet credits.
/// </summary>
internal sealed class DevelopmentBootstrap(
    IOptions<BootstrapOptions> options, OrganizationRepository organizations, ProjectRepository projects, ApiKeyRepository keys,
    WalletRepository wallets, TimeProvider time)
{
    /// <summary>Fixed so that re-runs find the same organization.</summary>
    public static readonly Guid OrganizationId = new("00000000-0000-4000-8000-00000000d0e1");

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.ApiKey) && string.IsNullOrEmpty(settings.AdminToken))
        {
            return;
        }

        await organizations.EnsureAsync(OrganizationId, "Development", cancellationToken);
        if (!string.IsNullOrEmpty(settings.AdminToken))
        {
            await keys.StoreAsync(OrganizationId, null, ApiKeyKind.Admin, settings.AdminToken, "development admin token", null, cancellationToken);
        }

        if (!string.IsNullOrEmpty(settings.ApiKey))
        {
            var project = await projects.FindByNameAsync(OrganizationId, "default", cancellationToken)
                ?? await projects.CreateAsync(OrganizationId, new NewProject("default"), cancellationToken)
                ?? throw new InvalidOperationException("The default project could not be created.");
            await keys.StoreAsync(OrganizationId, project.Id, ApiKeyKind.Project, settings.ApiKey, "development key", null, cancellationToken);
        }

        if (settings.WalletCredits > 0 && await wallets.SnapshotAsync(OrganizationId, cancellationToken) is { Limit: 0, Used: 0 })
        {
            await wallets.AddAsync(OrganizationId, settings.WalletCredits, "development credits", time.GetUtcNow(), cancellationToken);
        }
    }
}
