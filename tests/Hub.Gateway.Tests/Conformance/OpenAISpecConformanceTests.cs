using Hub.Testing;

namespace Hub.Gateway.Tests.Conformance;

/// <summary>
/// The gateway's own JSON, sent through the running gateway, validated against OpenAI's official
/// OpenAPI spec (<c>shared/openai/openapi.yaml</c>), so that any drift from the SDKs' contract fails here.
/// </summary>
public sealed class OpenAISpecConformanceTests(GatewayFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_EchoModel_BodyMatchesCreateChatCompletionResponse()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OpenAIAssert.Chat("mock/echo")), Cancel);

        Assert.Equal(200, (int)response.StatusCode);
        await AssertValidAsync("CreateChatCompletionResponse", await response.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task Post_EchoModelStreamingWithUsage_EveryChunkMatchesCreateChatCompletionStreamResponse()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);
        var body = OpenAIAssert.Chat("mock/echo", stream: true, extra: ",\"stream_options\":{\"include_usage\":true}");

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(body), Cancel);
        var events = (await response.Content.ReadAsStringAsync(Cancel)).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("data: [DONE]", events[^1]);
        Assert.True(events.Length >= 5, "expected role, content, finish and usage chunks before [DONE]");
        var spec = await OpenAISpec.GetAsync();
        var violations = events[..^1]
            .SelectMany((e, i) => e.StartsWith("data: ", StringComparison.Ordinal)
                ? spec.Validate("CreateChatCompletionStreamResponse", e["data: ".Length..]).Select(v => $"chunk {i}: {v}")
                : [$"chunk {i}: not a data line"]);
        AssertNone(violations.ToList(), string.Join("\n\n", events));
    }

    [Fact]
    public async Task List_Models_BodyMatchesListModelsResponse()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);

        using var response = await client.GetAsync("/v1/models", Cancel);

        Assert.Equal(200, (int)response.StatusCode);
        await AssertValidAsync("ListModelsResponse", await response.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task Get_EchoModel_BodyMatchesModel()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);

        using var response = await client.GetAsync("/v1/models/mock/echo", Cancel);

        Assert.Equal(200, (int)response.StatusCode);
        await AssertValidAsync("Model", await response.Content.ReadAsStringAsync(Cancel));
    }

    [Theory]
    [InlineData("no key", 401)]
    [InlineData("unknown model", 404)]
    [InlineData("unknown model GET", 404)]
    [InlineData("malformed JSON", 400)]
    [InlineData("too large", 413)]
    public async Task Send_GatewayError_BodyMatchesErrorResponse(string failure, int status)
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(failure == "no key" ? null : tenant.ProjectKey);
        using var request = failure switch
        {
            "no key" => Post(OpenAIAssert.Chat("mock/echo")),
            "unknown model" => Post(OpenAIAssert.Chat("nope/nothing")),
            "unknown model GET" => new HttpRequestMessage(HttpMethod.Get, "/v1/models/nope/nothing"),
            "malformed JSON" => Post("{\"model\":\"mock/echo\",\"messages\":["),
            "too large" => Post(OpenAIAssert.Chat("mock/echo").Replace("Say hello", new string('a', GatewayFixture.MaxBodyBytes), StringComparison.Ordinal)),
            _ => throw new ArgumentOutOfRangeException(nameof(failure)),
        };

        using var response = await client.SendAsync(request, Cancel);

        Assert.Equal(status, (int)response.StatusCode);
        await AssertValidAsync("ErrorResponse", await response.Content.ReadAsStringAsync(Cancel));
    }

    private static HttpRequestMessage Post(string body) =>
        new(HttpMethod.Post, "/v1/chat/completions") { Content = OpenAIAssert.Json(body) };

    private static async Task AssertValidAsync(string schema, string json)
    {
        var spec = await OpenAISpec.GetAsync();
        AssertNone(spec.Validate(schema, json), json);
    }

    /// <summary>Fails with every violation in full (Assert.Empty would cut each one short) and the offending body.</summary>
    private static void AssertNone(IReadOnlyList<string> violations, string body) =>
        Assert.True(violations.Count == 0, $"Not valid per OpenAI's spec:\n  {string.Join("\n  ", violations)}\nBody:\n{body}");
}
