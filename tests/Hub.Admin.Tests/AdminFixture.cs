using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using Hub.Testing;
using Hub.Testing.Fakes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

[assembly: AssemblyFixture(typeof(Hub.Admin.Tests.AdminFixture))]

namespace Hub.Admin.Tests;

/// <summary>
/// Real Postgres and Redis, and Hub.Admin in-process (its API is not latency-sensitive, so the test server is enough),
/// with a fresh master key and the fake providers a stored key is checked against (<see cref="ProviderSettings"/>).
/// </summary>
public sealed class AdminFixture : IAsyncLifetime
{
    /// <summary>An OpenAI-compatible provider whose port nothing listens on: a live check cannot connect.</summary>
    public const string UnreachableProvider = "unreachable";

    /// <summary>An OpenAI-compatible provider whose model list is not found (404): a live check gets no verdict.</summary>
    public const string NoModelListProvider = "no-model-list";

    /// <summary>An Azure provider configured without a base URL: there is nothing to check a key against.</summary>
    public const string AzureWithoutEndpoint = "azure-unset";

    public const string BootstrapApiKey = "oah_bootstrapKeyForTests0000000000000000000000";
    public const string BootstrapAdminToken = "hub_admin_bootstrapTokenForTests00000000000000";

    public LocalInfrastructure Infrastructure { get; } = new();

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    /// <summary>Every log line of the Admin instances this fixture starts, for canary checks.</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    public FakeOpenAIUpstream OpenAI { get; private set; } = null!;

    public FakeAnthropicUpstream Anthropic { get; private set; } = null!;

    public FakeGeminiUpstream Gemini { get; private set; } = null!;

    public FakeBedrockUpstream Bedrock { get; private set; } = null!;

    /// <summary>The master key of the Admin instances: the base64 of 32 fresh random bytes.</summary>
    public string MasterKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public async ValueTask InitializeAsync()
    {
        await Infrastructure.InitializeAsync();
        OpenAI = await FakeOpenAIUpstream.StartAsync();
        Anthropic = await FakeAnthropicUpstream.StartAsync();
        Gemini = await FakeGeminiUpstream.StartAsync();
        Bedrock = await FakeBedrockUpstream.StartAsync();
        Factory = CreateFactory();
        using var client = Factory.CreateClient();
        await WaitUntilHealthyAsync(client);
    }

    /// <summary>Another Admin instance on the same database, as when two replicas start together; <paramref name="configure"/> changes its settings.</summary>
    public WebApplicationFactory<Program> CreateFactory(Action<IWebHostBuilder>? configure = null) => new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
    {
        web.UseSetting("ConnectionStrings:hubdb", Infrastructure.DatabaseConnectionString);
        web.UseSetting("ConnectionStrings:cache", Infrastructure.RedisConnectionString);
        web.UseSetting("Bootstrap:ApiKey", BootstrapApiKey);
        web.UseSetting("Bootstrap:AdminToken", BootstrapAdminToken);
        web.UseSetting("Hub:Secrets:MasterKey", MasterKey);
        foreach (var (key, value) in ProviderSettings())
        {
            web.UseSetting(key, value);
        }

        web.ConfigureLogging(logging => logging.AddProvider(Logs));
        configure?.Invoke(web);
    });

    /// <summary>
    /// <c>Providers:*</c> as an operator sets them, pointing the known providers at the fakes (OpenAI-compatible
    /// ones under the OpenAI fake's prefixes), plus <see cref="UnreachableProvider"/>, <see cref="NoModelListProvider"/>
    /// and <see cref="AzureWithoutEndpoint"/>.
    /// </summary>
    public Dictionary<string, string> ProviderSettings() => new()
    {
        ["Providers:openai:BaseUrl"] = OpenAI.BaseUrl,
        ["Providers:groq:BaseUrl"] = OpenAI.BaseUrlFor("groq"),
        ["Providers:mistral:BaseUrl"] = OpenAI.BaseUrlFor("mistral"),
        ["Providers:azure:BaseUrl"] = OpenAI.BaseUrlFor("azure"),
        ["Providers:anthropic:BaseUrl"] = Anthropic.BaseUrl,
        ["Providers:gemini:BaseUrl"] = Gemini.BaseUrl,
        ["Providers:bedrock:BaseUrl"] = Bedrock.BaseUrl,
        ["Providers:bedrock:Region"] = FakeBedrockUpstream.Region,
        [$"Providers:{UnreachableProvider}:BaseUrl"] = $"http://127.0.0.1:{ClosedPort()}/v1",
        [$"Providers:{NoModelListProvider}:BaseUrl"] = $"{OpenAI.Root}/nowhere",
        [$"Providers:{AzureWithoutEndpoint}:Protocol"] = "azure",
    };

    /// <summary>A loopback port that was free a moment ago: connecting to it is refused.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static async Task WaitUntilHealthyAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await client.GetAsync("/health", TestContext.Current.CancellationToken)).StatusCode != System.Net.HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, "Admin did not become healthy within 60 s.");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    public HttpClient CreateClient(string? adminToken)
    {
        var client = Factory.CreateClient();
        if (adminToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        }

        return client;
    }

    public Task<TestTenant> NewTenantAsync() => TestTenant.CreateAsync(Infrastructure.DataSource, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await OpenAI.DisposeAsync();
        await Anthropic.DisposeAsync();
        await Gemini.DisposeAsync();
        await Bedrock.DisposeAsync();
        await Infrastructure.DisposeAsync();
    }
}
