using System.Text;
using Hub.Core.Randomness;
using Hub.Gateway.Providers;
using Hub.Gateway.Providers.Anthropic;
using Hub.Gateway.Streaming;
using Hub.Testing;
using Hub.Testing.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hub.Gateway.Tests.Providers.Anthropic;

/// <summary>The provider on its own against the fake: what the router relies on (credentials, default output limit, usage, may-fallback).</summary>
public sealed class AnthropicProviderTests(GatewayFixture fixture) : IDisposable
{
    private readonly HttpMessageInvoker http = new(new SocketsHttpHandler());

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => http.Dispose();

    private AnthropicProvider Provider(string? apiKey = FakeAnthropicUpstream.ApiKey, string? baseUrl = null) =>
        new("anthropic", new ProviderOptions { ApiKey = apiKey }, baseUrl ?? fixture.Anthropic.BaseUrl, http, new FixedTime(), CryptoRandomSource.Instance, NullLogger<AnthropicProvider>.Instance);

    private static ProviderRequest Request(string model, string content, bool stream = false, string extra = "", int defaultMaxTokens = ProviderRequest.FallbackMaxTokens, ProviderCredentials? credentials = null) =>
        new(Encoding.UTF8.GetBytes($$"""{"model":"{{model}}","messages":[{"role":"user","content":"{{content}}"}]{{(stream ? ",\"stream\":true" : "")}}{{extra}}}"""),
            stream, model, defaultMaxTokens, credentials);

    private static async Task<string> ReadAsync(ProviderOutcome outcome)
    {
        Assert.True(outcome.Succeeded);
        await using var response = outcome.Response!;
        using var reader = new StreamReader(response.Body);
        return await reader.ReadToEndAsync(Cancel);
    }

    [Fact]
    public async Task SendAsync_PerCallCredentials_UsedInsteadOfTheConfiguredKey()
    {
        var outcome = await Provider(apiKey: "sk-ant-configured-but-wrong").SendAsync(
            Request(FakeAnthropicUpstream.Models.Text, "per-call key", credentials: new ProviderCredentials(ApiKey: FakeAnthropicUpstream.ApiKey)), Cancel);

        await ReadAsync(outcome);
        Assert.Equal(FakeAnthropicUpstream.ApiKey, fixture.Anthropic.Last("per-call key").ApiKey);
    }

    [Theory]
    [InlineData("", 1234, 1234)]
    [InlineData(""","max_completion_tokens":77""", 1234, 77)]
    public async Task SendAsync_OutputLimit_TheClientsElseTheRequestsDefault(string extra, int defaultMaxTokens, int sent)
    {
        var marker = $"limit {extra.Length} {defaultMaxTokens}";

        await ReadAsync(await Provider().SendAsync(Request(FakeAnthropicUpstream.Models.Text, marker, extra: extra, defaultMaxTokens: defaultMaxTokens), Cancel));

        Assert.Equal(sent, fixture.Anthropic.Last(marker).Json.GetProperty("max_tokens").GetInt32());
    }

    [Fact]
    public async Task SendAsync_NonStreamed_JsonWithLengthCreatedFromTheClockAndUsageReported()
    {
        var outcome = await Provider().SendAsync(Request(FakeAnthropicUpstream.Models.Text, "usage please"), Cancel);
        var response = outcome.Response!;

        Assert.Equal(("application/json", new TokenUsage(19, 7)), (response.ContentType, response.Usage?.Value));
        var body = await ReadAsync(outcome);
        Assert.Equal(response.ContentLength, Encoding.UTF8.GetByteCount(body));
        Assert.Contains("\"created\":1700000000,", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_StreamedWithoutIncludeUsage_UsageStillReportedOnceRead()
    {
        var outcome = await Provider().SendAsync(Request(FakeAnthropicUpstream.Models.Text, "stream usage", stream: true), Cancel);
        var usage = outcome.Response!.Usage!;

        var body = await ReadAsync(outcome);

        Assert.DoesNotContain("usage", body, StringComparison.Ordinal);
        Assert.Equal(new TokenUsage(19, 7), usage.Value);
    }

    [Theory]
    [InlineData(FakeAnthropicUpstream.Models.Error400, 400, false)]
    [InlineData("claude-missing", 404, false)]
    [InlineData(FakeAnthropicUpstream.Models.Error429, 429, true)]
    [InlineData(FakeAnthropicUpstream.Models.Error500, 502, true)]
    [InlineData(FakeAnthropicUpstream.Models.Overloaded, 503, true)]
    public async Task SendAsync_UpstreamError_StatusAndWhetherTheRouterMayFallBack(string model, int status, bool mayFallback)
    {
        var outcome = await Provider().SendAsync(Request(model, "error"), Cancel);

        Assert.Equal((status, mayFallback), (outcome.Error?.Status, outcome.MayFallback));
    }

    [Fact]
    public async Task SendAsync_KeyRefused_ProviderAuthFailedMayFallBack()
    {
        var outcome = await Provider(apiKey: null).SendAsync(Request(FakeAnthropicUpstream.Models.Text, "no key"), Cancel);

        Assert.Equal(("provider_auth_failed", true), (outcome.Error?.Code, outcome.MayFallback));
    }

    [Fact]
    public async Task SendAsync_NothingListening_UpstreamUnavailableMayFallBack()
    {
        var outcome = await Provider(baseUrl: $"http://127.0.0.1:{Hub.AppHost.LocalServers.FreePort.Next()}/v1").SendAsync(Request(FakeAnthropicUpstream.Models.Text, "down"), Cancel);

        Assert.Equal(("upstream_unavailable", true), (outcome.Error?.Code, outcome.MayFallback));
    }

    [Fact]
    public async Task SendAsync_RequestAnthropicCannotTake_RefusedWithoutCallingIt()
    {
        var before = fixture.Anthropic.Requests.Count;

        var outcome = await Provider().SendAsync(Request(FakeAnthropicUpstream.Models.Text, "refused n", extra: ""","n":3"""), Cancel);

        Assert.Equal(("unsupported_parameter", false), (outcome.Error?.Code, outcome.MayFallback));
        Assert.DoesNotContain(fixture.Anthropic.Requests.Skip(before), r => r.BodyText.Contains("refused n", StringComparison.Ordinal));
    }

    private sealed class FixedTime : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    }
}
