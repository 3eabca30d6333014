using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Hub.Scanner.Tests;

/// <summary>The orchestrator starts dependants only when these answer; the DLP API arrives with issue #3.</summary>
public sealed class HealthEndpointsTests : IClassFixture<WebApplicationFactory<Program>>
{
    private readonly WebApplicationFactory<Program> factory;

    public HealthEndpointsTests(WebApplicationFactory<Program> factory) => this.factory = factory;

    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    public async Task Get_HealthEndpoint_AnswersHealthy(string path)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
