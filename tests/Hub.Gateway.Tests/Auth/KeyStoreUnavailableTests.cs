using System.Net;
using Hub.AppHost.LocalServers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Hub.Gateway.Tests.Auth;

/// <summary>A gateway whose Postgres is gone: not ready, and it lets nobody in (fail closed).</summary>
public sealed class KeyStoreUnavailableTests : IAsyncLifetime
{
    private readonly WebApplicationFactory<Program> factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
    {
        web.UseSetting("ConnectionStrings:hubdb", $"Host=127.0.0.1;Port={FreePort.Next()};Username=nobody;Password=x;Database=hubdb;Timeout=2");
        web.UseSetting("ConnectionStrings:cache", $"127.0.0.1:{FreePort.Next()},connectTimeout=500");
        web.UseSetting("Providers:mock:Enabled", "true");
    });

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => factory.DisposeAsync();

    [Fact]
    public async Task Post_DatabaseDown_Answers503AndNeverForwards()
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "oah_someKeyThatCannotBeChecked00000000000000000");

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OpenAIAssert.Chat("mock/echo")), Cancel);

        await OpenAIAssert.ErrorAsync(response, 503, "service_unavailable_error", "auth_unavailable");
    }

    [Fact]
    public async Task Health_DatabaseAndCacheDown_IsUnhealthyWhileAliveAnswers()
    {
        using var client = factory.CreateClient();

        using var health = await client.GetAsync("/health", Cancel);
        using var alive = await client.GetAsync("/alive", Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }
}
