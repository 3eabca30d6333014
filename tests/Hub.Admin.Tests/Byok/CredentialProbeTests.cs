using System.Net;
using System.Text;
using Hub.Admin.Byok;
using Hub.Core.Byok;
using Hub.Core.Providers;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hub.Admin.Tests.Byok;

/// <summary>How the provider's answer maps to a verdict, for answers the fakes do not give: only 401/403 (and Google's invalid key) refuse a key.</summary>
public sealed class CredentialProbeTests
{
    private static readonly ByokCredentials Key = new(ApiKey: "sk-probe-0123456789abcdef");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(ProtocolNames.OpenAI, 200, "", "Accepted")]
    [InlineData(ProtocolNames.OpenAI, 204, "", "Accepted")]
    [InlineData(ProtocolNames.OpenAI, 401, "", "Refused")]
    [InlineData(ProtocolNames.Anthropic, 403, "", "Refused")]
    [InlineData(ProtocolNames.OpenAI, 302, "", "Inconclusive")]
    [InlineData(ProtocolNames.OpenAI, 400, "", "Inconclusive")]
    [InlineData(ProtocolNames.OpenAI, 404, "", "Inconclusive")]
    [InlineData(ProtocolNames.OpenAI, 429, "", "Inconclusive")]
    [InlineData(ProtocolNames.OpenAI, 500, "", "Inconclusive")]
    [InlineData(ProtocolNames.Anthropic, 529, "", "Inconclusive")]
    [InlineData(ProtocolNames.Gemini, 400, """{"error":{"code":400,"status":"INVALID_ARGUMENT","details":[{"reason":"API_KEY_INVALID"}]}}""", "Refused")]
    [InlineData(ProtocolNames.Gemini, 400, """{"error":{"code":400,"status":"INVALID_ARGUMENT","details":[{"reason":"SOMETHING_ELSE"}]}}""", "Inconclusive")]
    [InlineData(ProtocolNames.Gemini, 400, "<html>bad gateway</html>", "Inconclusive")]
    [InlineData(ProtocolNames.Gemini, 503, "", "Inconclusive")]
    public async Task Check_ProviderAnswers_Verdict(string protocol, int status, string body, string expected)
    {
        using var probe = Probe(_ => new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });

        var result = await probe.CheckAsync(Provider(protocol), Key, Cancel);

        Assert.Equal(new ProbeResult(Enum.Parse<ProbeOutcome>(expected), status), result);
    }

    [Fact]
    public async Task Check_Timeout_InconclusiveWithoutAStatus()
    {
        using var probe = Probe(_ => throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout.", new TimeoutException()));

        var result = await probe.CheckAsync(Provider(ProtocolNames.OpenAI), Key, Cancel);

        Assert.Equal(new ProbeResult(ProbeOutcome.Inconclusive, Failure: "timeout"), result);
    }

    [Fact]
    public async Task Check_ConnectionFailure_InconclusiveNamingOnlyTheErrorKind()
    {
        using var probe = Probe(_ => throw new HttpRequestException(HttpRequestError.NameResolutionError, "No such host: api.example.com (sk-probe-0123456789abcdef)"));

        var result = await probe.CheckAsync(Provider(ProtocolNames.OpenAI), Key, Cancel);

        Assert.Equal(new ProbeResult(ProbeOutcome.Inconclusive, Failure: nameof(HttpRequestError.NameResolutionError)), result);
    }

    [Fact]
    public async Task Check_GoogleErrorBodyCutOff_InconclusiveWithoutAStatus()
    {
        using var probe = Probe(_ => new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StreamContent(new CutOffStream()) });

        var result = await probe.CheckAsync(Provider(ProtocolNames.Gemini), Key, Cancel);

        Assert.Equal(new ProbeResult(ProbeOutcome.Inconclusive, Failure: "ResponseEnded"), result);
    }

    [Fact]
    public async Task Check_NoBaseUrl_NoEndpointAndNoCall()
    {
        var called = false;
        using var probe = Probe(_ =>
        {
            called = true;
            return new HttpResponseMessage(HttpStatusCode.OK);
        });

        var result = await probe.CheckAsync(Provider(ProtocolNames.Azure) with { BaseUrl = null }, Key, Cancel);

        Assert.Equal(ProbeOutcome.NoEndpoint, result.Outcome);
        Assert.False(called);
    }

    [Fact]
    public async Task Check_BedrockWithoutConfiguredBaseUrl_CallsTheControlPlaneOfTheKeysRegion()
    {
        Uri? called = null;
        using var probe = Probe(request =>
        {
            called = request.RequestUri;
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        var credentials = new ByokCredentials(AccessKeyId: "AKIAABCDEFGHIJKLMNOP", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", Region: "eu-central-1");

        await probe.CheckAsync(new ByokProvider("bedrock", ProtocolNames.Bedrock, null, false, "x"), credentials, Cancel);

        Assert.Equal(new Uri("https://bedrock.eu-central-1.amazonaws.com/foundation-models"), called);
    }

    private static ByokProvider Provider(string protocol) => new("p", protocol, "https://provider.test/v1", true, "2024-10-21");

    private static CredentialProbe Probe(Func<HttpRequestMessage, HttpResponseMessage> answer) =>
        new(new StubHandler(answer), TimeProvider.System, NullLogger<CredentialProbe>.Instance);

    /// <summary>A body whose connection drops at the first read.</summary>
    private sealed class CutOffStream : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely.");
    }

    private sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromResult(answer(request));
    }
}
