using System.Text;
using Hub.Core.Byok;
using Hub.Core.Randomness;
using Hub.Core.Secrets;
using Hub.Core.Tenancy;
using Hub.Core.Tests.Secrets;
using Hub.Testing;
using Npgsql;

namespace Hub.Core.Tests.Byok;

public sealed class ByokRepositoryTests
{
    private static readonly ByokCredentials OpenAIKey = new(ApiKey: "sk-proj-canary-7f3a9c1e5b2d4f60A1b2");
    private static readonly ByokCredentials AnthropicKey = new(ApiKey: "sk-ant-canary-0c4e8a2f6b1d9e3aZ9y8");
    private static readonly ByokCredentials BedrockKeys = new(
        AccessKeyId: "AKIACANARY0EXAMPLE12", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYcanaryKEY", SessionToken: "FwoGZXIvYXdzEcanary", Region: "eu-central-1");

    private readonly NpgsqlDataSource dataSource;
    private readonly DataKeyRepository dataKeys;
    private readonly ByokRepository byok;

    public ByokRepositoryTests(LocalInfrastructure infrastructure)
    {
        dataSource = infrastructure.DataSource;
        dataKeys = TestMasterKeys.DataKeys(dataSource, TestMasterKeys.Holding(TestMasterKeys.New()));
        byok = new ByokRepository(dataSource, dataKeys, CryptoRandomSource.Instance);
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SaveAsync_ThenLoadSealed_OpensToTheSameCredentials()
    {
        var organizationId = await NewOrganizationAsync();

        var saved = await byok.SaveAsync(organizationId, null, "openai", "team key", OpenAIKey, Cancel);

        Assert.Equal((organizationId, (Guid?)null, "openai", "team key", "A1b2", (DateTimeOffset?)null),
            (saved!.OrganizationId, saved.ProjectId, saved.Provider, saved.Label, saved.Last4, saved.LastUsedAt));
        Assert.Equal(OpenAIKey, await OpenAsync(organizationId, null, "openai"));
        Assert.Equal([saved], await byok.ListAsync(organizationId, Cancel));
    }

    [Fact]
    public async Task SaveAsync_AwsCredentialsForAProject_OpenToTheSameCredentials()
    {
        var (organizationId, projectId) = await NewProjectAsync();

        var saved = await byok.SaveAsync(organizationId, projectId, "bedrock", null, BedrockKeys, Cancel);

        Assert.Equal((projectId, "LE12", (string?)null), (saved!.ProjectId, saved.Last4, saved.Label));
        Assert.Equal(BedrockKeys, await OpenAsync(organizationId, projectId, "bedrock"));
    }

    [Fact]
    public async Task SaveAsync_StoredRow_HoldsNoSecretInAnyForm()
    {
        var organizationId = await NewOrganizationAsync();
        await byok.SaveAsync(organizationId, null, "openai", null, OpenAIKey, Cancel);
        await byok.SaveAsync(organizationId, null, "bedrock", null, BedrockKeys, Cancel);

        foreach (var secret in new[] { OpenAIKey.ApiKey!, BedrockKeys.SecretAccessKey!, BedrockKeys.SessionToken! })
        {
            var utf8 = Encoding.UTF8.GetBytes(secret);
            var rows = await TestSql.ScalarAsync<string>(dataSource,
                "SELECT string_agg(row_to_json(k)::text, '') FROM byok_keys AS k WHERE organization_id = $1", organizationId);
            var ciphertexts = await TestSql.ScalarAsync<byte[]>(dataSource,
                "SELECT string_agg(nonce || ciphertext || tag, '\\x00'::bytea) FROM byok_keys WHERE organization_id = $1", organizationId);

            Assert.DoesNotContain(secret[..12], rows, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToHexStringLower(utf8[..8]), rows, StringComparison.Ordinal);
            Assert.Equal(-1, ciphertexts.AsSpan().IndexOf(utf8.AsSpan(0, 8)));
        }
    }

    [Theory]
    [InlineData("another organization")]
    [InlineData("the organization's project")]
    [InlineData("another project")]
    [InlineData("another provider")]
    public async Task Open_SealedCredentialsCopiedToAnotherRow_ThrowsUnreadable(string target)
    {
        var (organizationId, projectId) = await NewProjectAsync();
        var secondProject = (await new ProjectRepository(dataSource).CreateAsync(organizationId, new NewProject("second"), Cancel))!.Id;
        var otherOrganization = await NewOrganizationAsync();
        var source = await byok.SaveAsync(organizationId, projectId, "openai", null, OpenAIKey, Cancel);
        var (targetOrganization, targetProject, targetProvider) = target switch
        {
            "another organization" => (otherOrganization, (Guid?)null, "openai"),
            "the organization's project" => (organizationId, null, "openai"),
            "another project" => (organizationId, secondProject, "openai"),
            _ => (organizationId, projectId, "anthropic"),
        };
        var victim = await byok.SaveAsync(targetOrganization, targetProject, targetProvider, null, AnthropicKey, Cancel);

        // The attacker copies the sealed bytes and even the data key reference, keeping the target's place.
        Assert.Equal(1, await TestSql.ExecuteAsync(dataSource,
            """
            UPDATE byok_keys AS t SET nonce = s.nonce, ciphertext = s.ciphertext, tag = s.tag,
                data_key_id = CASE WHEN t.organization_id = s.organization_id THEN s.data_key_id ELSE t.data_key_id END
            FROM byok_keys AS s WHERE s.id = $1 AND t.id = $2
            """,
            source!.Id, victim!.Id));

        await Assert.ThrowsAsync<SecretUnreadableException>(() => OpenAsync(targetOrganization, targetProject, targetProvider));
        Assert.Equal(OpenAIKey, await OpenAsync(organizationId, projectId, "openai"));
    }

    [Fact]
    public async Task Open_WholeRowMovedToAnotherOrganization_ThrowsUnreadable()
    {
        var organizationId = await NewOrganizationAsync();
        var otherOrganization = await NewOrganizationAsync();
        await dataKeys.GetOrCreateAsync(otherOrganization, Cancel);
        var saved = await byok.SaveAsync(organizationId, null, "openai", null, OpenAIKey, Cancel);

        await TestSql.ExecuteAsync(dataSource, "UPDATE byok_keys SET organization_id = $2 WHERE id = $1", saved!.Id, otherOrganization);

        await Assert.ThrowsAsync<SecretUnreadableException>(() => OpenAsync(otherOrganization, null, "openai"));
    }

    [Theory]
    [InlineData("ciphertext")]
    [InlineData("nonce")]
    [InlineData("tag")]
    public async Task Open_TamperedRow_ThrowsUnreadable(string column)
    {
        var organizationId = await NewOrganizationAsync();
        var saved = await byok.SaveAsync(organizationId, null, "openai", null, OpenAIKey, Cancel);

        Assert.Equal(1, await TestSql.ExecuteAsync(dataSource,
            $"UPDATE byok_keys SET {column} = set_byte({column}, length({column}) - 1, get_byte({column}, length({column}) - 1) # 128) WHERE id = $1", saved!.Id));

        await Assert.ThrowsAsync<SecretUnreadableException>(() => OpenAsync(organizationId, null, "openai"));
    }

    [Fact]
    public async Task SaveAsync_Twice_ReplacesTheOneRowWithAFreshNonce()
    {
        var organizationId = await NewOrganizationAsync();
        var first = await byok.SaveAsync(organizationId, null, "openai", "old", OpenAIKey, Cancel);
        var firstNonce = await NonceAsync(first!.Id);
        await byok.MarkUsedAsync([(first.Id, DateTimeOffset.UtcNow)], Cancel);
        var replacement = new ByokCredentials(ApiKey: "sk-proj-replacement-000000000000WXYZ");

        var second = await byok.SaveAsync(organizationId, null, "openai", "new", replacement, Cancel);

        Assert.Equal((first.Id, "new", "WXYZ", (DateTimeOffset?)null), (second!.Id, second.Label, second.Last4, second.LastUsedAt));
        Assert.Equal(1L, await TestSql.ScalarAsync<long>(dataSource, "SELECT count(*) FROM byok_keys WHERE organization_id = $1", organizationId));
        Assert.NotEqual(firstNonce, await NonceAsync(first.Id));
        Assert.Equal(replacement, await OpenAsync(organizationId, null, "openai"));
    }

    [Fact]
    public async Task SaveAsync_OrganizationAndProjectKeys_AreSeparateRows()
    {
        var (organizationId, projectId) = await NewProjectAsync();

        await byok.SaveAsync(organizationId, null, "openai", null, OpenAIKey, Cancel);
        await byok.SaveAsync(organizationId, projectId, "openai", null, AnthropicKey, Cancel);

        Assert.Equal([(null, "A1b2"), (projectId, "Z9y8")], (await byok.ListAsync(organizationId, Cancel)).Select(key => (key.ProjectId, key.Last4)));
        Assert.Equal(OpenAIKey, await OpenAsync(organizationId, null, "openai"));
        Assert.Equal(AnthropicKey, await OpenAsync(organizationId, projectId, "openai"));
    }

    [Fact]
    public async Task SaveAsync_ProjectOfAnotherOrganization_ReturnsNullAndStoresNothing()
    {
        var (_, foreignProject) = await NewProjectAsync();
        var organizationId = await NewOrganizationAsync();

        var saved = await byok.SaveAsync(organizationId, foreignProject, "openai", null, OpenAIKey, Cancel);

        Assert.Null(saved);
        Assert.Equal(0L, await TestSql.ScalarAsync<long>(dataSource, "SELECT count(*) FROM byok_keys WHERE project_id = $1", foreignProject));
        Assert.Empty(await byok.ListAsync(organizationId, Cancel));
    }

    [Fact]
    public async Task ListAsync_AnotherOrganizationsKeys_AreNotListed()
    {
        var (owner, projectId) = await NewProjectAsync();
        var stranger = await NewOrganizationAsync();
        await byok.SaveAsync(owner, null, "openai", null, OpenAIKey, Cancel);
        await byok.SaveAsync(owner, projectId, "anthropic", null, AnthropicKey, Cancel);

        Assert.Empty(await byok.ListAsync(stranger, Cancel));
        Assert.Empty(await byok.LoadSealedAsync(stranger, Cancel));
        Assert.Equal(2, (await byok.ListAsync(owner, Cancel)).Count);
    }

    [Fact]
    public async Task DeleteAsync_AnotherOrganization_DeletesNothing()
    {
        var (owner, projectId) = await NewProjectAsync();
        var stranger = await NewOrganizationAsync();
        await byok.SaveAsync(owner, null, "openai", null, OpenAIKey, Cancel);
        await byok.SaveAsync(owner, projectId, "openai", null, AnthropicKey, Cancel);

        Assert.False(await byok.DeleteAsync(stranger, null, "openai", Cancel));
        Assert.False(await byok.DeleteAsync(stranger, projectId, "openai", Cancel));

        Assert.Equal(2, (await byok.ListAsync(owner, Cancel)).Count);
    }

    [Fact]
    public async Task DeleteAsync_OrganizationKey_LeavesTheProjectsKey()
    {
        var (organizationId, projectId) = await NewProjectAsync();
        await byok.SaveAsync(organizationId, null, "openai", null, OpenAIKey, Cancel);
        await byok.SaveAsync(organizationId, projectId, "openai", null, AnthropicKey, Cancel);

        Assert.True(await byok.DeleteAsync(organizationId, null, "openai", Cancel));
        Assert.False(await byok.DeleteAsync(organizationId, null, "openai", Cancel));

        Assert.Equal([projectId], (await byok.ListAsync(organizationId, Cancel)).Select(key => key.ProjectId));
    }

    [Fact]
    public async Task MarkUsedAsync_EarlierTime_NeverMovesBack()
    {
        var organizationId = await NewOrganizationAsync();
        var saved = await byok.SaveAsync(organizationId, null, "openai", null, OpenAIKey, Cancel);
        var noon = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

        await byok.MarkUsedAsync([(saved!.Id, noon), (saved.Id, noon.AddMinutes(-5)), (Guid.NewGuid(), noon.AddHours(1))], Cancel);
        await byok.MarkUsedAsync([(saved.Id, noon.AddHours(-1))], Cancel);

        Assert.Equal(noon, (await byok.ListAsync(organizationId, Cancel)).Single().LastUsedAt);

        await byok.MarkUsedAsync([(saved.Id, noon.AddSeconds(1))], Cancel);

        Assert.Equal(noon.AddSeconds(1), (await byok.ListAsync(organizationId, Cancel)).Single().LastUsedAt);
    }

    [Fact]
    public async Task MarkUsedAsync_AnotherOrganizationsKey_ChangesOnlyThatKey()
    {
        var first = await NewOrganizationAsync();
        var second = await NewOrganizationAsync();
        var firstKey = await byok.SaveAsync(first, null, "openai", null, OpenAIKey, Cancel);
        await byok.SaveAsync(second, null, "openai", null, OpenAIKey, Cancel);

        await byok.MarkUsedAsync([(firstKey!.Id, DateTimeOffset.UtcNow)], Cancel);

        Assert.Null((await byok.ListAsync(second, Cancel)).Single().LastUsedAt);
    }

    private async Task<ByokCredentials> OpenAsync(Guid organizationId, Guid? projectId, string provider)
    {
        var stored = (await byok.LoadSealedAsync(organizationId, Cancel)).Single(key => key.Key.ProjectId == projectId && key.Provider == provider);
        var dataKey = await dataKeys.FindAsync(organizationId, Cancel) ?? throw new SecretUnreadableException("no data key");
        return ByokSeal.Open(dataKey, stored);
    }

    private Task<byte[]> NonceAsync(Guid keyId) => TestSql.ScalarAsync<byte[]>(dataSource, "SELECT nonce FROM byok_keys WHERE id = $1", keyId);

    private Task<Guid> NewOrganizationAsync() => new OrganizationRepository(dataSource).CreateAsync($"byok-org-{Guid.NewGuid():N}", Cancel);

    private async Task<(Guid OrganizationId, Guid ProjectId)> NewProjectAsync()
    {
        var organizationId = await NewOrganizationAsync();
        var project = await new ProjectRepository(dataSource).CreateAsync(organizationId, new NewProject("first"), Cancel);
        return (organizationId, project!.Id);
    }
}
