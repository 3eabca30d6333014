using System.Text;
using System.Text.Json;
using Hub.Gateway.Tests.Governance;
using Hub.Testing;
using Hub.Testing.Fakes;

namespace Hub.Gateway.Tests.Providers.Bedrock;

/// <summary>
/// The real gateway with the fake Bedrock as provider <c>bedrock</c>: answers translated to OpenAI's
/// format and valid against its spec, what Bedrock received (signed path and headers, Converse body),
/// and Bedrock's errors as the client sees them.
/// </summary>
public sealed class BedrockGatewayTests(GatewayFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    [Fact]
    public async Task Post_NonStreamed_OpenAICompletionAndSignedConverseCall()
    {
        var nonce = Nonce();

        var (response, body) = await PostAsync($"bedrock/{FakeBedrockUpstream.Models.Text}", $"Say hello {nonce}");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty((await OpenAISpec.GetAsync()).Validate("CreateChatCompletionResponse", body));
        using var json = JsonDocument.Parse(body);
        Assert.Matches("^chatcmpl-[0-9A-Za-z]{29}$", json.RootElement.GetProperty("id").GetString());
        Assert.Equal(FakeBedrockUpstream.Models.Text, json.RootElement.GetProperty("model").GetString());
        Assert.Equal(FakeBedrockUpstream.Reply, json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal(26, json.RootElement.GetProperty("usage").GetProperty("total_tokens").GetInt32());

        var received = Received(nonce);
        Assert.Equal("/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse", received.RawTarget);
        Assert.StartsWith($"AWS4-HMAC-SHA256 Credential={FakeBedrockUpstream.AccessKeyId}/", received.Headers["authorization"], StringComparison.Ordinal);
        Assert.Contains("/us-east-1/bedrock/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=", received.Headers["authorization"], StringComparison.Ordinal);
        Assert.Equal($$$$"""{"messages":[{"role":"user","content":[{"text":"Say hello {{{{nonce}}}}"}]}],"inferenceConfig":{"maxTokens":4096}}""", received.BodyText);
    }

    [Fact]
    public async Task Post_Streamed_SseChunksValidAgainstSpecWithUsageWhenAsked()
    {
        var nonce = Nonce();

        var (response, body) = await PostAsync($"bedrock/{FakeBedrockUpstream.Models.Text}", $"Stream {nonce}", ""","stream":true,"stream_options":{"include_usage":true}""");

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = await ChunksAsync(body);
        Assert.Equal(FakeBedrockUpstream.Reply, string.Concat(events.Select(Content)));
        Assert.Contains("\"finish_reason\":\"stop\"", events[^3], StringComparison.Ordinal);
        Assert.Equal(26, JsonDocument.Parse(events[^2]).RootElement.GetProperty("usage").GetProperty("total_tokens").GetInt32());
        Assert.Equal("[DONE]", events[^1]);
        Assert.Equal("/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse-stream", Received(nonce).RawTarget);
    }

    [Fact]
    public async Task Post_ToolsRoundTrip_CallsThenAnswersWithMergedToolResultTurn()
    {
        var nonce = Nonce();
        const string Tools = ""","tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}},{"type":"function","function":{"name":"get_time"}}]""";

        var (_, first) = await PostAsync($"bedrock/{FakeBedrockUpstream.Models.Tools}", $"Weather {nonce}", Tools);
        using var call = JsonDocument.Parse(first);
        var message = call.RootElement.GetProperty("choices")[0].GetProperty("message");
        Assert.Equal("tool_calls", call.RootElement.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal("""{"city":"Paris"}""", message.GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString());

        var history = $$$$"""
            ,"messages":[{"role":"user","content":"Weather {{{{nonce}}}}"},{{{{message.GetRawText()}}}},
              {"role":"tool","tool_call_id":"tooluse_weather01","content":"{\"sky\":\"sunny\"}"},{"role":"tool","tool_call_id":"tooluse_time0002","content":""},
              {"role":"user","content":"Thanks"}]
            """;
        var (response, second) = await PostAsync($"bedrock/{FakeBedrockUpstream.Models.Tools}", null, Tools + history);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(FakeBedrockUpstream.ToolAnswer, JsonDocument.Parse(second).RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        var sent = fixture.Bedrock.Requests.Last(r => r.BodyText.Contains(nonce, StringComparison.Ordinal) && r.BodyText.Contains("toolResult", StringComparison.Ordinal)).Json;
        Assert.Equal("""{"role":"user","content":[{"toolResult":{"toolUseId":"tooluse_weather01","content":[{"text":"{\"sky\":\"sunny\"}"}]}},{"toolResult":{"toolUseId":"tooluse_time0002","content":[]}},{"text":"Thanks"}]}""",
            sent.GetProperty("messages")[2].GetRawText());
    }

    [Fact]
    public async Task Post_StreamedToolCalls_TwoIndexedCallsAndToolCallsFinish()
    {
        var (_, body) = await PostAsync($"bedrock/{FakeBedrockUpstream.Models.Tools}", $"Weather {Nonce()}", ""","stream":true,"tools":[{"type":"function","function":{"name":"get_weather"}}]""");

        var events = await ChunksAsync(body);
        Assert.Contains(events, e => e.Contains("\"tool_calls\":[{\"index\":1,\"id\":\"tooluse_time0002\",\"type\":\"function\",\"function\":{\"name\":\"get_time\",\"arguments\":\"\"}}]", StringComparison.Ordinal));
        Assert.Contains("\"finish_reason\":\"tool_calls\"", events[^2], StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => e.Contains("\"choices\":[]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_DataUrlImage_SentAsImageBlock()
    {
        var nonce = Nonce();
        var content = $$$$"""[{"type":"text","text":"Describe {{{{nonce}}}}"},{"type":"image_url","image_url":{"url":"data:image/png;base64,{{{{Png}}}}"}}]""";

        var (response, _) = await PostAsync($"bedrock/{FakeBedrockUpstream.Models.Text}", null, $$$$""","messages":[{"role":"user","content":{{{{content}}}}}]""");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal($$$$"""{"image":{"format":"png","source":{"bytes":"{{{{Png}}}}"}}}""", Received(nonce).Json.GetProperty("messages")[0].GetProperty("content")[1].GetRawText());
    }

    [Fact]
    public async Task Post_RemoteImageUrl_400AskingForADataUrlWithoutCallingBedrock()
    {
        var nonce = Nonce();
        var content = $$$$"""[{"type":"text","text":"Describe {{{{nonce}}}}"},{"type":"image_url","image_url":{"url":"https://example.com/cat.png"}}]""";

        var (response, body) = await PostAsync($"bedrock/{FakeBedrockUpstream.Models.Text}", null, $$$$""","messages":[{"role":"user","content":{{{{content}}}}}]""", imagesAllowed: true);

        var error = await OpenAIAssert.ErrorAsync(response, 400, "invalid_request_error", "invalid_value");
        Assert.Contains("data URL", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Bedrock.Requests, r => r.BodyText.Contains(nonce, StringComparison.Ordinal));
        Assert.NotEmpty(body);
    }

    [Fact]
    public async Task Post_ResponseFormatJsonSchema_ContentIsTheForcedToolsJson()
    {
        var (_, body) = await PostAsync($"bedrock/{FakeBedrockUpstream.Models.Text}", $"Weather {Nonce()}",
            ""","response_format":{"type":"json_schema","json_schema":{"name":"weather","schema":{"type":"object","properties":{"city":{"type":"string"}}}}}""");

        var choice = JsonDocument.Parse(body).RootElement.GetProperty("choices")[0];
        Assert.Equal(FakeBedrockAnswers.ForcedInput, choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
    }

    [Theory]
    [InlineData("bedrock-sts", "x-amz-security-token", FakeBedrockUpstream.SessionToken)]
    [InlineData("bedrock-apikey", "authorization", "Bearer " + FakeBedrockUpstream.ApiKey)]
    public async Task Post_OtherCredentials_Accepted(string provider, string header, string value)
    {
        var nonce = Nonce();

        var (response, _) = await PostAsync($"{provider}/{FakeBedrockUpstream.Models.Text}", $"Hi {nonce}");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(value, Received(nonce).Headers[header]);
    }

    [Fact]
    public async Task Post_ArnModelId_SlashAndColonsEncodedAndSigned()
    {
        var nonce = Nonce();

        var (response, _) = await PostAsync($"bedrock/{FakeBedrockUpstream.Models.Arn}", $"Hi {nonce}");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus.anthropic.claude-fake-v1%3A0/converse", Received(nonce).RawTarget);
    }

    [Theory]
    [InlineData(FakeBedrockUpstream.Models.Error400, 400, "invalid_request_error", null)]
    [InlineData(FakeBedrockUpstream.Models.Error403, 502, "upstream_error", "provider_auth_failed")]
    [InlineData(FakeBedrockUpstream.Models.Error404, 404, "invalid_request_error", "model_not_found")]
    [InlineData(FakeBedrockUpstream.Models.Error408, 504, "upstream_error", "upstream_timeout")]
    [InlineData(FakeBedrockUpstream.Models.Error424, 502, "upstream_error", "upstream_error")]
    [InlineData(FakeBedrockUpstream.Models.Error429, 429, "requests", "rate_limit_exceeded")]
    [InlineData(FakeBedrockUpstream.Models.Error500, 502, "upstream_error", "upstream_error")]
    [InlineData(FakeBedrockUpstream.Models.Error503, 503, "upstream_error", "upstream_overloaded")]
    public async Task Post_BedrockError_MappedStatus(string model, int status, string type, string? code)
    {
        var (response, _) = await PostAsync($"bedrock/{model}", $"Hi {Nonce()}");

        await OpenAIAssert.ErrorAsync(response, status, type, code);
    }

    [Fact]
    public async Task Post_WrongSecret_FakeRefusesSignatureAnd502WithoutBedrocksText()
    {
        var (response, body) = await PostAsync($"bedrock-badsecret/{FakeBedrockUpstream.Models.Text}", $"Hi {Nonce()}");

        await OpenAIAssert.ErrorAsync(response, 502, "upstream_error", "provider_auth_failed");
        Assert.DoesNotContain("signature", body, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(FakeBedrockUpstream.Models.StreamThrottled, "rate_limit_exceeded")]
    [InlineData(FakeBedrockUpstream.Models.StreamCorrupt, "upstream_stream_broken")]
    [InlineData(FakeBedrockUpstream.Models.StreamTruncated, "upstream_stream_broken")]
    public async Task Post_StreamBreaksAfterStart_ErrorEventAndNoDone(string model, string code)
    {
        var (response, body) = await PostAsync($"bedrock/{model}", $"Hi {Nonce()}", ""","stream":true""");

        Assert.Equal(200, (int)response.StatusCode);
        var events = await ChunksAsync(body);
        Assert.Equal(code, JsonDocument.Parse(events[^1]).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.DoesNotContain("[DONE]", events);
    }

    private static string Nonce() => "n" + Guid.NewGuid().ToString("N")[..12];

    private BedrockRecordedRequest Received(string nonce) => fixture.Bedrock.Requests.Last(r => r.BodyText.Contains(nonce, StringComparison.Ordinal));

    /// <param name="prompt">One user message; null when <paramref name="extra"/> carries the messages.</param>
    private async Task<(HttpResponseMessage Response, string Body)> PostAsync(string model, string? prompt, string extra = "", bool imagesAllowed = false)
    {
        var tenant = imagesAllowed ? await fixture.NewTenantAllowingImagesAsync() : await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);
        var messages = prompt is null ? "" : $$$$""","messages":[{"role":"user","content":{{{{JsonSerializer.Serialize(prompt)}}}}}]""";
        var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json($$$$"""{"model":{{{{JsonSerializer.Serialize(model)}}}}{{{{messages}}}}{{{{extra}}}}}"""), Cancel);
        return (response, await response.Content.ReadAsStringAsync(Cancel));
    }

    /// <summary>The <c>data:</c> payloads of an SSE body, each chunk validated against OpenAI's spec.</summary>
    private static async Task<List<string>> ChunksAsync(string body)
    {
        var spec = await OpenAISpec.GetAsync();
        var events = new List<string>();
        foreach (var block in body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.StartsWith("data: ", block, StringComparison.Ordinal);
            var data = block[6..];
            if (data != "[DONE]" && !data.StartsWith("{\"error\"", StringComparison.Ordinal))
            {
                Assert.Empty(spec.Validate("CreateChatCompletionStreamResponse", data));
            }

            events.Add(data);
        }

        return events;
    }

    private static string Content(string data) =>
        data != "[DONE]" && JsonDocument.Parse(data).RootElement.GetProperty("choices") is { } choices && choices.GetArrayLength() > 0
            && choices[0].GetProperty("delta").TryGetProperty("content", out var content)
            ? content.GetString() ?? ""
            : "";
}
