using Hub.Core.Secrets;
using Hub.Core.Tenancy;
using Hub.Testing;
using Npgsql;

namespace Hub.Core.Tests.Secrets;

public sealed class DataKeyRepositoryTests(LocalInfrastructure infrastructure)
{
    private readonly string masterKey = TestMasterKeys.New();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private NpgsqlDataSource DataSource => infrastructure.DataSource;

    [Fact]
    public async Task GetOrCreateAsync_TwentyConcurrentCalls_MakeOneKeyEveryCallerGets()
    {
        var organizationId = await NewOrganizationAsync();
        var dataKeys = TestMasterKeys.DataKeys(DataSource, TestMasterKeys.Holding(masterKey));

        var keys = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => dataKeys.GetOrCreateAsync(organizationId, Cancel), Cancel)));

        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM secret_data_keys WHERE organization_id = $1", organizationId));
        Assert.Single(keys.Select(key => key.Id).Distinct());
        Assert.Single(keys.Select(key => Convert.ToBase64String(key.Bytes)).Distinct());
        Assert.Equal(keys[0].Bytes.ToArray(), (await dataKeys.FindAsync(organizationId, Cancel))!.Bytes.ToArray());
    }

    [Fact]
    public async Task GetOrCreateAsync_NewKey_IsWrappedByThePrimaryAndBoundToTheOrganization()
    {
        var organizationId = await NewOrganizationAsync();
        var dataKeys = TestMasterKeys.DataKeys(DataSource, TestMasterKeys.Holding(masterKey, TestMasterKeys.New()));

        var key = await dataKeys.GetOrCreateAsync(organizationId, Cancel);

        Assert.Equal((organizationId, SecretBox.KeyLength), (key.OrganizationId, key.Bytes.Length));
        Assert.Equal(TestMasterKeys.IdOf(masterKey), await ScalarAsync<string>("SELECT master_key_id FROM secret_data_keys WHERE organization_id = $1", organizationId));
        Assert.NotEqual(key.Bytes.ToArray(), await ScalarAsync<byte[]>("SELECT wrapped_key FROM secret_data_keys WHERE organization_id = $1", organizationId));
        Assert.Equal($"DataKey({key.Id})", key.ToString());
    }

    [Fact]
    public async Task GetOrCreateAsync_Twice_ReturnsTheSameKey()
    {
        var organizationId = await NewOrganizationAsync();
        var dataKeys = TestMasterKeys.DataKeys(DataSource, TestMasterKeys.Holding(masterKey));
        var first = await dataKeys.GetOrCreateAsync(organizationId, Cancel);

        var second = await dataKeys.GetOrCreateAsync(organizationId, Cancel);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(first.Bytes.ToArray(), second.Bytes.ToArray());
    }

    [Fact]
    public async Task GetOrCreateAsync_TwoOrganizations_GetDifferentKeys()
    {
        var dataKeys = TestMasterKeys.DataKeys(DataSource, TestMasterKeys.Holding(masterKey));

        var first = await dataKeys.GetOrCreateAsync(await NewOrganizationAsync(), Cancel);
        var second = await dataKeys.GetOrCreateAsync(await NewOrganizationAsync(), Cancel);

        Assert.NotEqual(first.Bytes.ToArray(), second.Bytes.ToArray());
    }

    [Fact]
    public async Task FindAsync_AnotherProcess_UnwrapsTheSameKey()
    {
        var organizationId = await NewOrganizationAsync();
        var made = await TestMasterKeys.DataKeys(DataSource, TestMasterKeys.Holding(masterKey)).GetOrCreateAsync(organizationId, Cancel);

        var found = await TestMasterKeys.DataKeys(DataSource, TestMasterKeys.Holding(masterKey)).FindAsync(organizationId, Cancel);

        Assert.Equal((made.Id, made.OrganizationId), (found!.Id, found.OrganizationId));
        Assert.Equal(made.Bytes.ToArray(), found.Bytes.ToArray());
    }

    [Fact]
    public async Task FindAsync_NoKeyYet_ReturnsNull()
    {
        var dataKeys = TestMasterKeys.DataKeys(DataSource, TestMasterKeys.Holding(masterKey));

        Assert.Null(await dataKeys.FindAsync(await NewOrganizationAsync(), Cancel));
    }

    [Fact]
    public async Task FindAsync_WrappedByARetiredKey_Unwraps()
    {
        var organizationId = await NewOrganizationAsync();
        var made = await TestMasterKeys.DataKeys(DataSource, TestMasterKeys.Holding(masterKey)).GetOrCreateAsync(organizationId, Cancel);

        var found = await TestMasterKeys.DataKeys(DataSource, TestMasterKeys.Holding(TestMasterKeys.New(), masterKey)).FindAsync(organizationId, Cancel);

        Assert.Equal(made.Bytes.ToArray(), found!.Bytes.ToArray());
    }

    [Fact]
    public async Task FindAsync_RingWithoutTheWrappingKey_ThrowsUnreadable()
    {
        var organizationId = await NewOrganizationAsync();
        await TestMasterKeys.DataKeys(DataSource, TestMasterKeys.Holding(masterKey)).GetOrCreateAsync(organizationId, Cancel);
        var otherRing = TestMasterKeys.DataKeys(DataSource, TestMasterKeys.Holding(TestMasterKeys.New(), TestMasterKeys.New()));

        var error = await Assert.ThrowsAsync<SecretUnreadableException>(() => otherRing.FindAsync(organizationId, Cancel));
        await Assert.ThrowsAsync<SecretUnreadableException>(() => otherRing.GetOrCreateAsync(organizationId, Cancel));

        Assert.Contains(TestMasterKeys.IdOf(masterKey), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(masterKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindAsync_WrappedKeyCopiedIntoAnotherOrganizationsRow_ThrowsUnreadable()
    {
        var (source, target) = (await NewOrganizationAsync(), await NewOrganizationAsync());
        var dataKeys = TestMasterKeys.DataKeys(DataSource, TestMasterKeys.Holding(masterKey));
        await dataKeys.GetOrCreateAsync(source, Cancel);
        await dataKeys.GetOrCreateAsync(target, Cancel);

        await ExecuteAsync(
            """
            UPDATE secret_data_keys AS t SET master_key_id = s.master_key_id, nonce = s.nonce, wrapped_key = s.wrapped_key, tag = s.tag
            FROM secret_data_keys AS s WHERE s.organization_id = $1 AND t.organization_id = $2
            """,
            source, target);

        await Assert.ThrowsAsync<SecretUnreadableException>(() => dataKeys.FindAsync(target, Cancel));
        Assert.NotNull(await dataKeys.FindAsync(source, Cancel));
    }

    [Fact]
    public async Task FindAsync_RowMovedToAnotherOrganization_ThrowsUnreadable()
    {
        var (source, target) = (await NewOrganizationAsync(), await NewOrganizationAsync());
        var dataKeys = TestMasterKeys.DataKeys(DataSource, TestMasterKeys.Holding(masterKey));
        await dataKeys.GetOrCreateAsync(source, Cancel);

        await ExecuteAsync("UPDATE secret_data_keys SET organization_id = $2 WHERE organization_id = $1", source, target);

        await Assert.ThrowsAsync<SecretUnreadableException>(() => dataKeys.FindAsync(target, Cancel));
    }

    [Theory]
    [InlineData("nonce")]
    [InlineData("wrapped_key")]
    [InlineData("tag")]
    public async Task FindAsync_TamperedRow_ThrowsUnreadable(string column)
    {
        var organizationId = await NewOrganizationAsync();
        var dataKeys = TestMasterKeys.DataKeys(DataSource, TestMasterKeys.Holding(masterKey));
        await dataKeys.GetOrCreateAsync(organizationId, Cancel);

        await ExecuteAsync($"UPDATE secret_data_keys SET {column} = set_byte({column}, 0, get_byte({column}, 0) # 1) WHERE organization_id = $1", organizationId);

        await Assert.ThrowsAsync<SecretUnreadableException>(() => dataKeys.FindAsync(organizationId, Cancel));
    }

    [Fact]
    public async Task GetOrCreateAsync_NoMasterKey_ThrowsNotConfiguredAndStoresNothing()
    {
        var organizationId = await NewOrganizationAsync();

        await Assert.ThrowsAsync<SecretsNotConfiguredException>(() => TestMasterKeys.DataKeys(DataSource, TestMasterKeys.None()).GetOrCreateAsync(organizationId, Cancel));

        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM secret_data_keys WHERE organization_id = $1", organizationId));
    }

    private Task<Guid> NewOrganizationAsync() => new OrganizationRepository(DataSource).CreateAsync($"secrets-org-{Guid.NewGuid():N}", Cancel);

    private Task<T> ScalarAsync<T>(string sql, params object[] values) => TestSql.ScalarAsync<T>(DataSource, sql, values);

    private async Task ExecuteAsync(string sql, params object[] values) => Assert.Equal(1, await TestSql.ExecuteAsync(DataSource, sql, values));
}
