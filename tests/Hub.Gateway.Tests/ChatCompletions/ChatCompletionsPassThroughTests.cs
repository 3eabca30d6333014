using System.Text;
using Hub.Testing;

namespace Hub.Gateway.Tests.ChatCompletions;

public sealed class ChatCompletionsPassThroughTests(GatewayFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_NonStreaming_ReturnsUpstreamBodyByteForByte()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OpenAIAssert.Chat("fake/fake-model")), Cancel);
        var direct = await CallUpstreamDirectlyAsync(OpenAIAssert.Chat("fake-model"));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(direct, await response.Content.ReadAsByteArrayAsync(Cancel));
        OpenAIAssert.CorrelationId(response);
    }

    [Fact]
    public async Task Post_UnknownFieldsAndFormatting_ReachUpstreamUntouchedExceptModel()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);
        const string body = """
            {
              "messages" : [ {"role":"user","content":"caf\u00e9 ☕","x_custom":{"a":[1,2.50,null]}} ],
              "model" : "fake/fake-model",
              "temperature": 0.70, "future_field": {"nested": true}, "metadata": {"k": "v"}
            }
            """;

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(body), Cancel);

        Assert.Equal(200, (int)response.StatusCode);
        var received = fixture.Upstream.Requests.Last(r => r.BodyText.Contains("future_field", StringComparison.Ordinal));
        Assert.Equal(body.Replace("\"fake/fake-model\"", "\"fake-model\"", StringComparison.Ordinal), received.BodyText);
        Assert.Equal($"Bearer {FakeOpenAIUpstream.ApiKey}", received.Authorization);
    }

    [Fact]
    public async Task Post_Streaming_ReturnsUpstreamSseByteForByteEndingInDone()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);
        const string options = ",\"stream_options\":{\"include_usage\":true}";

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OpenAIAssert.Chat("fake/fake-model", true, options)), Cancel);
        var direct = await CallUpstreamDirectlyAsync(OpenAIAssert.Chat("fake-model", true, options));
        var relayed = await response.Content.ReadAsByteArrayAsync(Cancel);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Encoding.UTF8.GetString(direct), Encoding.UTF8.GetString(relayed));
        Assert.EndsWith("data: [DONE]\n\n", Encoding.UTF8.GetString(relayed), StringComparison.Ordinal);
        Assert.Contains("\"choices\":[],\"usage\":{\"prompt_tokens\":19", Encoding.UTF8.GetString(relayed), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_StreamingToolCalls_RelaysEveryDeltaUnchanged()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OpenAIAssert.Chat("fake/fake-tools", true)), Cancel);
        var relayed = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(Encoding.UTF8.GetString(await CallUpstreamDirectlyAsync(OpenAIAssert.Chat("fake-tools", true))), relayed);
        Assert.Contains("\"tool_calls\":[{\"index\":1,\"id\":\"call_time0002\"", relayed, StringComparison.Ordinal);
        Assert.Contains("\"finish_reason\":\"tool_calls\"", relayed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_Streaming_FirstChunkArrivesBeforeUpstreamFinishes()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = OpenAIAssert.Json(OpenAIAssert.Chat("fake/fake-slow", true)) };

        // The slow upstream never finishes: reading its first event proves the gateway does not buffer.
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Cancel);
        await using var body = await response.Content.ReadAsStreamAsync(Cancel);
        using var reader = new StreamReader(body);
        var firstLine = await reader.ReadLineAsync(Cancel).AsTask().WaitAsync(TimeSpan.FromSeconds(30), Cancel);

        Assert.StartsWith("data: {\"id\":\"chatcmpl-fake0001\"", firstLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ClientDisconnectsMidStream_CancelsUpstreamCall()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = OpenAIAssert.Json(OpenAIAssert.Chat("fake/fake-slow", true)) };
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Cancel);
        var body = await response.Content.ReadAsStreamAsync(Cancel);
        await body.ReadExactlyAsync(new byte[6], Cancel);

        await body.DisposeAsync();
        response.Dispose();
        client.Dispose();

        await fixture.Upstream.SlowStreamAborted.WaitAsync(TimeSpan.FromSeconds(30), Cancel);
    }

    [Fact]
    public async Task Post_UpstreamDropsMidStream_EndsWithOpenAIErrorEvent()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = OpenAIAssert.Json(OpenAIAssert.Chat("fake/fake-broken", true)) };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Cancel);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Cancel));
        var first = await reader.ReadLineAsync(Cancel).AsTask().WaitAsync(TimeSpan.FromSeconds(30), Cancel);

        fixture.Upstream.BreakStreams();
        var rest = await reader.ReadToEndAsync(Cancel).WaitAsync(TimeSpan.FromSeconds(30), Cancel);

        Assert.StartsWith("data: {\"id\":\"chatcmpl-fake0001\"", first, StringComparison.Ordinal);
        Assert.Equal("\ndata: {\"error\":{\"message\":\"The provider's stream ended unexpectedly.\",\"type\":\"upstream_error\",\"param\":null,\"code\":\"upstream_stream_broken\"}}\n\n", rest);
    }

    private async Task<byte[]> CallUpstreamDirectlyAsync(string body)
    {
        using var upstream = new HttpClient();
        upstream.DefaultRequestHeaders.Authorization = new("Bearer", FakeOpenAIUpstream.ApiKey);
        using var response = await upstream.PostAsync(fixture.Upstream.BaseUrl + "/chat/completions", OpenAIAssert.Json(body), Cancel);
        return await response.Content.ReadAsByteArrayAsync(Cancel);
    }
}
