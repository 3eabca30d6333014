using System.Text.Json;

using Hub.Gateway.Tests.Governance;

namespace Hub.Gateway.Tests.Providers;

public sealed class MockEchoProviderTests(GatewayFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_EchoModel_AnswersLastUserMessageWithUsage()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);
        const string body = """{"model":"mock/echo","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"first"},{"role":"assistant","content":"ok"},{"role":"user","content":"Echo this: ünïcødé ☕"}]}""";

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(body), Cancel);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        var root = json.RootElement;

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("chat.completion", root.GetProperty("object").GetString());
        Assert.Matches("^chatcmpl-[0-9A-Za-z]{29}$", root.GetProperty("id").GetString());
        var choice = Assert.Single(root.GetProperty("choices").EnumerateArray());
        Assert.Equal("Echo this: ünïcødé ☕", choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(JsonValueKind.Null, choice.GetProperty("logprobs").ValueKind);
        var usage = root.GetProperty("usage");
        Assert.Equal(7, usage.GetProperty("completion_tokens").GetInt32()); // 26 UTF-8 bytes / 4, rounded up
        Assert.Equal(usage.GetProperty("prompt_tokens").GetInt32() + 7, usage.GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task Post_EchoModelWithTextParts_JoinsThem()
    {
        var tenant = await fixture.NewTenantAllowingImagesAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);
        const string body = """{"model":"mock/echo","messages":[{"role":"user","content":[{"type":"text","text":"one"},{"type":"image_url","image_url":{"url":"https://x/y.png"}},{"type":"text","text":"two"}]}]}""";

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(body), Cancel);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));

        Assert.Equal("one\ntwo", json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
    }

    [Theory]
    [InlineData("""{"model":"mock/echo","messages":["not a message",42,null]}""")]
    [InlineData("""{"model":"mock/echo","messages":[{"role":"user","content":{"odd":true}}]}""")]
    public async Task Post_EchoModelOddMessages_AnswersEmptyInsteadOfFailing(string body)
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(body), Cancel);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("", json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public async Task Post_EchoModelStreaming_ChunksReassembleToTheMessageAndEndInDone()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);
        const string body = """{"model":"mock/echo","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"stream  me please"}]}""";

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(body), Cancel);
        var sse = await response.Content.ReadAsStringAsync(Cancel);
        var events = sse.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("data: [DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e["data: ".Length..]).RootElement).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.Single(chunks.Select(c => c.GetProperty("id").GetString()).Distinct());
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        var text = string.Concat(chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0)
            .Select(c => c.GetProperty("choices")[0].GetProperty("delta"))
            .Where(d => d.TryGetProperty("content", out _))
            .Select(d => d.GetProperty("content").GetString()));
        Assert.Equal("stream  me please", text);
        Assert.Equal("stop", chunks[^2].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(0, chunks[^1].GetProperty("choices").GetArrayLength());
        Assert.Equal(5, chunks[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.All(chunks[..^1], c => Assert.Equal(JsonValueKind.Null, c.GetProperty("usage").ValueKind));
    }

    [Fact]
    public async Task Post_EchoModelStreamingWithoutIncludeUsage_SendsNoUsage()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OpenAIAssert.Chat("mock/echo", stream: true)), Cancel);
        var sse = await response.Content.ReadAsStringAsync(Cancel);

        Assert.DoesNotContain("usage", sse, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", sse, StringComparison.Ordinal);
    }
}
