using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hub.Core.Byok;
using Microsoft.Extensions.DependencyInjection;
using static Hub.Admin.Tests.Byok.ByokSamples;

namespace Hub.Admin.Tests.Byok;

/// <summary>An admin token acts on its own organization only: another organization's keys and projects do not exist for it.</summary>
public sealed class ByokTenantIsolationTests(AdminFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OtherOrganization_ListsAndReads_SeesNoneOfTheKeys()
    {
        var (owner, intruder) = await TwoTenantsWithKeysAsync();
        using var client = fixture.CreateClient(intruder.AdminToken);

        var list = await client.GetFromJsonAsync<JsonElement[]>("/admin/v1/byok", Cancel);
        using var get = await client.GetAsync("/admin/v1/byok/openai", Cancel);
        using var projectList = await client.GetAsync($"/admin/v1/projects/{owner.ProjectId}/byok", Cancel);

        Assert.Empty(list!);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, projectList.StatusCode);
    }

    [Fact]
    public async Task OtherOrganization_Deletes_404AndTheKeysStay()
    {
        var (owner, intruder) = await TwoTenantsWithKeysAsync();
        using var client = fixture.CreateClient(intruder.AdminToken);

        using var organizationKey = await client.DeleteAsync("/admin/v1/byok/openai", Cancel);
        using var projectKey = await client.DeleteAsync($"/admin/v1/projects/{owner.ProjectId}/byok/openai", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, organizationKey.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, projectKey.StatusCode);
        Assert.Equal(2, (await Repository().ListAsync(owner.OrganizationId, Cancel)).Count);
    }

    [Fact]
    public async Task OtherOrganization_PutsTheSameProvider_StoresItsOwnAndLeavesTheOwnersUntouched()
    {
        var (owner, intruder) = await TwoTenantsWithKeysAsync();
        var before = await Repository().ListAsync(owner.OrganizationId, Cancel);
        using var client = fixture.CreateClient(intruder.AdminToken);

        using var organizationKey = await client.PutKeyAsync("/admin/v1/byok/openai", ApiKeyBody(OpenAIKey()));
        using var projectKey = await client.PutKeyAsync($"/admin/v1/projects/{owner.ProjectId}/byok/openai", ApiKeyBody(OpenAIKey()));

        Assert.Equal(HttpStatusCode.OK, organizationKey.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, projectKey.StatusCode);
        Assert.Equal(before, await Repository().ListAsync(owner.OrganizationId, Cancel));
        Assert.Null(Assert.Single(await Repository().ListAsync(intruder.OrganizationId, Cancel)).ProjectId);
    }

    [Fact]
    public async Task OtherOrganizationsProject_Put_404AndNothingStoredAnywhere()
    {
        var owner = await fixture.NewTenantAsync();
        var intruder = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(intruder.AdminToken);

        using var response = await client.PutKeyAsync($"/admin/v1/projects/{owner.ProjectId}/byok/anthropic", ApiKeyBody(AnthropicKey()));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await Repository().ListAsync(owner.OrganizationId, Cancel));
        Assert.Empty(await Repository().ListAsync(intruder.OrganizationId, Cancel));
    }

    private async Task<(Hub.Testing.TestTenant Owner, Hub.Testing.TestTenant Intruder)> TwoTenantsWithKeysAsync()
    {
        var owner = await fixture.NewTenantAsync();
        var intruder = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(owner.AdminToken);
        using var organizationKey = await client.PutKeyAsync("/admin/v1/byok/openai", ApiKeyBody(OpenAIKey()));
        using var projectKey = await client.PutKeyAsync($"/admin/v1/projects/{owner.ProjectId}/byok/openai", ApiKeyBody(OpenAIKey()));
        Assert.Equal(HttpStatusCode.OK, organizationKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, projectKey.StatusCode);
        return (owner, intruder);
    }

    private ByokRepository Repository() => fixture.Factory.Services.GetRequiredService<ByokRepository>();
}
