extern alias admin;
extern alias scanner;

using System.Net.Http.Headers;
using Hub.Testing;
using Hub.Testing.Fakes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

[assembly: AssemblyFixture(typeof(Hub.IntegrationTests.GatewayFixture))]

namespace Hub.IntegrationTests;

/// <summary>
/// Everything for real except the LLM providers: Postgres and Redis as local processes, Hub.Scanner,
/// Hub.Gateway and Hub.Admin on real Kestrel ports, the wire-exact fake upstream (provider
/// <c>fake</c>), the fake Gemini (provider <c>gemini</c>) and the mock provider. Every log line of the three services is captured.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> services = [];

    public LocalInfrastructure Infrastructure { get; } = new();

    /// <summary>Every log line the gateway, scanner and admin wrote, at every level.</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    public FakeOpenAIUpstream Upstream { get; private set; } = null!;

    /// <summary>The fake Generative Language API behind provider <c>gemini</c>.</summary>
    public FakeGeminiUpstream Gemini { get; private set; } = null!;
    // ---- Bedrock: the fake Converse API as provider `bedrock` (and `bedrock-sts`, `bedrock-apikey`, `bedrock-badsecret`). ----
    public FakeBedrockUpstream Bedrock { get; private set; } = null!;
    // ---- end Bedrock ----
    /// <summary>Anthropic's Messages API, faked: provider <c>anthropic</c>.</summary>
    public FakeAnthropicUpstream Anthropic { get; private set; } = null!;

    /// <summary>The OpenAI base URL clients are given, ending in <c>/v1</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public Uri AdminUrl { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Infrastructure.InitializeAsync();
        Upstream = await FakeOpenAIUpstream.StartAsync();
        Gemini = await FakeGeminiUpstream.StartAsync();

        var (scannerFactory, scannerUrl) = KestrelTestServer.Start<scanner::Program>(new Dictionary<string, string>(), CaptureLogs);
        services.Add(scannerFactory);

        var (adminFactory, adminUrl) = KestrelTestServer.Start<admin::Program>(new Dictionary<string, string>
        {
            ["ConnectionStrings:hubdb"] = Infrastructure.DatabaseConnectionString,
            ["ConnectionStrings:cache"] = Infrastructure.RedisConnectionString,
        }, CaptureLogs);
        services.Add(adminFactory);
        AdminUrl = adminUrl;

        var settings = KestrelTestServer.GatewaySettings(Infrastructure, Upstream, scannerUrl);
        settings["Providers:mock:Enabled"] = "true";

        // --- Gemini (provider id gemini speaks the gemini protocol by default) ---
        settings["Providers:gemini:BaseUrl"] = Gemini.BaseUrl;
        settings["Providers:gemini:ApiKey"] = FakeGeminiUpstream.ApiKey;
        // --- end Gemini ---

        // ---- Bedrock ----
        Bedrock = await FakeBedrockUpstream.StartAsync();
        foreach (var (key, value) in Bedrock.ProviderSettings())
        {
            settings[key] = value;
        }
        // ---- end Bedrock ----
        // --- Anthropic provider (FakeAnthropicUpstream) ---
        Anthropic = await FakeAnthropicUpstream.StartAsync();
        settings["Providers:anthropic:BaseUrl"] = Anthropic.BaseUrl;
        settings["Providers:anthropic:ApiKey"] = FakeAnthropicUpstream.ApiKey;
        // --- end Anthropic ---

        var (gatewayFactory, gatewayUrl) = KestrelTestServer.Start<Program>(settings, CaptureLogs);
        services.Add(gatewayFactory);
        BaseUrl = new Uri(gatewayUrl, "/v1");
    }

    public Task<TestTenant> NewTenantAsync() => TestTenant.CreateAsync(Infrastructure.DataSource, TestContext.Current.CancellationToken);

    /// <summary>A client of the admin API acting as <paramref name="tenant"/>'s organization.</summary>
    public HttpClient CreateAdminClient(TestTenant tenant)
    {
        var client = new HttpClient { BaseAddress = new Uri(AdminUrl, "/admin/v1/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tenant.AdminToken);
        return client;
    }

    /// <summary>A raw HTTP client of the gateway with <paramref name="apiKey"/>.</summary>
    public HttpClient CreateGatewayClient(string apiKey)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl + "/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            await services[i].DisposeAsync();
        }

        await Upstream.DisposeAsync();
        await Gemini.DisposeAsync();
        await (Bedrock?.DisposeAsync() ?? ValueTask.CompletedTask); // Bedrock
        if (Anthropic is not null)
        {
            await Anthropic.DisposeAsync();
        }

        await Infrastructure.DisposeAsync();
    }

    private void CaptureLogs(IWebHostBuilder web) =>
        web.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<CapturingLoggerProvider>(category: null, LogLevel.Trace));
}
