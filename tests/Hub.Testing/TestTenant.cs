using Hub.Core.Billing;
using Hub.Core.Keys;
using Hub.Core.Randomness;
using Hub.Core.Tenancy;
using Npgsql;

namespace Hub.Testing;

/// <summary>A fresh organization with one project and its keys, so tests never share state.</summary>
public sealed record TestTenant(Guid OrganizationId, Guid ProjectId, string ProjectKey, string AdminToken, ApiKeyRepository Keys)
{
    /// <summary>What a test organization's wallet starts with unless a test says otherwise: 1,000 USD, more than any test spends.</summary>
    public const long DefaultWalletCredits = 1_000 * Credits.PerUsd;

    /// <param name="walletCredits">The wallet's first top-up; 0 leaves it empty.</param>
    public static async Task<TestTenant> CreateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken, long walletCredits = DefaultWalletCredits)
    {
        var organizations = new OrganizationRepository(dataSource);
        var projects = new ProjectRepository(dataSource);
        var keys = new ApiKeyRepository(dataSource, CryptoRandomSource.Instance, TimeProvider.System);
        var organizationId = await organizations.CreateAsync($"test-org-{Guid.NewGuid():N}", cancellationToken);
        var project = await projects.CreateAsync(organizationId, new NewProject("test-project"), cancellationToken);
        var projectKey = await keys.IssueAsync(organizationId, project!.Id, ApiKeyKind.Project, "test", null, cancellationToken);
        var adminToken = await keys.IssueAsync(organizationId, null, ApiKeyKind.Admin, "test admin", null, cancellationToken);
        if (walletCredits > 0)
        {
            await new WalletRepository(dataSource).AddAsync(organizationId, walletCredits, "test funds", DateTimeOffset.UtcNow, cancellationToken);
        }

        return new TestTenant(organizationId, project.Id, projectKey.Key, adminToken.Key, keys);
    }
}
