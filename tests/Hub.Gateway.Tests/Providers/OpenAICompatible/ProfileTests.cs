using System.Text.Json;
using Hub.Core.Tenancy;
using Hub.Gateway.Tests.Routing;
using Hub.Testing;

namespace Hub.Gateway.Tests.Providers.OpenAICompatible;

/// <summary>Each OpenAI-compatible provider's documented deviation, through the gateway, against the fake playing that provider.</summary>
public sealed class ProfileTests(GatewayFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("together/fake-model", "stop")]
    [InlineData("mistral/fake-length", "length")]
    public async Task Post_ProviderOwnFinishReason_ClientSeesOpenAIs(string model, string expected)
    {
        using var client = await ClientAsync();

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OpenAIAssert.Chat(model)), Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(expected, JsonDocument.Parse(body).RootElement.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.Empty((await OpenAISpec.GetAsync()).Validate("CreateChatCompletionResponse", body));
    }

    [Fact]
    public async Task Post_TogetherStream_LastChunkSaysStopAndEveryChunkFitsTheSpec()
    {
        using var client = await ClientAsync();

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OpenAIAssert.Chat("together/fake-model", stream: true)), Cancel);
        var events = Events(await response.Content.ReadAsStringAsync(Cancel));

        Assert.Equal("[DONE]", events[^1]);
        Assert.DoesNotContain(events, e => e.Contains("\"eos\"", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Contains("\"finish_reason\":\"stop\"", StringComparison.Ordinal));
        var spec = await OpenAISpec.GetAsync();
        Assert.All(events[..^1], e => Assert.Empty(spec.Validate("CreateChatCompletionStreamResponse", e)));
    }

    [Fact]
    public async Task Post_MistralWithOpenAIToolCallIds_IdsRewrittenConsistentlyAndAccepted()
    {
        using var client = await ClientAsync();
        const string body = """
            {"model":"mistral/fake-tools","messages":[
              {"role":"user","content":"Weather and time in Paris?"},
              {"role":"assistant","content":null,"tool_calls":[
                {"id":"call_weather01","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},
                {"id":"abcDEF123","type":"function","function":{"name":"get_time","arguments":"{}"}}]},
              {"role":"tool","tool_call_id":"call_weather01","content":"sunny"},
              {"role":"tool","tool_call_id":"abcDEF123","content":"12:00"}]}
            """;

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(body), Cancel);

        Assert.Equal(200, (int)response.StatusCode);
        var sent = JsonDocument.Parse(fixture.Upstream.Requests.Last(r => r.Provider == "mistral" && r.BodyText.Contains("abcDEF123", StringComparison.Ordinal)).BodyText).RootElement;
        var messages = sent.GetProperty("messages");
        var rewritten = messages[1].GetProperty("tool_calls")[0].GetProperty("id").GetString()!;
        Assert.Matches("^[a-zA-Z0-9]{9}$", rewritten);
        Assert.Equal(rewritten, messages[2].GetProperty("tool_call_id").GetString());
        Assert.Equal("abcDEF123", messages[1].GetProperty("tool_calls")[1].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Post_OpenRouterStream_CommentLinesDroppedAndBytesOtherwiseKept()
    {
        using var client = await ClientAsync();

        using var response = await client.PostAsync("/v1/chat/completions",
            OpenAIAssert.Json(OpenAIAssert.Chat("openrouter/fake-model", stream: true, ",\"stream_options\":{\"include_usage\":true}")), Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);

        Assert.DoesNotContain("OPENROUTER PROCESSING", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\n\n\n", body, StringComparison.Ordinal);
        Assert.StartsWith("data: {", body, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", body, StringComparison.Ordinal);
        Assert.Contains("\"usage\":{\"prompt_tokens\":19", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_OpenRouterErrorAfterStart_ClientGetsAnOpenAIErrorEventWithAStringCode()
    {
        using var client = await ClientAsync();

        using var response = await client.PostAsync("/v1/chat/completions",
            OpenAIAssert.Json(OpenAIAssert.Chat($"openrouter/{FakeOpenAIUpstream.Models.MidStreamError}", stream: true)), Cancel);
        var events = Events(await response.Content.ReadAsStringAsync(Cancel));

        var error = JsonDocument.Parse(events[^1]).RootElement.GetProperty("error");
        Assert.Equal("502", error.GetProperty("code").GetString());
        Assert.Equal("Provider returned error", error.GetProperty("message").GetString());
        Assert.Equal("upstream_error", error.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
    }

    [Theory]
    [InlineData(".e400", 400, "invalid_request_error", "400")]
    [InlineData(".e403", 403, "permission_error", "403")]
    [InlineData(".e402", 502, "upstream_error", "provider_out_of_credit")]
    public async Task Post_OpenRouterErrors_InOpenAIShape(string outcome, int status, string type, string code)
    {
        using var client = await ClientAsync();

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OpenAIAssert.Chat($"openrouter/anything{outcome}")), Cancel);

        await OpenAIAssert.ErrorAsync(response, status, type, code);
    }

    [Fact]
    public async Task Post_OpenRouterForARestrictedProject_CarriesHubsRestrictions()
    {
        var key = await RoutingScenario.ProjectKeyAsync(fixture, await fixture.NewTenantAsync(),
            new NewProject("via-openrouter", AllowedProviders: ["openrouter", "groq", "gemini"]));
        using var client = fixture.CreateClient(key);
        var marker = Guid.NewGuid().ToString("N");

        using var response = await client.PostAsync("/v1/chat/completions",
            OpenAIAssert.Json($$$"""{"model":"openrouter/fake-model","messages":[{"role":"user","content":"{{{marker}}}"}],"provider":{"only":["openrouter"]}}"""), Cancel);

        Assert.Equal(200, (int)response.StatusCode);
        var sent = JsonDocument.Parse(fixture.Upstream.Requests.Single(r => r.BodyText.Contains(marker, StringComparison.Ordinal)).BodyText).RootElement;
        var provider = sent.GetProperty("provider");
        Assert.Equal(["google-ai-studio", "groq"], provider.GetProperty("only").EnumerateArray().Select(slug => slug.GetString()).Order());
        Assert.False(provider.GetProperty("allow_fallbacks").GetBoolean());
        Assert.Equal("deny", provider.GetProperty("data_collection").GetString());
    }

    [Fact]
    public async Task Post_Azure_DeploymentInThePathKeyInApiKeyHeader()
    {
        using var client = await ClientAsync();

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OpenAIAssert.Chat("azure/my-gpt4o-deployment")), Cancel);

        Assert.Equal(200, (int)response.StatusCode);
        var received = fixture.Upstream.Requests.Last(r => r.Provider == "azure");
        Assert.Equal("/azure/openai/deployments/my-gpt4o-deployment/chat/completions?api-version=2024-10-21", received.PathAndQuery);
        Assert.Equal(FakeOpenAIUpstream.ApiKey, received.ApiKeyHeader);
        Assert.Equal("", received.Authorization);
    }

    private async Task<HttpClient> ClientAsync() => fixture.CreateClient((await fixture.NewTenantAsync()).ProjectKey);

    private static List<string> Events(string sse) =>
        [.. sse.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e => e.StartsWith("data: ", StringComparison.Ordinal) ? e[6..] : e)];
}
