using Hub.Core.Keys;
using Hub.Core.RateLimits;
using Hub.Core.Tenancy;
using Hub.Testing;
using Npgsql;

namespace Hub.Core.Tests.RateLimits;

/// <summary>Migration 0006: a project's and a key's own limits, stored on their rows and read back with them.</summary>
public sealed class RateLimitOverridesTests(LocalInfrastructure infrastructure)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SetRateLimitsAsync_Project_ReadBackWithTheProject()
    {
        var tenant = await TestTenant.CreateAsync(infrastructure.DataSource, Cancel);
        var projects = new ProjectRepository(infrastructure.DataSource);

        var updated = await projects.SetRateLimitsAsync(tenant.OrganizationId, tenant.ProjectId, new RateLimitOverrides(60, null), Cancel);

        Assert.Equal(new RateLimitOverrides(60, null), updated!.Limits);
        Assert.Equal(new RateLimitOverrides(60, null), (await projects.GetAsync(tenant.OrganizationId, tenant.ProjectId, Cancel))!.Limits);
        Assert.Equal(new RateLimitOverrides(60, null), (await projects.ListAsync(tenant.OrganizationId, Cancel)).Single().Limits);
    }

    [Fact]
    public async Task SetRateLimitsAsync_Key_ReadBackWithTheKeyAndReturnsItsHash()
    {
        var tenant = await TestTenant.CreateAsync(infrastructure.DataSource, Cancel);
        var key = (await tenant.Keys.FindAsync(tenant.ProjectKey, Cancel))!;

        var hash = await tenant.Keys.SetRateLimitsAsync(tenant.OrganizationId, key.Id, new RateLimitOverrides(null, 5000), Cancel);

        Assert.Equal(ApiKeyFormat.Hash(tenant.ProjectKey), hash);
        Assert.Equal(new RateLimitOverrides(null, 5000), (await tenant.Keys.FindAsync(tenant.ProjectKey, Cancel))!.Limits);
    }

    [Fact]
    public async Task SetRateLimitsAsync_AnotherOrganizationOrAnAdminToken_ChangesNothing()
    {
        var mine = await TestTenant.CreateAsync(infrastructure.DataSource, Cancel);
        var theirs = await TestTenant.CreateAsync(infrastructure.DataSource, Cancel);
        var theirKey = (await theirs.Keys.FindAsync(theirs.ProjectKey, Cancel))!;
        var myAdminToken = (await mine.Keys.FindAsync(mine.AdminToken, Cancel))!;
        var limits = new RateLimitOverrides(1, 1);

        Assert.Null(await mine.Keys.SetRateLimitsAsync(mine.OrganizationId, theirKey.Id, limits, Cancel));
        Assert.Null(await mine.Keys.SetRateLimitsAsync(mine.OrganizationId, myAdminToken.Id, limits, Cancel));
        Assert.Null(await new ProjectRepository(infrastructure.DataSource).SetRateLimitsAsync(mine.OrganizationId, theirs.ProjectId, limits, Cancel));
        Assert.Same(RateLimitOverrides.None, (await theirs.Keys.FindAsync(theirs.ProjectKey, Cancel))!.Limits);
    }

    [Theory]
    [InlineData("UPDATE projects SET requests_per_minute = 0 WHERE id = $1")]
    [InlineData("UPDATE projects SET tokens_per_minute = -1 WHERE id = $1")]
    [InlineData("UPDATE api_keys SET requests_per_minute = 0 WHERE project_id = $1")]
    [InlineData("UPDATE api_keys SET tokens_per_minute = 0 WHERE project_id = $1")]
    public async Task Schema_LimitBelowOne_IsRejected(string sql)
    {
        var tenant = await TestTenant.CreateAsync(infrastructure.DataSource, Cancel);
        await using var command = infrastructure.DataSource.CreateCommand(sql);
        command.Parameters.Add(new() { Value = tenant.ProjectId });

        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync(Cancel));

        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
    }
}
