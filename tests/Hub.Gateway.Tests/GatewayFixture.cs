extern alias scanner;

using System.Net.Http.Headers;
using Hub.AppHost.LocalServers;
using Hub.Testing;
using Hub.Testing.Fakes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

[assembly: AssemblyFixture(typeof(Hub.Gateway.Tests.GatewayFixture))]

namespace Hub.Gateway.Tests;

/// <summary>
/// Once per test run: real Postgres and Redis, the fake upstreams, the real scanner, and the gateway
/// on a real Kestrel port. Providers: <c>fake</c> (any model), <c>listed</c> (only fake-model), <c>badkey</c> (wrong
/// upstream key), <c>down</c> (nothing listening), the built-in <c>mock</c>, <c>unpriced</c> (no price for
/// unlisted models; every other provider's unlisted models cost 1/2 USD per million tokens); the translated protocols
/// (<see cref="AddTranslatedProviders"/>) and the OpenAI-compatible profiles and routing providers
/// (<see cref="AddRoutingProviders"/>).
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Consecutive failures that open a provider's breaker in these tests.</summary>
    public const int BreakerThreshold = 20;

    /// <summary>
    /// The master key <c>Byok/MasterKeyRotationTests</c> rotates to. The fixture's gateway holds it as a
    /// retired key beside its own, as the rotation procedure has every gateway do, so the rotation (which
    /// re-wraps every organization's data key in the database) leaves the other tests' keys readable.
    /// </summary>
    public static readonly string NextMasterKey = Hub.Core.Secrets.MasterKeyRing.NewKeyText();

    private WebApplicationFactory<Program>? factory;
    private WebApplicationFactory<scanner::Program>? scannerFactory;

    public LocalInfrastructure Infrastructure { get; } = new();

    /// <summary>Every log line the gateway wrote, at every level.</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    public FakeOpenAIUpstream Upstream { get; private set; } = null!;

    /// <summary>Anthropic's Messages API, faked: providers <c>anthropic</c>, <c>anthropic-badkey</c>, <c>anthropic-forbidden</c>.</summary>
    public FakeAnthropicUpstream Anthropic { get; private set; } = null!;

    /// <summary>The Generative Language API, faked: providers <c>gemini</c> and <c>gemini-badkey</c>.</summary>
    public FakeGeminiUpstream Gemini { get; private set; } = null!;

    /// <summary>
    /// The Converse API, faked: providers <c>bedrock</c> (SigV4), <c>bedrock-sts</c> (temporary credentials),
    /// <c>bedrock-apikey</c> (a Bedrock API key) and <c>bedrock-badsecret</c> (a wrong secret).
    /// </summary>
    public FakeBedrockUpstream Bedrock { get; private set; } = null!;

    public Uri GatewayUrl { get; private set; } = null!;

    /// <summary>The gateway's configuration, for a test that starts more instances of it.</summary>
    public IReadOnlyDictionary<string, string> GatewaySettings { get; private set; } = null!;

    public Uri ScannerUrl { get; private set; } = null!;

    /// <summary>The gateway's services (its repositories, Redis connection), for arranging state as Hub.Admin would.</summary>
    public IServiceProvider Services => factory!.Services;

    public async ValueTask InitializeAsync()
    {
        await Infrastructure.InitializeAsync();
        Upstream = await FakeOpenAIUpstream.StartAsync();
        Anthropic = await FakeAnthropicUpstream.StartAsync();
        Gemini = await FakeGeminiUpstream.StartAsync();
        Bedrock = await FakeBedrockUpstream.StartAsync();
        (scannerFactory, ScannerUrl) = KestrelTestServer.Start<scanner::Program>(ScannerSettings());
        var settings = KestrelTestServer.GatewaySettings(Infrastructure, Upstream, ScannerUrl);
        settings["Providers:listed:BaseUrl"] = Upstream.BaseUrl;
        settings["Providers:listed:ApiKey"] = FakeOpenAIUpstream.ApiKey;
        settings["Providers:listed:Models:0"] = FakeOpenAIUpstream.Models.Text;
        settings["Providers:badkey:BaseUrl"] = Upstream.BaseUrl;
        settings["Providers:badkey:ApiKey"] = "sk-wrong";
        settings["Providers:down:BaseUrl"] = $"http://127.0.0.1:{FreePort.Next()}/v1";
        settings["Providers:mock:Enabled"] = "true";
        AddTranslatedProviders(settings);
        AddRoutingProviders(settings);

        // A provider Hub has no key for: only organizations that stored their own can use it (Byok/ tests).
        settings["Providers:openai:BaseUrl"] = Upstream.BaseUrl;
        settings["Providers:openai:ByokOnly"] = "true";
        settings["Hub:Secrets:RetiredMasterKeys:0"] = NextMasterKey;
        settings["Gateway:ChatCompletions:MaxRequestBodyBytes"] = MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // Loop protection off here. Tests repeat one prompt on purpose (CircuitBreakerTests sends it
        // BreakerThreshold + 1 times), and a concurrency count must never pass because repeats were refused.
        // RateLimits/RateLimitedGateways runs gateways with the default (20 in 60 s).
        settings["RateLimits:Loop:MaxRepeats"] = "0";

        KestrelTestServer.PriceUnlistedModels(settings);

        // After pricing: the one provider whose unlisted models Hub cannot bill.
        settings["Providers:unpriced:BaseUrl"] = Upstream.BaseUrl;
        settings["Providers:unpriced:ApiKey"] = FakeOpenAIUpstream.ApiKey;
        GatewaySettings = settings;
        (factory, GatewayUrl) = KestrelTestServer.Start<Program>(
            settings, web => web.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<CapturingLoggerProvider>(category: null, LogLevel.Trace)));
    }

    /// <summary>The translated protocols, each with providers that fail authentication the provider's own way.</summary>
    private void AddTranslatedProviders(Dictionary<string, string> settings)
    {
        settings["Providers:anthropic:BaseUrl"] = Anthropic.BaseUrl;
        settings["Providers:anthropic:ApiKey"] = FakeAnthropicUpstream.ApiKey;
        settings["Providers:anthropic-badkey:Protocol"] = "anthropic";
        settings["Providers:anthropic-badkey:BaseUrl"] = Anthropic.BaseUrl;
        settings["Providers:anthropic-badkey:ApiKey"] = "sk-ant-wrong";
        settings["Providers:anthropic-forbidden:Protocol"] = "anthropic";
        settings["Providers:anthropic-forbidden:BaseUrl"] = Anthropic.BaseUrl;
        settings["Providers:anthropic-forbidden:ApiKey"] = FakeAnthropicUpstream.ForbiddenApiKey;
        settings["Providers:gemini:BaseUrl"] = Gemini.BaseUrl;
        settings["Providers:gemini:ApiKey"] = FakeGeminiUpstream.ApiKey;
        settings["Providers:gemini-badkey:Protocol"] = "gemini";
        settings["Providers:gemini-badkey:BaseUrl"] = Gemini.BaseUrl;
        settings["Providers:gemini-badkey:ApiKey"] = "AIzaWrongKey";
        foreach (var (key, value) in Bedrock.ProviderSettings())
        {
            settings[key] = value;
        }
    }

    /// <summary>
    /// Routing and profiles: the fake plays the OpenAI-compatible catalog providers (together, mistral,
    /// openrouter, groq, deepinfra) and Azure with their deviations, and <c>rt-*</c> providers that only
    /// routing tests use, each with its own breaker (<see cref="Routing.RoutingScenario"/> gives them catalog traits).
    /// </summary>
    private void AddRoutingProviders(Dictionary<string, string> settings)
    {
        foreach (var provider in (string[])["together", "mistral", "openrouter", "groq", "deepinfra", "azure", .. Routing.RoutingScenario.Providers])
        {
            settings[$"Providers:{provider}:BaseUrl"] = Upstream.BaseUrlFor(provider);
            settings[$"Providers:{provider}:ApiKey"] = FakeOpenAIUpstream.ApiKey;
        }

        settings[$"Providers:{Routing.RoutingScenario.Slow}:TimeoutSeconds"] = "1";

        // Routing tests make rt-a fail now and then, in parallel with others it serves: a breaker that
        // opened on those would skip it for them. Above any such run, and what CircuitBreakerTests counts to.
        settings["Routing:CircuitBreaker:FailureThreshold"] = BreakerThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A client of the gateway, optionally with a key.</summary>
    public HttpClient CreateClient(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = GatewayUrl };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    /// <summary>
    /// The scanner reads images (one engine, a deadline no busy machine reaches: these tests are not about speed) and may
    /// fetch remote images over plain HTTP from loopback, where the tests serve them.
    /// </summary>
    private static Dictionary<string, string> ScannerSettings()
    {
        var settings = KestrelTestServer.QuietSettings();
        settings["Scanner:Ocr:Enabled"] = "true";
        settings["Scanner:Ocr:Engines"] = "1";
        settings["Scanner:Ocr:DeadlineMs"] = "60000";
        settings["Scanner:RemoteImages:AllowLoopbackHttp"] = "true";
        return settings;
    }

    public Task<TestTenant> NewTenantAsync() => TestTenant.CreateAsync(Infrastructure.DataSource, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }

        if (scannerFactory is not null)
        {
            await scannerFactory.DisposeAsync();
        }

        await Upstream.DisposeAsync();
        await Anthropic.DisposeAsync();
        await Gemini.DisposeAsync();
        await Bedrock.DisposeAsync();

        await Infrastructure.DisposeAsync();
    }
}
