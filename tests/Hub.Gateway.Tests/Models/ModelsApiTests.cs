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
        Assert.Equal(["listed/fake-model", "mock/echo"], models.Select(m => m.GetProperty("id").GetString()));
        Assert.All(models, model =>
        {
            Assert.Equal("model", model.GetProperty("object").GetString());
            Assert.True(model.GetProperty("created").GetInt64() > 1_600_000_000);
            Assert.Equal(model.GetProperty("id").GetString()!.Split('/')[0], model.GetProperty("owned_by").GetString());
        });
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
