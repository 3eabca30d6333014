using System.Text;
using System.Text.Json;
using Hub.Gateway.Providers;
using Hub.Gateway.Providers.Gemini;
using Hub.Gateway.Streaming;
using Hub.Testing.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hub.Gateway.Tests.Providers.Gemini;

/// <summary>The provider itself against the fake Gemini: credentials per call, exact ids and times, usage reported to the gateway.</summary>
public sealed class GeminiProviderTests(GatewayFixture fixture) : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_750_000_000);

    private readonly HttpMessageInvoker http = new(new SocketsHttpHandler());

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => http.Dispose();

    [Fact]
    public async Task SendAsync_PerCallCredentials_TheirKeyGoesInTheHeaderNotTheConfiguredOne()
    {
        var provider = Provider(configuredKey: "AIzaConfiguredButWrong");

        var outcome = await provider.SendAsync(Request("Per-call key, please.", stream: false, new ProviderCredentials(ApiKey: FakeGeminiUpstream.ApiKey)), Cancel);

        Assert.True(outcome.Succeeded);
        await using var response = outcome.Response!;
        Assert.Equal(FakeGeminiUpstream.ApiKey, fixture.Gemini.Requests.Last(r => r.BodyText.Contains("Per-call key", StringComparison.Ordinal)).ApiKey);
    }

    [Fact]
    public async Task SendAsync_ConfiguredKeyRefused_ProviderAuthFailedThatMayFallBack()
    {
        var outcome = await Provider(configuredKey: "AIzaWrong").SendAsync(Request("Wrong key.", stream: false), Cancel);

        Assert.Equal(("provider_auth_failed", true), (outcome.Error?.Code, outcome.MayFallback));
    }

    [Fact]
    public async Task SendAsync_WholeAnswer_MintedIdInjectedTimeLengthAndUsageReport()
    {
        var outcome = await Provider().SendAsync(Request("Exact ids, please.", stream: false), Cancel);

        await using var response = outcome.Response!;
        var body = new MemoryStream();
        await response.Body.CopyToAsync(body, Cancel);
        var root = JsonDocument.Parse(body.ToArray()).RootElement;
        Assert.Equal(("application/json", body.Length), (response.ContentType, response.ContentLength));
        Assert.Equal(StepRandomSource.Id("chatcmpl-", 29, 0), root.GetProperty("id").GetString());
        Assert.Equal(Now.ToUnixTimeSeconds(), root.GetProperty("created").GetInt64());
        Assert.Equal(new TokenUsage(11, 7), response.Usage?.Value);
    }

    [Fact]
    public async Task SendAsync_StreamWithoutUsageAsked_UsageReportFilledOnceTheStreamIsRead()
    {
        var outcome = await Provider().SendAsync(Request("Stream, no usage chunk.", stream: true), Cancel);

        await using var response = outcome.Response!;
        Assert.Equal(("text/event-stream", null), (response.ContentType, response.ContentLength));
        var text = await new StreamReader(response.Body).ReadToEndAsync(Cancel);
        Assert.EndsWith("data: [DONE]\n\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"usage\"", text, StringComparison.Ordinal);
        Assert.Equal(new TokenUsage(11, 7), response.Usage?.Value);
    }

    private GeminiProvider Provider(string configuredKey = FakeGeminiUpstream.ApiKey) =>
        new("gemini", new ProviderOptions { ApiKey = configuredKey }, fixture.Gemini.BaseUrl, http, new FixedTime(), new StepRandomSource(), NullLogger<GeminiProvider>.Instance);

    private static ProviderRequest Request(string prompt, bool stream, ProviderCredentials? credentials = null) => new(
        Encoding.UTF8.GetBytes($$"""{"model":"gemini-text","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"{{prompt}}"}]}"""),
        stream, FakeGeminiUpstream.Models.Text, Credentials: credentials);

    private sealed class FixedTime : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
