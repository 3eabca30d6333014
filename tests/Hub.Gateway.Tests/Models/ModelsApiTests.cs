using System.Text.Json;

namespace Hub.Gateway.Tests.Models;

public sealed class ModelsApiTests(GatewayFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task List_ConfiguredModels_InOpenAIListShape()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);

        using var response = await client.GetAsync("/v1/models", Cancel);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));

        Assert.Equal("list", json.RootElement.GetProperty("object").GetString());
        var models = json.RootElement.GetProperty("data").EnumerateArray().ToList();
        var ids = models.Select(m => m.GetProperty("id").GetString()!).ToList();
        Assert.Contains("listed/fake-model", ids);
        Assert.Contains("mock/echo", ids);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.All(models, model =>
        {
            Assert.Equal("model", model.GetProperty("object").GetString());
            Assert.True(model.GetProperty("created").GetInt64() > 1_600_000_000);
            var prefix = model.GetProperty("id").GetString()!.Split('/')[0];
            Assert.Equal(prefix == "oah" ? "hub" : prefix, model.GetProperty("owned_by").GetString());
        });
        Assert.Empty((await Hub.Testing.OpenAISpec.GetAsync()).Validate("ListModelsResponse", json.RootElement.GetRawText()));
    }

    [Fact]
    public async Task Get_ModelWithSlash_ReturnsThatModel()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);

        using var response = await client.GetAsync("/v1/models/mock/echo", Cancel);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));

        Assert.Equal("mock/echo", json.RootElement.GetProperty("id").GetString());
        Assert.Equal("mock", json.RootElement.GetProperty("owned_by").GetString());
    }

    [Fact]
    public async Task Get_UnknownModel_Answers404ModelNotFound()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);

        using var response = await client.GetAsync("/v1/models/nope/nothing", Cancel);

        await OpenAIAssert.ErrorAsync(response, 404, "invalid_request_error", "model_not_found");
    }
}
