using System.Text.Json;
using Hub.Gateway.Tests.Governance;
using Hub.Testing;
using Hub.Testing.Fakes;

namespace Hub.Gateway.Tests.Providers.Anthropic;

/// <summary>The real gateway with provider <c>anthropic</c> pointed at <see cref="FakeAnthropicUpstream"/>: answers, streams, tools, images.</summary>
public sealed class AnthropicGatewayTests(GatewayFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    private const string Tools = """
        ,"tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}},
                  {"type":"function","function":{"name":"get_time","parameters":{"type":"object","properties":{"tz":{"type":"string"}}}}}]
        """;

    private async Task<(HttpResponseMessage Response, string Body)> PostAsync(string body, bool imagesAllowed = false)
    {
        var tenant = imagesAllowed ? await fixture.NewTenantAllowingImagesAsync() : await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);
        var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(body), Cancel);
        return (response, await response.Content.ReadAsStringAsync(Cancel));
    }

    private static string Chat(string model, string messages, string extra = "") => $$"""{"model":"anthropic/{{model}}","messages":{{messages}}{{extra}}}""";

    private static List<JsonElement> Chunks(string sse)
    {
        var events = sse.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("data: [DONE]", events[^1]);
        return [.. events[..^1].Select(e => JsonDocument.Parse(e["data: ".Length..]).RootElement)];
    }

    [Fact]
    public async Task Post_NonStreaming_TranslatedAnswerValidAgainstTheSpec()
    {
        var (response, body) = await PostAsync(Chat(FakeAnthropicUpstream.Models.Text, """[{"role":"system","content":"Be brief."},{"role":"user","content":"Say hello (non-streamed)"}]"""));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty((await OpenAISpec.GetAsync()).Validate("CreateChatCompletionResponse", body));
        var root = JsonDocument.Parse(body).RootElement;
        Assert.Equal(FakeAnthropicUpstream.MessageId, root.GetProperty("id").GetString());
        Assert.Equal(FakeAnthropicUpstream.Models.Text, root.GetProperty("model").GetString());
        Assert.Equal(FakeAnthropicUpstream.Reply, root.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("stop", root.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal("""{"prompt_tokens":19,"completion_tokens":7,"total_tokens":26,"prompt_tokens_details":{"cached_tokens":4},"completion_tokens_details":{"reasoning_tokens":0}}""",
            root.GetProperty("usage").GetRawText());
    }

    [Fact]
    public async Task Post_NonStreaming_AnthropicReceivedTheTranslatedRequestWithItsHeaders()
    {
        await PostAsync(Chat(FakeAnthropicUpstream.Models.Text, """[{"role":"system","content":"Be brief."},{"role":"user","content":"Say hello (headers)"}]""", ""","temperature":1.5"""));

        var received = fixture.Anthropic.Last("Say hello (headers)");
        Assert.Equal((FakeAnthropicUpstream.ApiKey, "2023-06-01", "", "application/json"), (received.ApiKey, received.Version, received.Authorization, received.ContentType));
        Assert.Equal(
            """{"model":"claude-fake","max_tokens":4096,"system":[{"type":"text","text":"Be brief."}],"messages":[{"role":"user","content":[{"type":"text","text":"Say hello (headers)"}]}],"temperature":1}""",
            received.BodyText);
    }

    [Fact]
    public async Task Post_Streaming_ChunksValidAgainstTheSpecWithUsageWhenAsked()
    {
        var spec = await OpenAISpec.GetAsync();
        var (response, sse) = await PostAsync(Chat(FakeAnthropicUpstream.Models.Text, """[{"role":"user","content":"Say hello"}]""", ""","stream":true,"stream_options":{"include_usage":true}"""));

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("event:", sse, StringComparison.Ordinal);
        var chunks = Chunks(sse);
        Assert.All(chunks, chunk => Assert.Empty(spec.Validate("CreateChatCompletionStreamResponse", chunk.GetRawText())));
        Assert.All(chunks, chunk => Assert.Equal(FakeAnthropicUpstream.MessageId, chunk.GetProperty("id").GetString()));
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        Assert.Equal(FakeAnthropicUpstream.Reply, string.Concat(chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0)
            .Select(c => c.GetProperty("choices")[0].GetProperty("delta")).Where(d => d.TryGetProperty("content", out _)).Select(d => d.GetProperty("content").GetString())));
        Assert.Equal("stop", chunks[^2].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(26, chunks[^1].GetProperty("usage").GetProperty("total_tokens").GetInt32());
        Assert.Equal(0, chunks[^1].GetProperty("choices").GetArrayLength());
    }

    [Fact]
    public async Task Post_StreamingWithoutIncludeUsage_NoUsageChunk()
    {
        var (_, sse) = await PostAsync(Chat(FakeAnthropicUpstream.Models.Text, """[{"role":"user","content":"Say hello"}]""", ""","stream":true"""));

        Assert.DoesNotContain("usage", sse, StringComparison.Ordinal);
        Assert.Equal("stop", Chunks(sse)[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Post_Tools_TwoParallelCallsThenAnAnswerFromTheResults()
    {
        var (_, first) = await PostAsync(Chat(FakeAnthropicUpstream.Models.Tools, """[{"role":"user","content":"Weather and time in Paris?"}]""", Tools));
        var message = JsonDocument.Parse(first).RootElement.GetProperty("choices")[0].GetProperty("message");
        var calls = message.GetProperty("tool_calls");

        Assert.Equal(FakeAnthropicUpstream.ToolPreamble, message.GetProperty("content").GetString());
        Assert.Equal([FakeAnthropicUpstream.WeatherCallId, FakeAnthropicUpstream.TimeCallId], calls.EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Equal("""{"city":"Paris"}""", calls[0].GetProperty("function").GetProperty("arguments").GetString());

        var history = $$"""
            [{"role":"user","content":"Weather and time in Paris?"},
             {"role":"assistant","content":{{JsonSerializer.Serialize(FakeAnthropicUpstream.ToolPreamble)}},"tool_calls":{{calls.GetRawText()}}},
             {"role":"tool","tool_call_id":"{{FakeAnthropicUpstream.WeatherCallId}}","content":"sunny"},
             {"role":"tool","tool_call_id":"{{FakeAnthropicUpstream.TimeCallId}}","content":"late"}]
            """;
        var (response, second) = await PostAsync(Chat(FakeAnthropicUpstream.Models.Tools, history, Tools));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(FakeAnthropicUpstream.ToolAnswer, JsonDocument.Parse(second).RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        var turns = fixture.Anthropic.Last(FakeAnthropicUpstream.TimeCallId).Json.GetProperty("messages");
        Assert.Equal(
            $$"""{"role":"user","content":[{"type":"tool_result","tool_use_id":"{{FakeAnthropicUpstream.WeatherCallId}}","content":"sunny"},{"type":"tool_result","tool_use_id":"{{FakeAnthropicUpstream.TimeCallId}}","content":"late"}]}""",
            turns[2].GetRawText());
    }

    [Fact]
    public async Task Post_StreamingTools_TwoCallsAssembleFromFragments()
    {
        var (_, sse) = await PostAsync(Chat(FakeAnthropicUpstream.Models.Tools, """[{"role":"user","content":"Weather?"}]""", Tools + ""","stream":true"""));
        var deltas = Chunks(sse).SelectMany(c => c.GetProperty("choices")[0].GetProperty("delta").TryGetProperty("tool_calls", out var calls) ? calls.EnumerateArray() : []).ToList();

        Assert.Equal([0, 1], deltas.Where(d => d.TryGetProperty("id", out _)).Select(d => d.GetProperty("index").GetInt32()));
        Assert.Equal("""{"city": "Paris"}""", string.Concat(deltas.Where(d => d.GetProperty("index").GetInt32() == 0).Select(d => d.GetProperty("function").GetProperty("arguments").GetString())));
        Assert.Equal("""{"tz": "CET"}""", string.Concat(deltas.Where(d => d.GetProperty("index").GetInt32() == 1).Select(d => d.GetProperty("function").GetProperty("arguments").GetString())));
        Assert.Equal("tool_calls", Chunks(sse)[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Post_ImageDataUrl_AnthropicReceivedABase64ImageBlock()
    {
        var (response, _) = await PostAsync(Chat(FakeAnthropicUpstream.Models.Text,
            $$$$"""[{"role":"user","content":[{"type":"text","text":"Describe this picture"},{"type":"image_url","image_url":{"url":"data:image/png;base64,{{{{Png}}}}"}}]}]"""));

        Assert.Equal(200, (int)response.StatusCode);
        var content = fixture.Anthropic.Last("Describe this picture").Json.GetProperty("messages")[0].GetProperty("content");
        Assert.Equal($$$$"""{"type":"image","source":{"type":"base64","media_type":"image/png","data":"{{{{Png}}}}"}}""", content[1].GetRawText());
    }

    [Fact]
    public async Task Post_ImageTypeAnthropicRefuses_400BeforeAnyUpstreamCall()
    {
        var before = fixture.Anthropic.Requests.Count;

        var (response, _) = await PostAsync(Chat(FakeAnthropicUpstream.Models.Text,
            """[{"role":"user","content":[{"type":"text","text":"Describe the bitmap"},{"type":"image_url","image_url":{"url":"data:image/bmp;base64,Qk0="}}]}]"""), imagesAllowed: true);

        await OpenAIAssert.ErrorAsync(response, 400, "invalid_request_error", "invalid_value");
        Assert.DoesNotContain(fixture.Anthropic.Requests.Skip(before), r => r.BodyText.Contains("Describe the bitmap", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_ResponseFormatJsonSchema_TheJsonIsTheContent()
    {
        var (_, body) = await PostAsync(Chat(FakeAnthropicUpstream.Models.Text, """[{"role":"user","content":"City as JSON"}]""",
            ""","response_format":{"type":"json_schema","json_schema":{"name":"city","schema":{"type":"object","properties":{"city":{"type":"string"}}}}}"""));
        var choice = JsonDocument.Parse(body).RootElement.GetProperty("choices")[0];

        Assert.Equal(FakeAnthropicUpstream.ForcedInput, choice.GetProperty("message").GetProperty("content").GetString());
        Assert.False(choice.GetProperty("message").TryGetProperty("tool_calls", out _));
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Post_NGreaterThanOne_RefusedAsUnsupported()
    {
        var (response, _) = await PostAsync(Chat(FakeAnthropicUpstream.Models.Text, """[{"role":"user","content":"Two please"}]""", ""","n":2"""));

        var error = await OpenAIAssert.ErrorAsync(response, 400, "invalid_request_error", "unsupported_parameter");
        Assert.Equal("n", error.GetProperty("param").GetString());
    }
}
