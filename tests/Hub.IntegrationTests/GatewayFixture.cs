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
/// Hub.Gateway and Hub.Admin on real Kestrel ports, the wire-exact fake upstreams (providers
/// <c>fake</c>, <c>anthropic</c>, <c>gemini</c>, <c>bedrock</c>; the routing providers of
/// <see cref="RoutingProviders"/>) and the mock provider. Every log line of the three services is captured.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> services = [];
    private readonly SemaphoreSlim webhookStart = new(1, 1);
    private FakeWebhookReceiver? webhooks;

    public LocalInfrastructure Infrastructure { get; } = new();

    /// <summary>Every log line the gateway, scanner and admin wrote, at every level.</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    public FakeOpenAIUpstream Upstream { get; private set; } = null!;

    /// <summary>Anthropic's Messages API, faked: provider <c>anthropic</c>.</summary>
    public FakeAnthropicUpstream Anthropic { get; private set; } = null!;

    /// <summary>The Generative Language API, faked: provider <c>gemini</c>.</summary>
    public FakeGeminiUpstream Gemini { get; private set; } = null!;

    /// <summary>The Converse API, faked: provider <c>bedrock</c> (and <c>bedrock-sts</c>, <c>bedrock-apikey</c>, <c>bedrock-badsecret</c>).</summary>
    public FakeBedrockUpstream Bedrock { get; private set; } = null!;

    /// <summary>The OpenAI base URL clients are given, ending in <c>/v1</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public Uri AdminUrl { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Infrastructure.InitializeAsync();
        Upstream = await FakeOpenAIUpstream.StartAsync();
        Anthropic = await FakeAnthropicUpstream.StartAsync();
        Gemini = await FakeGeminiUpstream.StartAsync();
        Bedrock = await FakeBedrockUpstream.StartAsync();

        // Images are read (as the AppHost runs it), by one engine with a deadline no busy machine reaches.
        var (scannerFactory, scannerUrl) = KestrelTestServer.Start<scanner::Program>(new Dictionary<string, string>
        {
            ["Scanner:Ocr:Enabled"] = "true",
            ["Scanner:Ocr:Engines"] = "1",
            ["Scanner:Ocr:DeadlineMs"] = "60000",
        }, CaptureLogs);
        services.Add(scannerFactory);

        var (adminFactory, adminUrl) = KestrelTestServer.Start<admin::Program>(new Dictionary<string, string>
        {
            ["ConnectionStrings:hubdb"] = Infrastructure.DatabaseConnectionString,
            ["ConnectionStrings:cache"] = Infrastructure.RedisConnectionString,
            ["BudgetAlerts:AllowLoopbackHttp"] = "true",
            ["Hub:Secrets:MasterKey"] = KestrelTestServer.MasterKey,

            // The provider organizations store their own keys for in these tests (the gateway's too, with Hub's key).
            ["Providers:fake:BaseUrl"] = Upstream.BaseUrl,
        }, CaptureLogs);
        services.Add(adminFactory);
        AdminUrl = adminUrl;

        var settings = KestrelTestServer.GatewaySettings(Infrastructure, Upstream, scannerUrl);
        settings["Providers:mock:Enabled"] = "true";
        settings["Providers:anthropic:BaseUrl"] = Anthropic.BaseUrl;
        settings["Providers:anthropic:ApiKey"] = FakeAnthropicUpstream.ApiKey;
        settings["Providers:gemini:BaseUrl"] = Gemini.BaseUrl;
        settings["Providers:gemini:ApiKey"] = FakeGeminiUpstream.ApiKey;
        foreach (var (key, value) in Bedrock.ProviderSettings())
        {
            settings[key] = value;
        }

        foreach (var provider in RoutingProviders)
        {
            settings[$"Providers:{provider}:BaseUrl"] = Upstream.BaseUrlFor(provider);
            settings[$"Providers:{provider}:ApiKey"] = FakeOpenAIUpstream.ApiKey;
        }

        var (gatewayFactory, gatewayUrl) = KestrelTestServer.Start<Program>(KestrelTestServer.PriceUnlistedModels(settings), CaptureLogs);
        services.Add(gatewayFactory);
        BaseUrl = new Uri(gatewayUrl, "/v1");
    }

    /// <summary>OpenAI-compatible providers played by the fake, for routing through the official clients.</summary>
    public static readonly string[] RoutingProviders = ["rt-a", "rt-b"];

    public Task<TestTenant> NewTenantAsync() => TestTenant.CreateAsync(Infrastructure.DataSource, TestContext.Current.CancellationToken);

    /// <summary>A client of the admin API acting as <paramref name="tenant"/>'s organization.</summary>
    public HttpClient CreateAdminClient(TestTenant tenant)
    {
        var client = new HttpClient { BaseAddress = new Uri(AdminUrl, "/admin/v1/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tenant.AdminToken);
        return client;
    }

    /// <summary>A webhook receiver on loopback (Admin here allows http to loopback), started on first use.</summary>
    public async Task<FakeWebhookReceiver> WebhooksAsync()
    {
        await webhookStart.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            return webhooks ??= await FakeWebhookReceiver.StartAsync();
        }
        finally
        {
            webhookStart.Release();
        }
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
        if (webhooks is not null)
        {
            await webhooks.DisposeAsync();
        }

        await Anthropic.DisposeAsync();
        await Gemini.DisposeAsync();
        await Bedrock.DisposeAsync();

        await Infrastructure.DisposeAsync();
    }

    private void CaptureLogs(IWebHostBuilder web) =>
        web.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<CapturingLoggerProvider>(category: null, LogLevel.Trace));
}
