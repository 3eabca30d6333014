using Hub.Core.Policies;
using Hub.Testing;
using Npgsql;

namespace Hub.Core.Tests.Policies;

public sealed class PolicyRepositoryTests(LocalInfrastructure infrastructure)
{
    private static readonly DateTimeOffset Now = new DateTimeOffset(2025, 3, 14, 15, 9, 26, TimeSpan.Zero).AddTicks(5_358_970);

    private static readonly PolicyDocument Strict = new(
        Entities: new Dictionary<string, string> { ["US_SSN"] = "BLOCK" }, DefaultAction: "REDACT",
        CustomRegex: [new CustomEntityPattern("PRJ_CODE", "PRJ-[A-Z]{2}-\\d+", "BLOCK")]);

    private static readonly PolicyDocument Lenient = new(DefaultAction: "LOG", MinScore: 0.8);

    private readonly PolicyRepository policies = new(infrastructure.DataSource, new PolicyValidator(new CustomPatternCompiler()), new FixedTime(Now));

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SaveAsync_FirstSave_IsActiveVersionOne()
    {
        var tenant = await NewTenantAsync();

        var saved = await policies.SaveAsync(tenant.OrganizationId, tenant.ProjectId, "Strict", Strict, "key-1", Cancel);

        Assert.NotNull(saved);
        Assert.Equal(
            (tenant.OrganizationId, tenant.ProjectId, 1, "Strict", "key-1", Now, true, (int?)null),
            (saved.OrganizationId, saved.ProjectId, saved.Version, saved.Name, saved.CreatedBy, saved.CreatedAt, saved.IsActive, saved.RestoredFrom));
        Assert.Equal(
            """{"entities":{"US_SSN":"BLOCK"},"default_action":"REDACT","custom_regex":[{"name":"PRJ_CODE","pattern":"PRJ-[A-Z]{2}-\\d+","action":"BLOCK"}]}""",
            saved.DocumentJson);
        Assert.Equal(saved, await policies.FindActiveAsync(tenant.ProjectId, Cancel));
    }

    [Fact]
    public async Task SaveAsync_SecondSave_IsVersionTwoAndLeavesVersionOneUnchangedButInactive()
    {
        var tenant = await NewTenantAsync();
        var first = await policies.SaveAsync(tenant.OrganizationId, tenant.ProjectId, "Strict", Strict, "key-1", Cancel);

        var second = await policies.SaveAsync(tenant.OrganizationId, tenant.ProjectId, "Lenient", Lenient, "key-2", Cancel);

        Assert.Equal((2, "Lenient", """{"default_action":"LOG","min_score":0.8}""", true), (second!.Version, second.Name, second.DocumentJson, second.IsActive));
        var versions = await policies.ListVersionsAsync(tenant.OrganizationId, tenant.ProjectId, Cancel);
        Assert.Equal([second, first! with { IsActive = false }], versions);
        Assert.Equal(second, await policies.FindActiveAsync(tenant.ProjectId, Cancel));
    }

    [Fact]
    public async Task RestoreAsync_OldVersion_AddsANewVersionWithItsNameAndContent()
    {
        var tenant = await NewTenantAsync();
        var first = await policies.SaveAsync(tenant.OrganizationId, tenant.ProjectId, "Strict", Strict, "key-1", Cancel);
        await policies.SaveAsync(tenant.OrganizationId, tenant.ProjectId, "Lenient", Lenient, "key-1", Cancel);

        var restored = await policies.RestoreAsync(tenant.OrganizationId, tenant.ProjectId, 1, "key-2", Cancel);

        Assert.NotNull(restored);
        Assert.Equal((3, "Strict", first!.DocumentJson, "key-2", true, (int?)1),
            (restored.Version, restored.Name, restored.DocumentJson, restored.CreatedBy, restored.IsActive, restored.RestoredFrom));
        var versions = await policies.ListVersionsAsync(tenant.OrganizationId, tenant.ProjectId, Cancel);
        Assert.Equal([3, 2, 1], versions.Select(v => v.Version));
        Assert.Equal([true, false, false], versions.Select(v => v.IsActive));
        Assert.Equal(first with { IsActive = false }, versions[2]);
    }

    [Fact]
    public async Task RestoreAsync_UnknownVersion_ReturnsNullAndChangesNothing()
    {
        var tenant = await NewTenantAsync();
        var first = await policies.SaveAsync(tenant.OrganizationId, tenant.ProjectId, "Strict", Strict, "key-1", Cancel);

        var restored = await policies.RestoreAsync(tenant.OrganizationId, tenant.ProjectId, 7, "key-1", Cancel);

        Assert.Null(restored);
        Assert.Equal([first!], await policies.ListVersionsAsync(tenant.OrganizationId, tenant.ProjectId, Cancel));
    }

    [Fact]
    public async Task SaveAsync_ConcurrentSaves_NumberVersionsWithoutGapsAndLeaveOneActive()
    {
        var tenant = await NewTenantAsync();

        var saved = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            policies.SaveAsync(tenant.OrganizationId, tenant.ProjectId, $"Save {i}", Lenient, "key-1", Cancel)));

        Assert.Equal([1, 2, 3, 4, 5, 6], saved.Select(v => v!.Version).Order());
        var versions = await policies.ListVersionsAsync(tenant.OrganizationId, tenant.ProjectId, Cancel);
        Assert.Equal(6, Assert.Single(versions, v => v.IsActive).Version);
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM policy_versions WHERE project_id = $1 AND active", tenant.ProjectId));
    }

    [Fact]
    public async Task SaveAsync_AnotherOrganizationsProject_ReturnsNullAndStoresNothing()
    {
        var mine = await NewTenantAsync();
        var theirs = await NewTenantAsync();

        var saved = await policies.SaveAsync(mine.OrganizationId, theirs.ProjectId, "Strict", Strict, "key-1", Cancel);

        Assert.Null(saved);
        Assert.Null(await policies.FindActiveAsync(theirs.ProjectId, Cancel));
    }

    [Fact]
    public async Task ListAndFind_AnotherOrganization_SeeNothing()
    {
        var mine = await NewTenantAsync();
        var theirs = await NewTenantAsync();
        await policies.SaveAsync(theirs.OrganizationId, theirs.ProjectId, "Strict", Strict, "key-1", Cancel);

        Assert.Empty(await policies.ListVersionsAsync(mine.OrganizationId, theirs.ProjectId, Cancel));
        Assert.Null(await policies.FindVersionAsync(mine.OrganizationId, theirs.ProjectId, 1, Cancel));
        Assert.Null(await policies.RestoreAsync(mine.OrganizationId, theirs.ProjectId, 1, "key-1", Cancel));
        Assert.NotNull(await policies.FindVersionAsync(theirs.OrganizationId, theirs.ProjectId, 1, Cancel));
    }

    [Fact]
    public async Task FindActiveAsync_NeverSaved_IsNull()
    {
        var tenant = await NewTenantAsync();

        Assert.Null(await policies.FindActiveAsync(tenant.ProjectId, Cancel));
    }

    [Fact]
    public async Task SaveAsync_InvalidDocument_ThrowsAndStoresNothing()
    {
        var tenant = await NewTenantAsync();
        var invalid = new PolicyDocument(CustomRegex: [new CustomEntityPattern("X", "(a)\\1")]);

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            policies.SaveAsync(tenant.OrganizationId, tenant.ProjectId, "Bad", invalid, "key-1", Cancel));

        Assert.Contains("policy.custom_regex[0].pattern", error.Message, StringComparison.Ordinal);
        Assert.Null(await policies.FindActiveAsync(tenant.ProjectId, Cancel));
    }

    [Theory]
    [InlineData("UPDATE policy_versions SET document = '{\"default_action\":\"OFF\"}' WHERE project_id = $1")]
    [InlineData("UPDATE policy_versions SET name = 'renamed' WHERE project_id = $1")]
    [InlineData("UPDATE policy_versions SET active = false, created_by = 'someone' WHERE project_id = $1")]
    [InlineData("UPDATE policy_versions SET active = true WHERE project_id = $1 AND version = 1")]
    [InlineData("DELETE FROM policy_versions WHERE project_id = $1")]
    public async Task Trigger_ChangeOtherThanDeactivation_IsRefused(string sql)
    {
        var tenant = await NewTenantAsync();
        await policies.SaveAsync(tenant.OrganizationId, tenant.ProjectId, "Strict", Strict, "key-1", Cancel);
        await policies.SaveAsync(tenant.OrganizationId, tenant.ProjectId, "Lenient", Lenient, "key-1", Cancel);
        var before = await policies.ListVersionsAsync(tenant.OrganizationId, tenant.ProjectId, Cancel);

        var error = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync<object>(sql, tenant.ProjectId));

        Assert.Equal(PostgresErrorCodes.RestrictViolation, error.SqlState);
        Assert.Equal(before, await policies.ListVersionsAsync(tenant.OrganizationId, tenant.ProjectId, Cancel));
    }

    [Fact]
    public async Task Trigger_DeletingTheProject_RemovesItsVersions()
    {
        var tenant = await NewTenantAsync();
        await policies.SaveAsync(tenant.OrganizationId, tenant.ProjectId, "Strict", Strict, "key-1", Cancel);
        await policies.SaveAsync(tenant.OrganizationId, tenant.ProjectId, "Lenient", Lenient, "key-1", Cancel);

        await ScalarAsync<object>("DELETE FROM projects WHERE id = $1", tenant.ProjectId);

        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM policy_versions WHERE project_id = $1", tenant.ProjectId));
    }

    [Fact]
    public async Task Schema_VersionWithAnotherOrganizationsId_IsRefused()
    {
        var mine = await NewTenantAsync();
        var theirs = await NewTenantAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync<object>(
            """
            INSERT INTO policy_versions (organization_id, project_id, version, name, document, created_by, created_at, active)
            VALUES ($2, $1, 1, 'x', '{}', 'x', now(), true)
            """, theirs.ProjectId, mine.OrganizationId));

        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, error.SqlState);
    }

    private Task<TestTenant> NewTenantAsync() => TestTenant.CreateAsync(infrastructure.DataSource, Cancel);

    private async Task<T?> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var command = infrastructure.DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new() { Value = parameter });
        }

        return (T?)await command.ExecuteScalarAsync(Cancel);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
