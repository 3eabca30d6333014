using System.Text;
using Hub.Gateway.Providers.Gemini;
using Hub.Gateway.Providers.Translation;
using Hub.Testing;

namespace Hub.Gateway.Tests.Providers.Gemini;

/// <summary>Whole <c>GenerateContentResponse</c>s (protocols.md 3.3, 3.4) as OpenAI chat completions.</summary>
public sealed class GeminiResponseMapperTests
{
    /// <summary>protocols.md 3.3's example, pretty-printed as Google sends it, with fields Hub ignores.</summary>
    private const string DocumentedExample = """
        {
          "candidates": [
            {
              "content": {
                "role": "model",
                "parts": [
                  { "text": "Hello" },
                  { "functionCall": { "name": "get_weather", "args": { "city": "Paris", "days": [1, 2] } }, "thoughtSignature": "c2ln" }
                ]
              },
              "finishReason": "STOP",
              "index": 0,
              "safetyRatings": [ { "category": "HARM_CATEGORY_HATE_SPEECH", "probability": "NEGLIGIBLE" } ]
            }
          ],
          "usageMetadata": {
            "promptTokenCount": 11, "candidatesTokenCount": 5, "thoughtsTokenCount": 7, "totalTokenCount": 23,
            "cachedContentTokenCount": 3, "promptTokensDetails": [ { "modality": "TEXT", "tokenCount": 11 } ]
          },
          "modelVersion": "gemini-2.5-flash",
          "responseId": "abc"
        }
        """;

    [Fact]
    public async Task Map_DocumentedExample_TextToolCallAndUsageInOpenAIShape()
    {
        var json = Write(DocumentedExample);

        const string expected = """
            {"id":"chatcmpl-x","object":"chat.completion","created":1700000000,"model":"gemini-2.5-flash","choices":[{"index":0,"message":{"role":"assistant","content":"Hello","refusal":null,"tool_calls":[{"id":"CALL_ID","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\",\"days\":[1,2]}"}}]},"logprobs":null,"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":11,"completion_tokens":12,"total_tokens":23,"prompt_tokens_details":{"cached_tokens":3},"completion_tokens_details":{"reasoning_tokens":7}}}
            """;
        Assert.Equal(expected.Replace("CALL_ID", StepRandomSource.CallId(0), StringComparison.Ordinal), json);
        Assert.Empty((await OpenAISpec.GetAsync()).Validate("CreateChatCompletionResponse", json));
    }

    [Fact]
    public void Map_OnlyFunctionCalls_NullContentAndOneMintedIdEach()
    {
        var completion = Map("""{"candidates":[{"content":{"parts":[{"functionCall":{"name":"a","args":{}}},{"functionCall":{"name":"b"}}],"role":"model"},"finishReason":"STOP"}]}""");

        Assert.Null(completion.Content);
        Assert.Equal([(StepRandomSource.CallId(0), "a", "{}"), (StepRandomSource.CallId(1), "b", "{}")], completion.ToolCalls.Select(c => (c.Id, c.Name, c.Arguments)));
        Assert.Equal(FinishReasons.ToolCalls, completion.FinishReason);
    }

    [Fact]
    public void Map_ThoughtParts_LeftOutOfContentButCountedAsReasoning()
    {
        var completion = Map("""
            {"candidates":[{"content":{"parts":[{"text":"Thinking about it…","thought":true},{"text":"Hel"},{"text":"lo ☕"}],"role":"model"},"finishReason":"STOP"}],
             "usageMetadata":{"promptTokenCount":4,"candidatesTokenCount":2,"thoughtsTokenCount":9,"totalTokenCount":15}}
            """);

        Assert.Equal("Hello ☕", completion.Content);
        Assert.Equal(new ChatUsage(4, 11, 0, 9), completion.Usage);
    }

    [Theory]
    [InlineData("STOP", "stop")]
    [InlineData("MAX_TOKENS", "length")]
    [InlineData("SAFETY", "content_filter")]
    [InlineData("RECITATION", "content_filter")]
    [InlineData("BLOCKLIST", "content_filter")]
    [InlineData("PROHIBITED_CONTENT", "content_filter")]
    [InlineData("SPII", "content_filter")]
    [InlineData("IMAGE_SAFETY", "content_filter")]
    [InlineData("LANGUAGE", "content_filter")]
    [InlineData("OTHER", "stop")]
    [InlineData("MALFORMED_FUNCTION_CALL", "stop")]
    [InlineData("UNEXPECTED_TOOL_CALL", "stop")]
    [InlineData("TOO_MANY_TOOL_CALLS", "stop")]
    [InlineData("MISSING_THOUGHT_SIGNATURE", "stop")]
    [InlineData("FINISH_REASON_UNSPECIFIED", "stop")]
    public void FinishReason_EveryGeminiReason_OneOfOpenAIsFour(string gemini, string openAI) =>
        Assert.Equal((openAI, true), GeminiResponseMapper.FinishReason(gemini, null, hadToolCalls: false));

    [Fact]
    public void FinishReason_StopAfterFunctionCalls_ToolCalls() =>
        Assert.Equal((FinishReasons.ToolCalls, true), GeminiResponseMapper.FinishReason("STOP", null, hadToolCalls: true));

    [Fact]
    public void FinishReason_Unknown_StopAndFlaggedForTheLog() =>
        Assert.Equal((FinishReasons.Stop, false), GeminiResponseMapper.FinishReason("SOMETHING_NEW", null, hadToolCalls: false));

    [Fact]
    public async Task Map_BlockedPrompt_ContentFilterWithNullContentNotACrash()
    {
        var json = Write("""
            {"promptFeedback":{"blockReason":"PROHIBITED_CONTENT","safetyRatings":[{"category":"HARM_CATEGORY_HARASSMENT","probability":"HIGH"}]},
             "usageMetadata":{"promptTokenCount":8,"totalTokenCount":8},"modelVersion":"gemini-2.5-flash"}
            """);

        Assert.Contains("""
            "message":{"role":"assistant","content":null,"refusal":null},"logprobs":null,"finish_reason":"content_filter"
            """, json, StringComparison.Ordinal);
        Assert.Contains("\"prompt_tokens\":8,\"completion_tokens\":0", json, StringComparison.Ordinal);
        Assert.Empty((await OpenAISpec.GetAsync()).Validate("CreateChatCompletionResponse", json));
    }

    [Fact]
    public void Map_NoModelVersion_TheRequestedModel() =>
        Assert.Equal("gemini-x", Map("""{"candidates":[{"content":{"parts":[{"text":"a"}]},"finishReason":"STOP"}]}""").Model);

    [Fact]
    public void Map_SeveralCandidates_OnlyTheFirst() =>
        Assert.Equal("first", Map("""{"candidates":[{"content":{"parts":[{"text":"first"}]},"finishReason":"STOP"},{"content":{"parts":[{"text":"second"}]},"finishReason":"STOP"}]}""").Content);

    [Theory]
    [InlineData("<html>502 Bad Gateway</html>")]
    [InlineData("[1,2]")]
    [InlineData("{\"candidates\":[{\"content\":")]
    public void TryRead_NotAGeminiResponse_Null(string body) => Assert.Null(GeminiResponseReader.TryRead(Encoding.UTF8.GetBytes(body)));

    private static TranslatedCompletion Map(string gemini) =>
        GeminiResponseMapper.Map(GeminiResponseReader.Read(Encoding.UTF8.GetBytes(gemini)), "gemini-x", "chatcmpl-x", 1_700_000_000, new StepRandomSource());

    private static string Write(string gemini) => Encoding.UTF8.GetString(ChatCompletionWriter.Write(Map(gemini)));
}
