using System.Text.Json;

namespace Hub.Gateway.Tests.Diagnostics;

/// <summary>Prompt text and keys must never reach a log line, at any level, on any path.</summary>
public sealed class PromptNeverLoggedTests(GatewayFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("fake/fake-model", false)]
    [InlineData("fake/fake-model", true)]
    [InlineData("fake/fake-error-400", false)]
    [InlineData("fake/fake-error-500", false)]
    [InlineData("down/fake-model", false)]
    [InlineData("mock/echo", true)]
    [InlineData("nope/unknown", false)]
    public async Task Post_AnyOutcome_LogsNeitherPromptNorKey(string model, bool stream)
    {
        var tenant = await fixture.NewTenantAsync();
        using var client = fixture.CreateClient(tenant.ProjectKey);
        var canary = $"CANARY-{Guid.NewGuid():N}";
        var body = JsonSerializer.Serialize(new { model, stream, messages = new[] { new { role = "user", content = $"my card is {canary}" } } });

        using var response = await client.PostAsync("/v1/chat/completions", OpenAIAssert.Json(body), Cancel);
        await response.Content.ReadAsStringAsync(Cancel);

        Assert.Contains(fixture.Logs.Lines, line => line.Contains("/v1/chat/completions", StringComparison.Ordinal)); // the capture works
        Assert.DoesNotContain(fixture.Logs.Lines, line => line.Contains(canary, StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.Logs.Lines, line => line.Contains(tenant.ProjectKey[4..], StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.Logs.Lines, line => line.Contains(Hub.Testing.FakeOpenAIUpstream.ApiKey, StringComparison.Ordinal));
    }
}
