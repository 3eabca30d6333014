using System.Text.Json;
using Hub.Gateway.Tests.Governance;
using Hub.Testing;
using Hub.Testing.Fakes;

namespace Hub.Gateway.Tests.Providers.Gemini;

/// <summary>The running gateway with provider <c>gemini</c> pointed at the fake Generative Language API.</summary>
public sealed class GeminiGatewayTests(GatewayFixture fixture)
{
    private const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
    private const string Tools = """
        "tools":[{"type":"function","function":{"name":"get_weather","strict":true,"parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}}},
                 {"type":"function","function":{"name":"get_time","parameters":{"type":"object","properties":{"tz":{"type":"string"}},"additionalProperties":false}}}]
        """;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_NonStreaming_SpecValidAnswerAndGoogleGotTheTranslatedRequest()
    {
        var (status, json) = await PostAsync("""
            {"model":"gemini/gemini-text","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Say hello, non-streamed."}],"temperature":0.5,"max_tokens":50}
            """);

        Assert.Equal(200, status);
        await AssertValidAsync("CreateChatCompletionResponse", json);
        var root = JsonDocument.Parse(json).RootElement;
        Assert.Matches("^chatcmpl-[0-9A-Za-z]{29}$", root.GetProperty("id").GetString());
        Assert.Equal("gemini-text-001", root.GetProperty("model").GetString());
        Assert.Equal(FakeGeminiUpstream.Reply, root.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("stop", root.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal((11, 7, 18), Usage(root));

        var received = Received("Say hello, non-streamed.");
        Assert.Equal(("gemini-text", "generateContent", "", FakeGeminiUpstream.ApiKey), (received.Model, received.Method, received.Query, received.ApiKey));
        Assert.Equal(
            """{"contents":[{"role":"user","parts":[{"text":"Say hello, non-streamed."}]}],"systemInstruction":{"parts":[{"text":"Be brief."}]},"generationConfig":{"temperature":0.5,"maxOutputTokens":50}}""",
            received.BodyText);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Post_Streaming_SpecValidChunksTextFinishAndUsageOnlyWhenAsked(bool includeUsage)
    {
        var prompt = $"Say hello, streamed {(includeUsage ? "with" : "without")} usage.";
        var options = includeUsage ? ",\"stream_options\":{\"include_usage\":true}" : "";
        var (status, body) = await PostAsync($$$"""{"model":"gemini/gemini-text","stream":true,"messages":[{"role":"user","content":"{{{prompt}}}"}]{{{options}}}}""");
        var chunks = await AssertValidStreamAsync(status, body);

        Assert.Equal(FakeGeminiUpstream.Reply, string.Concat(chunks.Select(c => c.TryGetProperty("choices", out var ch) && ch.GetArrayLength() > 0 && ch[0].GetProperty("delta").TryGetProperty("content", out var t) ? t.GetString() : "")));
        Assert.Equal("stop", chunks.Select(FinishReason).Single(f => f is not null));
        var usage = chunks.Where(c => c.TryGetProperty("usage", out var u) && u.ValueKind == JsonValueKind.Object).ToList();
        Assert.Equal(includeUsage ? 1 : 0, usage.Count);
        if (includeUsage)
        {
            Assert.Equal((11, 7, 18), Usage(usage[0]));
        }

        var received = Received(prompt);
        Assert.Equal(("streamGenerateContent", "?alt=sse", FakeGeminiUpstream.ApiKey), (received.Method, received.Query, received.ApiKey));
    }

    [Fact]
    public async Task Post_ToolsRoundTrip_CallsWithMintedIdsThenTheAnswerFromNamedFunctionResponses()
    {
        var (_, first) = await PostAsync($$$"""{"model":"gemini/gemini-tools","messages":[{"role":"user","content":"Weather and time here, round trip?"}],{{{Tools}}}}""");
        await AssertValidAsync("CreateChatCompletionResponse", first);
        var message = JsonDocument.Parse(first).RootElement.GetProperty("choices")[0].GetProperty("message");
        var calls = message.GetProperty("tool_calls");
        Assert.Equal(JsonValueKind.Null, message.GetProperty("content").ValueKind);
        Assert.Equal(["get_weather", "get_time"], calls.EnumerateArray().Select(c => c.GetProperty("function").GetProperty("name").GetString()));
        Assert.Equal("""{"city":"Paris"}""", calls[0].GetProperty("function").GetProperty("arguments").GetString());
        Assert.All(calls.EnumerateArray(), c => Assert.Matches("^call_[0-9A-Za-z]{24}$", c.GetProperty("id").GetString()));

        var (status, second) = await PostAsync($$$"""
            {"model":"gemini/gemini-tools","messages":[{"role":"user","content":"Weather and time here, round trip?"},{{{message.GetRawText()}}},
              {"role":"tool","tool_call_id":"{{{calls[0].GetProperty("id").GetString()}}}","content":"{\"sky\":\"sunny\"}"},
              {"role":"tool","tool_call_id":"{{{calls[1].GetProperty("id").GetString()}}}","content":"no data"}],{{{Tools}}}}
            """);

        Assert.Equal(200, status);
        Assert.Equal(FakeGeminiUpstream.ToolAnswer, JsonDocument.Parse(second).RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        var received = fixture.Gemini.Requests.Last(r => r.BodyText.Contains("round trip?", StringComparison.Ordinal) && r.BodyText.Contains("functionResponse", StringComparison.Ordinal)).BodyText;
        Assert.Contains(
            """{"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"sky":"sunny"}}},{"functionResponse":{"name":"get_time","response":{"output":"no data"}}}]}""",
            received, StringComparison.Ordinal);
        Assert.Contains(
            "\"" + """tools":[{"functionDeclarations":[{"name":"get_weather","parameters":{"type":"OBJECT","properties":{"city":{"type":"STRING"}},"required":["city"]}},""",
            received, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_StreamingTools_OneDeltaPairPerCallIndexedAmongCalls()
    {
        var (status, body) = await PostAsync($$$"""{"model":"gemini/gemini-tools","stream":true,"messages":[{"role":"user","content":"Weather, streamed?"}],{{{Tools}}}}""");
        var chunks = await AssertValidStreamAsync(status, body);

        var deltas = chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0 && c.GetProperty("choices")[0].GetProperty("delta").TryGetProperty("tool_calls", out _))
            .Select(c => c.GetProperty("choices")[0].GetProperty("delta").GetProperty("tool_calls")[0]).ToList();
        Assert.Equal([0, 0, 1, 1], deltas.Select(d => d.GetProperty("index").GetInt32()));
        Assert.Equal("get_time", deltas[2].GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("""{"tz":"CET"}""", deltas[3].GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal("tool_calls", chunks.Select(FinishReason).Single(f => f is not null));
    }

    [Fact]
    public async Task Post_Images_DataUrlAsInlineDataHttpsUrlAsFileData()
    {
        var (status, _) = await PostAsync($$$"""
            {"model":"gemini/gemini-text","messages":[{"role":"user","content":[{"type":"text","text":"Compare these two images."},
              {"type":"image_url","image_url":{"url":"data:image/png;base64,{{{Png}}}"}},{"type":"image_url","image_url":{"url":"https://example.com/b.webp"}}]}]}
            """, imagesAllowed: true);

        Assert.Equal(200, status);
        Assert.Contains(
            $$$"""{"inlineData":{"mimeType":"image/png","data":"{{{Png}}}"}},{"fileData":{"mimeType":"image/webp","fileUri":"https://example.com/b.webp"}}""",
            Received("Compare these two images.").BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ThinkingModel_ThoughtsHiddenReasoningAndCachedTokensReported()
    {
        var (_, json) = await PostAsync("""{"model":"gemini/gemini-thinking","messages":[{"role":"user","content":"Please greet me warmly."}]}""");

        var root = JsonDocument.Parse(json).RootElement;
        Assert.Equal(FakeGeminiUpstream.Reply, root.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal((11, 12, 23), Usage(root));
        Assert.Equal(5, root.GetProperty("usage").GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt32());
        Assert.Equal(4, root.GetProperty("usage").GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32());
    }

    [Fact]
    public async Task Post_BlockedPrompt_ContentFilterWithNullContent()
    {
        var (status, json) = await PostAsync("""{"model":"gemini/gemini-blocked","messages":[{"role":"user","content":"Something Google blocks."}]}""");

        Assert.Equal(200, status);
        await AssertValidAsync("CreateChatCompletionResponse", json);
        var choice = JsonDocument.Parse(json).RootElement.GetProperty("choices")[0];
        Assert.Equal(("content_filter", JsonValueKind.Null), (choice.GetProperty("finish_reason").GetString(), choice.GetProperty("message").GetProperty("content").ValueKind));
    }

    [Theory]
    [InlineData("gemini/gemini-error-400", 400, "invalid_request_error", null)]
    [InlineData("gemini/gemini-error-404", 404, "invalid_request_error", "model_not_found")]
    [InlineData("gemini/gemini-error-429", 429, "requests", "rate_limit_exceeded")]
    [InlineData("gemini/gemini-error-500", 502, "upstream_error", "upstream_error")]
    [InlineData("gemini/gemini-error-503", 503, "upstream_error", "upstream_overloaded")]
    [InlineData("gemini/gemini-error-403", 502, "upstream_error", "provider_auth_failed")]
    [InlineData("gemini-badkey/gemini-text", 502, "upstream_error", "provider_auth_failed")]
    public async Task Post_UpstreamError_MappedStatusTypeAndCodeNeverTheKey(string model, int status, string type, string? code)
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OpenAIAssert.Chat(model)), Cancel);
        var error = await OpenAIAssert.ErrorAsync(response, status, type, code);

        Assert.DoesNotContain("AIza", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        await AssertValidAsync("ErrorResponse", JsonSerializer.Serialize(new { error }));
    }

    [Theory]
    [InlineData("gemini/gemini-midstream-error", "upstream_overloaded")]
    [InlineData("gemini/gemini-early-end", "upstream_stream_broken")]
    public async Task Post_StreamFailsAfterStart_EndsWithErrorEventNotDone(string model, string code)
    {
        var (status, body) = await PostAsync(OpenAIAssert.Chat(model, stream: true));

        Assert.Equal(200, status);
        var last = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)[^1];
        Assert.Equal(code, JsonDocument.Parse(last["data: ".Length..]).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.DoesNotContain("[DONE]", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"role":"user","content":"Refused before sending."}],"n":2""", "n")]
    [InlineData("""{"role":"user","content":"Refused before sending."},{"role":"tool","tool_call_id":"call_unknown","content":"x"}]""", "messages[1].tool_call_id")]
    public async Task Post_RequestGeminiCannotTake_400WithoutCallingGoogle(string messagesAndMore, string param)
    {
        var before = fixture.Gemini.Requests.Count(r => r.BodyText.Contains("Refused before sending.", StringComparison.Ordinal));
        var (status, json) = await PostAsync("""{"model":"gemini/gemini-text","messages":[""" + messagesAndMore + "}");

        Assert.Equal(400, status);
        Assert.Equal(param, JsonDocument.Parse(json).RootElement.GetProperty("error").GetProperty("param").GetString());
        Assert.Equal(before, fixture.Gemini.Requests.Count(r => r.BodyText.Contains("Refused before sending.", StringComparison.Ordinal)));
    }

    private async Task<(int Status, string Body)> PostAsync(string body, bool imagesAllowed = false)
    {
        var tenant = imagesAllowed ? await fixture.NewTenantAllowingImagesAsync() : await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);
        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(body), Cancel);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(Cancel));
    }

    private RecordedGeminiRequest Received(string prompt) => fixture.Gemini.Requests.Last(r => r.BodyText.Contains(prompt, StringComparison.Ordinal));

    private static (int Prompt, int Completion, int Total) Usage(JsonElement chunkOrCompletion)
    {
        var usage = chunkOrCompletion.GetProperty("usage");
        return (usage.GetProperty("prompt_tokens").GetInt32(), usage.GetProperty("completion_tokens").GetInt32(), usage.GetProperty("total_tokens").GetInt32());
    }

    private static string? FinishReason(JsonElement chunk) =>
        chunk.GetProperty("choices").GetArrayLength() > 0 ? chunk.GetProperty("choices")[0].GetProperty("finish_reason").GetString() : null;

    private static async Task<List<JsonElement>> AssertValidStreamAsync(int status, string body)
    {
        Assert.Equal(200, status);
        var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("data: [DONE]", events[^1]);
        var chunks = new List<JsonElement>();
        foreach (var e in events[..^1])
        {
            Assert.StartsWith("data: {", e, StringComparison.Ordinal);
            await AssertValidAsync("CreateChatCompletionStreamResponse", e["data: ".Length..]);
            chunks.Add(JsonDocument.Parse(e["data: ".Length..]).RootElement.Clone());
        }

        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        return chunks;
    }

    private static async Task AssertValidAsync(string schema, string json)
    {
        var violations = (await OpenAISpec.GetAsync()).Validate(schema, json);
        Assert.True(violations.Count == 0, $"Not valid per OpenAI's spec:\n  {string.Join("\n  ", violations)}\nBody:\n{json}");
    }
}
