using System.Net.Http.Headers;
using System.Text;

namespace Hub.Gateway.Tests.ChatCompletions;

public sealed class RequestValidationTests(GatewayFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string?> BadBodies => new()
    {
        { "{\"model\":\"fake/fake-model\",\"messages\":[", "invalid_request_error", null },
        { "not json", "invalid_request_error", null },
        { "[1,2]", "invalid_request_error", null },
        { "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "invalid_request_error", "missing_required_parameter" },
        { "{\"model\":\"fake/fake-model\"}", "invalid_request_error", "missing_required_parameter" },
        { "{\"model\":\"fake/fake-model\",\"messages\":[]}", "invalid_request_error", "empty_array" },
        { "{\"model\":42,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "invalid_request_error", "invalid_type" },
        { "{\"model\":\"fake/fake-model\",\"messages\":\"hi\"}", "invalid_request_error", "invalid_type" },
        { "{\"model\":\"fake/fake-model\",\"messages\":[{}],\"stream\":\"yes\"}", "invalid_request_error", "invalid_type" },
        { "{\"model\":\"fake/fake-model\",\"model\":\"fake/other\",\"messages\":[{}]}", "invalid_request_error", "duplicate_parameter" },
        { "{\"model\":\"fake/fake-model\",\"messages\":[{}]} {\"again\":1}", "invalid_request_error", null },
        { "", "invalid_request_error", null },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Post_BadBody_Answers400InOpenAIShape(string body, string type, string? code)
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(body), Cancel);

        await OpenAIAssert.ErrorAsync(response, 400, type, code);
    }

    [Fact]
    public async Task Post_InvalidUtf8_Answers400()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);
        byte[] body = [.. "{\"model\":\"fake/fake-model\",\"messages\":[{\"role\":\"user\",\"content\":\""u8, 0xC3, 0x28, .. "\"}]}"u8];
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await client.PostAsync("/v1/chat/completions", content, Cancel);

        var error = await OpenAIAssert.ErrorAsync(response, 400, "invalid_request_error", null);
        Assert.Contains("UTF-8", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nope/fake-model")]
    [InlineData("fake-model")]
    [InlineData("fake/")]
    [InlineData("listed/not-listed")]
    [InlineData("mock/other")]
    public async Task Post_UnknownModel_Answers404ModelNotFound(string model)
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(OpenAIAssert.Chat(model)), Cancel);

        var error = await OpenAIAssert.ErrorAsync(response, 404, "invalid_request_error", "model_not_found");
        Assert.Equal("model", error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task Post_BodyOverLimit_Answers413()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);
        var huge = OpenAIAssert.Chat("fake/fake-model").Replace("Say hello", new string('a', GatewayFixture.MaxBodyBytes), StringComparison.Ordinal);

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(huge), Cancel);

        await OpenAIAssert.ErrorAsync(response, 413, "invalid_request_error", "request_too_large");
    }

    [Fact]
    public async Task Post_ChunkedBodyOverLimit_Answers413()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);
        var huge = Encoding.UTF8.GetBytes(OpenAIAssert.Chat("fake/fake-model").Replace("Say hello", new string('a', GatewayFixture.MaxBodyBytes), StringComparison.Ordinal));
        using var content = new StreamContent(new MemoryStream(huge));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(request, Cancel);

        await OpenAIAssert.ErrorAsync(response, 413, "invalid_request_error", "request_too_large");
    }

    [Fact]
    public async Task Post_GzipBody_Answers415()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);
        using var content = OpenAIAssert.Json(OpenAIAssert.Chat("fake/fake-model"));
        content.Headers.ContentEncoding.Add("gzip");

        using var response = await client.PostAsync("/v1/chat/completions", content, Cancel);

        await OpenAIAssert.ErrorAsync(response, 415, "invalid_request_error", "unsupported_media_type");
    }

    [Fact]
    public async Task Post_FormBody_Answers415()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);
        using var content = new StringContent("model=x", Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await client.PostAsync("/v1/chat/completions", content, Cancel);

        await OpenAIAssert.ErrorAsync(response, 415, "invalid_request_error", "unsupported_media_type");
    }

    [Fact]
    public async Task Get_UnknownV1Path_Answers404InOpenAIShape()
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);

        using var response = await client.GetAsync("/v1/embeddingz", Cancel);

        await OpenAIAssert.ErrorAsync(response, 404, "invalid_request_error", null);
    }
}
