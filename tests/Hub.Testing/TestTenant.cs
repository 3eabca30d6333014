using Hub.Core.Keys;
using Hub.Core.Randomness;
using Hub.Core.Tenancy;
using Npgsql;

namespace Hub.Testing;

/// <summary>A fresh organization with one project and its keys, so tests never share state.</summary>
public sealed record TestTenant(Guid OrganizationId, Guid ProjectId, string ProjectKey, string AdminToken, ApiKeyRepository Keys)
{
    public static async Task<TestTenant> CreateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var organizations = new OrganizationRepository(dataSource);
        var projects = new ProjectRepository(dataSource);
        var keys = new ApiKeyRepository(dataSource, CryptoRandomSource.Instance, TimeProvider.System);
        var organizationId = await organizations.CreateAsync($"test-org-{Guid.NewGuid():N}", cancellationToken);
        var project = await projects.CreateAsync(organizationId, new NewProject("test-project"), cancellationToken);
        var projectKey = await keys.IssueAsync(organizationId, project!.Id, ApiKeyKind.Project, "test", null, cancellationToken);
        var adminToken = await keys.IssueAsync(organizationId, null, ApiKeyKind.Admin, "test admin", null, cancellationToken);
        return new TestTenant(organizationId, project.Id, projectKey.Key, adminToken.Key, keys);
    }
}
