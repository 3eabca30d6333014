using System.Text.Json;
using Hub.IntegrationTests.Governance;
using Hub.Testing;

namespace Hub.IntegrationTests.OpenAINpm;

/// <summary>Runs compat.mjs once for the class: what each scenario observed, by name.</summary>
public sealed class NpmCompatRun(GatewayFixture fixture) : NpmScriptRun(fixture, "OpenAINpm/compat.mjs")
{
    /// <summary>The policy the redaction and blocking scenarios expect.</summary>
    protected override async Task ArrangeAsync(TestTenant tenant)
    {
        using var admin = Fixture.CreateAdminClient(tenant);
        await admin.SavePolicyAsync(tenant.ProjectId, """{"entities":{"US_SSN":"BLOCK"}}""");
    }

    /// <summary>Screenshots for the image scenarios: one with an SSN (blocked), one with an e-mail address (redacted in the pixels).</summary>
    protected override IReadOnlyDictionary<string, string> Settings() => new Dictionary<string, string>
    {
        ["HUB_SSN_IMAGE"] = Convert.ToBase64String(Hub.Testing.Images.TestImages.Render(["Patient chart", "SSN: 078-05-1120"], 600, 200).Bytes),
        ["HUB_EMAIL_IMAGE"] = Convert.ToBase64String(Hub.Testing.Images.TestImages.Render(["Contact", "Email: lee.park@example.com"], 600, 200).Bytes),
    };
}

/// <summary>The official <c>openai</c> npm package against the gateway; one Node run, one assertion group per scenario.</summary>
public sealed class OpenAINpmPackageTests(NpmCompatRun run) : IClassFixture<NpmCompatRun>
{
    private readonly JsonElement results = run.Results;

    [Fact]
    public void ChatCompletionsCreate_Redacted_TheModelSawThePlaceholderAndTheHeaderSaysWhy()
    {
        var result = results.GetProperty("redacted");

        Assert.Equal("Write to [EMAIL_ADDRESS] today.", result.GetProperty("content").GetString());
        Assert.Equal("EMAIL_ADDRESS", result.GetProperty("violations").GetString());
    }

    [Fact]
    public void ChatCompletionsCreate_Blocked_RaisesBadRequestErrorWithTheViolations()
    {
        var result = results.GetProperty("blocked");

        Assert.Equal("BadRequestError", result.GetProperty("threw").GetString());
        Assert.Equal(400, result.GetProperty("status").GetInt32());
        Assert.Equal("security_violation", result.GetProperty("type").GetString());
        Assert.Equal("Security policy violation: request blocked.", result.GetProperty("message").GetString());
        Assert.Equal(["US_SSN:BLOCK:0"], result.GetProperty("violations").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(result.GetProperty("header").GetString(), result.GetProperty("correlationId").GetString());
    }

    [Fact]
    public void ChatCompletionsCreate_ImageWithABlockedEntity_RaisesBadRequestErrorNamingTheImage()
    {
        var result = results.GetProperty("imageBlocked");

        Assert.Equal("BadRequestError", result.GetProperty("threw").GetString());
        Assert.Equal("security_violation", result.GetProperty("type").GetString());
        Assert.Contains("US_SSN:BLOCK:0:0", result.GetProperty("violations").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public void ChatCompletionsCreate_ImageWithARedactedEntity_AnsweredAndTheHeaderSaysWhy()
    {
        var result = results.GetProperty("imageRedacted");

        Assert.Equal(FakeOpenAIUpstream.Reply, result.GetProperty("content").GetString());
        Assert.Contains("EMAIL_ADDRESS", result.GetProperty("violations").GetString()!.Split(','));
    }

    [Fact]
    public void ChatCompletionsCreate_NonStreaming_ReturnsAnswer()
    {
        var result = results.GetProperty("nonStreaming");

        Assert.Equal(FakeOpenAIUpstream.Reply, result.GetProperty("content").GetString());
        Assert.Equal("stop", result.GetProperty("finish").GetString());
        Assert.Equal(26, result.GetProperty("total").GetInt32());
    }

    [Fact]
    public void ChatCompletionsCreate_Streaming_ReassemblesTextWithUsage()
    {
        var result = results.GetProperty("streaming");

        Assert.Equal(FakeOpenAIUpstream.Reply, result.GetProperty("content").GetString());
        Assert.Equal("stop", result.GetProperty("finish").GetString());
        Assert.Equal(26, result.GetProperty("total").GetInt32());
        Assert.Equal(8, result.GetProperty("chunks").GetInt32());
    }

    [Fact]
    public void ChatCompletionsCreate_StreamingTools_AssemblesBothCalls()
    {
        var result = results.GetProperty("streamingTools");
        var calls = result.GetProperty("calls");

        Assert.Equal("tool_calls", result.GetProperty("finish").GetString());
        Assert.Equal("call_weather01", calls[0].GetProperty("id").GetString());
        Assert.Equal("""{"city":"Paris"}""", calls[0].GetProperty("arguments").GetString());
        Assert.Equal("get_time", calls[1].GetProperty("name").GetString());
    }

    [Fact]
    public void ChatCompletionsCreate_MockEcho_Echoes() =>
        Assert.Equal("Echo me, npm", results.GetProperty("mockEcho").GetProperty("content").GetString());

    [Theory]
    [InlineData("unknownModel", "NotFoundError", 404, "model_not_found")]
    [InlineData("badKey", "AuthenticationError", 401, "invalid_api_key")]
    public void ChatCompletionsCreate_Errors_MapToTheSdksErrorClasses(string scenario, string errorClass, int status, string code)
    {
        var result = results.GetProperty(scenario);

        Assert.Equal(errorClass, result.GetProperty("threw").GetString());
        Assert.Equal(status, result.GetProperty("status").GetInt32());
        Assert.Equal(code, result.GetProperty("code").GetString());
        Assert.StartsWith("req_", result.GetProperty("correlationId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ModelsList_IteratesConfiguredModels() =>
        Assert.Contains("mock/echo", results.GetProperty("models").GetProperty("ids").EnumerateArray().Select(id => id.GetString()));
}
