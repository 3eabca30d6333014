using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using Hub.IntegrationTests.OpenAINpm;
using Hub.IntegrationTests.OpenAISdk;
using Hub.Testing.Fakes;
using OpenAI;
using OpenAI.Chat;

namespace Hub.IntegrationTests.Providers;

/// <summary>Runs anthropic.mjs once for the class, with the official <c>openai</c> npm package: what each scenario observed, by name.</summary>
public sealed class AnthropicNpmRun(GatewayFixture fixture) : NpmScriptRun(fixture, "Providers/anthropic.mjs");

/// <summary>The official OpenAI clients (.NET SDK, npm package), unchanged but for base URL and key, through the Anthropic provider.</summary>
public sealed class AnthropicClientTests(GatewayFixture fixture, AnthropicNpmRun npm) : IClassFixture<AnthropicNpmRun>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DotNetSdk_ToolsRoundTrip_CallsThenAnswersFromTheResults()
    {
        var client = await ClientAsync("anthropic/" + FakeAnthropicUpstream.Models.Tools);
        var options = new ChatCompletionOptions { Tools = { SdkChat.WeatherTool, SdkChat.TimeTool } };
        List<ChatMessage> messages = [new UserChatMessage("Weather and time, SDK?")];

        ChatCompletion first = await client.CompleteChatAsync(messages, options, Cancel);
        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        Assert.Equal(FakeAnthropicUpstream.ToolPreamble, first.Content[0].Text);
        Assert.Equal(["get_weather", "get_time"], first.ToolCalls.Select(call => call.FunctionName));
        Assert.Equal([FakeAnthropicUpstream.WeatherCallId, FakeAnthropicUpstream.TimeCallId], first.ToolCalls.Select(call => call.Id));
        Assert.Equal("""{"city":"Paris"}""", first.ToolCalls[0].FunctionArguments.ToString());

        messages.Add(new AssistantChatMessage(first));
        messages.Add(new ToolChatMessage(first.ToolCalls[0].Id, "sunny"));
        messages.Add(new ToolChatMessage(first.ToolCalls[1].Id, "late (SDK)"));
        ChatCompletion second = await client.CompleteChatAsync(messages, options, Cancel);

        Assert.Equal(ChatFinishReason.Stop, second.FinishReason);
        Assert.Equal(FakeAnthropicUpstream.ToolAnswer, second.Content[0].Text);
        var results = fixture.Anthropic.Last("late (SDK)").Json.GetProperty("messages")[2].GetProperty("content");
        Assert.Equal(["tool_result", "tool_result"], results.EnumerateArray().Select(block => block.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task DotNetSdk_Streaming_ReassemblesTextWithFinishReasonAndUsage()
    {
        var client = await ClientAsync("anthropic/" + FakeAnthropicUpstream.Models.Text);

        var (text, finish, usage) = await SdkChat.ReadStreamAsync(client.CompleteChatStreamingAsync([new UserChatMessage("Stream hello, SDK")], cancellationToken: Cancel));

        Assert.Equal(FakeAnthropicUpstream.Reply, text);
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.Equal((19, 7, 26, 4), (usage?.InputTokenCount, usage?.OutputTokenCount, usage?.TotalTokenCount, usage?.InputTokenDetails?.CachedTokenCount));
    }

    [Fact]
    public async Task DotNetSdk_Overloaded_ThrowsWith503()
    {
        var client = await ClientAsync("anthropic/" + FakeAnthropicUpstream.Models.Overloaded);

        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.CompleteChatAsync([new UserChatMessage("hi")], cancellationToken: Cancel));

        Assert.Equal(503, error.Status);
        Assert.Contains("upstream_overloaded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NpmPackage_ToolsRoundTrip_CallsThenAnswersFromTheResults()
    {
        var result = npm.Results.GetProperty("toolsRoundTrip");
        var calls = result.GetProperty("calls");

        Assert.Equal("tool_calls", result.GetProperty("firstFinish").GetString());
        Assert.Equal(FakeAnthropicUpstream.WeatherCallId, calls[0].GetProperty("id").GetString());
        Assert.Equal("get_time", calls[1].GetProperty("name").GetString());
        Assert.Equal("""{"city":"Paris"}""", calls[0].GetProperty("arguments").GetString());
        Assert.Equal(FakeAnthropicUpstream.ToolAnswer, result.GetProperty("answer").GetString());
        Assert.Equal("stop", result.GetProperty("secondFinish").GetString());
    }

    [Fact]
    public void NpmPackage_Streaming_ReassemblesTextWithFinishReasonAndUsage()
    {
        var result = npm.Results.GetProperty("streaming");

        Assert.Equal(FakeAnthropicUpstream.Reply, result.GetProperty("content").GetString());
        Assert.Equal("stop", result.GetProperty("finish").GetString());
        Assert.Equal((19, 4, 26), (result.GetProperty("prompt").GetInt32(), result.GetProperty("cached").GetInt32(), result.GetProperty("total").GetInt32()));

        // role, five words, finish, usage
        Assert.Equal(8, result.GetProperty("chunks").GetInt32());
    }

    [Fact]
    public void NpmPackage_MidStreamError_RaisesAnAPIErrorInsteadOfEndingQuietly()
    {
        var result = npm.Results.GetProperty("midStreamError");

        Assert.Equal("APIError", result.GetProperty("threw").GetString());
        Assert.Contains("overloaded", result.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private async Task<ChatClient> ClientAsync(string model) => new(model, new ApiKeyCredential((await fixture.NewTenantAsync()).ProjectKey), new OpenAIClientOptions
    {
        Endpoint = fixture.BaseUrl,
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
    });
}
