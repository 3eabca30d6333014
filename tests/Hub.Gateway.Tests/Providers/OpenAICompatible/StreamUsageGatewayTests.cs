using System.Text;
using Hub.Gateway.Tests.Governance;
using Hub.Testing;
using Hub.Testing.Fakes;

namespace Hub.Gateway.Tests.Providers.OpenAICompatible;

/// <summary>
/// Billing needs every streamed answer's usage. Through the real gateway against the fake (which streams
/// as OpenAI does in <c>include_usage</c> mode): a client that did not ask gets byte for byte what it
/// would have had, and the audit event still has the counts.
/// </summary>
public sealed class StreamUsageGatewayTests(GatewayFixture fixture)
{
    private const string AskUsage = ",\"stream_options\":{\"include_usage\":true}";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(FakeOpenAIUpstream.Models.Text, 7)]
    [InlineData(FakeOpenAIUpstream.Models.Tools, 30)]
    [InlineData(FakeOpenAIUpstream.Models.Trickle, 7)]
    public async Task Post_StreamWithoutIncludeUsage_ClientGetsTheFakesStreamByteForByte_AndTheAuditHasTheUsage(string model, int completionTokens)
    {
        var marker = Marker();
        var (relayed, correlationId) = await PostAsync($"fake/{model}", stream: true, marker: marker);
        var direct = await CallUpstreamDirectlyAsync(Chat(model, stream: true, marker));

        Assert.Equal(direct, relayed);
        Assert.DoesNotContain("usage", relayed, StringComparison.Ordinal);
        Assert.Equal(Chat(model, stream: true, marker, AskUsage), Received(marker));
        var (_, audit) = await fixture.AuditEventAsync(correlationId);
        Assert.Equal((19, completionTokens), (audit.PromptTokens, audit.CompletionTokens));
    }

    [Fact]
    public async Task Post_StreamAskingForUsage_RelayedUntouchedBothWays()
    {
        var marker = Marker();
        var (relayed, correlationId) = await PostAsync("fake/fake-model", stream: true, marker: marker, extra: AskUsage);
        var direct = await CallUpstreamDirectlyAsync(Chat("fake-model", stream: true, marker, AskUsage));

        Assert.Equal(direct, relayed);
        Assert.Contains("\"usage\":null}", relayed, StringComparison.Ordinal);
        Assert.Contains("\"choices\":[],\"usage\":{\"prompt_tokens\":19", relayed, StringComparison.Ordinal);
        Assert.Equal(Chat("fake-model", stream: true, marker, AskUsage), Received(marker));
        var (_, audit) = await fixture.AuditEventAsync(correlationId);
        Assert.Equal((19, 7), (audit.PromptTokens, audit.CompletionTokens));
    }

    [Theory]
    [InlineData(",\"stream_options\":{\"include_usage\":false}", ",\"stream_options\":{\"include_usage\":true}")]
    [InlineData(",\"stream_options\":{}", ",\"stream_options\":{\"include_usage\":true}")]
    [InlineData(",\"stream_options\":null", ",\"stream_options\":{\"include_usage\":true}")]
    public async Task Post_StreamOptionsWithoutUsage_FlagMergedIntoThem(string sent, string forwarded)
    {
        var marker = Marker();
        var (relayed, correlationId) = await PostAsync("fake/fake-model", stream: true, marker: marker, extra: sent);

        Assert.Equal(await CallUpstreamDirectlyAsync(Chat("fake-model", stream: true, marker)), relayed);
        Assert.Equal(Chat("fake-model", stream: true, marker, forwarded), Received(marker));
        var (_, audit) = await fixture.AuditEventAsync(correlationId);
        Assert.Equal((19, 7), (audit.PromptTokens, audit.CompletionTokens));
    }

    [Fact]
    public async Task Post_UpstreamIgnoresStreamOptions_StreamStillRelayed_UsageUnknown()
    {
        var marker = Marker();
        var (relayed, correlationId) = await PostAsync($"fake/{FakeOpenAIUpstream.Models.NoUsage}", stream: true, marker: marker);

        Assert.Equal(await CallUpstreamDirectlyAsync(Chat(FakeOpenAIUpstream.Models.NoUsage, stream: true, marker)), relayed);
        Assert.EndsWith("data: [DONE]\n\n", relayed, StringComparison.Ordinal);
        var (_, audit) = await fixture.AuditEventAsync(correlationId);
        Assert.Equal(((int?)null, (int?)null), (audit.PromptTokens, audit.CompletionTokens));
    }

    [Fact]
    public async Task Post_NonStreamed_BodyAndAnswerUntouched()
    {
        var marker = Marker();
        var (relayed, correlationId) = await PostAsync("fake/fake-model", stream: false, marker: marker);

        Assert.Equal(await CallUpstreamDirectlyAsync(Chat("fake-model", stream: false, marker)), relayed);
        Assert.Equal(Chat("fake-model", stream: false, marker), Received(marker));
        var (_, audit) = await fixture.AuditEventAsync(correlationId);
        Assert.Equal((19, 7), (audit.PromptTokens, audit.CompletionTokens));
    }

    [Fact]
    public async Task Post_OpenRouterStreamWithoutIncludeUsage_CommentsAndUsageTakenOut_AuditHasTheUsage()
    {
        var marker = Marker();
        var (relayed, correlationId) = await PostAsync("openrouter/fake-model", stream: true, marker: marker);

        Assert.DoesNotContain("OPENROUTER PROCESSING", relayed, StringComparison.Ordinal);
        Assert.DoesNotContain("usage", relayed, StringComparison.Ordinal);
        Assert.DoesNotContain("\n\n\n", relayed, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", relayed, StringComparison.Ordinal);
        var (_, audit) = await fixture.AuditEventAsync(correlationId);
        Assert.Equal((19, 7), (audit.PromptTokens, audit.CompletionTokens));
    }

    [Fact]
    public async Task Post_MistralStream_NoStreamOptionsSent_UsageReadFromItsLastChunk()
    {
        var marker = Marker();
        var (relayed, correlationId) = await PostAsync("mistral/fake-model", stream: true, marker: marker);

        Assert.Equal(Chat("fake-model", stream: true, marker), Received(marker));
        Assert.EndsWith("data: [DONE]\n\n", relayed, StringComparison.Ordinal);
        var (_, audit) = await fixture.AuditEventAsync(correlationId);
        Assert.Equal((200, 19, 7), (audit.Status, audit.PromptTokens, audit.CompletionTokens));
    }

    [Theory]
    [InlineData("anthropic/" + FakeAnthropicUpstream.Models.Text, 19, 7)]
    [InlineData("gemini/" + FakeGeminiUpstream.Models.Text, 11, 7)]
    [InlineData("bedrock/" + FakeBedrockUpstream.Models.Text, 19, 7)]
    public async Task Post_TranslatedStreamWithoutIncludeUsage_NoUsageChunkButTheAuditHasTheUsage(string model, int prompt, int completion)
    {
        var (relayed, correlationId) = await PostAsync(model, stream: true, marker: Marker());

        Assert.DoesNotContain("usage", relayed, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", relayed, StringComparison.Ordinal);
        var (_, audit) = await fixture.AuditEventAsync(correlationId);
        Assert.Equal((prompt, completion), (audit.PromptTokens, audit.CompletionTokens));
    }

    private static string Marker() => Guid.NewGuid().ToString("N");

    /// <summary>A one-message request whose content is the test's marker, so the fake's record of it can be found (the gateway's call comes first).</summary>
    private static string Chat(string model, bool stream, string marker, string extra = "") =>
        $$"""{"model":"{{model}}","messages":[{"role":"user","content":"Say hello {{marker}}"}]{{(stream ? ",\"stream\":true" : "")}}{{extra}}}""";

    private async Task<(string Body, string CorrelationId)> PostAsync(string model, bool stream, string marker, string extra = "")
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);
        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(Chat(model, stream, marker, extra)), Cancel);
        Assert.Equal(200, (int)response.StatusCode);
        return (await response.Content.ReadAsStringAsync(Cancel), OpenAIAssert.CorrelationId(response));
    }

    private string Received(string marker) => fixture.Upstream.Requests.First(r => r.BodyText.Contains(marker, StringComparison.Ordinal)).BodyText;

    private async Task<string> CallUpstreamDirectlyAsync(string body)
    {
        using var upstream = new HttpClient();
        upstream.DefaultRequestHeaders.Authorization = new("Bearer", FakeOpenAIUpstream.ApiKey);
        using var response = await upstream.PostAsync(fixture.Upstream.BaseUrl + "/chat/completions", OpenAIAssert.Json(body), Cancel);
        return Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync(Cancel));
    }
}
