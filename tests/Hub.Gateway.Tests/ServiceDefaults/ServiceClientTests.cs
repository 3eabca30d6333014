using System.Net;
using Hub.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Gateway.Tests.ServiceDefaults;

/// <summary>AddServiceClient: a named client for another Hub service, found through Aspire's <c>services__name__http__0</c>.</summary>
public sealed class ServiceClientTests(GatewayFixture fixture)
{
    [Fact]
    public async Task AddServiceClient_ServiceAddressInConfiguration_ResolvesAndCalls()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["services:peer:http:0"] = new Uri(fixture.Upstream.BaseUrl).GetLeftPart(UriPartial.Authority);
        builder.AddServiceDefaults();
        builder.Services.AddServiceClient("peer");
        using var host = builder.Build();
        using var client = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("peer");
        client.DefaultRequestHeaders.Authorization = new("Bearer", FakeOpenAIUpstream.ApiKey);

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OpenAIAssert.Chat("fake-model")), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("https+http://peer/", client.BaseAddress?.ToString());
    }
}
