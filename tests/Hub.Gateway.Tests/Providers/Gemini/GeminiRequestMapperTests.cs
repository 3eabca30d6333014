namespace Hub.Gateway.Tests.Providers.Gemini;

/// <summary>OpenAI requests in, Gemini <c>GenerateContentRequest</c> bytes out (protocols.md 3.2, 3.5); every body also passes the fake Gemini's rules.</summary>
public sealed class GeminiRequestMapperTests
{
    private const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    [Fact]
    public void Map_SystemAndDeveloperMessages_AllGoToSystemInstructionInOrder()
    {
        var body = GeminiRequests.Map("""
            {"model":"m","messages":[
              {"role":"system","content":"Be brief."},
              {"role":"user","content":"Hi"},
              {"role":"developer","content":[{"type":"text","text":"Answer in "},{"type":"text","text":"French."}]},
              {"role":"user","content":"Again"}]}
            """);

        Assert.Equal(
            """{"contents":[{"role":"user","parts":[{"text":"Hi"},{"text":"Again"}]}],"systemInstruction":{"parts":[{"text":"Be brief."},{"text":"Answer in French."}]}}""",
            body);
    }

    [Fact]
    public void Map_MultiPartUserContent_TextThenImagesAsInlineDataAndFileData()
    {
        var body = GeminiRequests.Map($$$"""
            {"model":"m","messages":[{"role":"user","content":[
              {"type":"text","text":"What is in these images?"},
              {"type":"image_url","image_url":{"url":"data:image/png;base64,{{{Png}}}","detail":"high"}},
              {"type":"image_url","image_url":{"url":"https://example.com/photos/cat.JPG?size=large"}}]}]}
            """);

        Assert.Equal(
            $$$"""{"contents":[{"role":"user","parts":[{"text":"What is in these images?"},{"inlineData":{"mimeType":"image/png","data":"{{{Png}}}"}},{"fileData":{"mimeType":"image/jpeg","fileUri":"https://example.com/photos/cat.JPG?size=large"}}]}]}""",
            body);
    }

    [Fact]
    public void Map_FileDataAndAudio_BecomeInlineData()
    {
        var body = GeminiRequests.Map("""
            {"model":"m","messages":[{"role":"user","content":[
              {"type":"file","file":{"file_data":"data:application/pdf;base64,JVBERi0xLjQ=","filename":"a.pdf"}},
              {"type":"input_audio","input_audio":{"data":"UklGRg==","format":"wav"}}]}]}
            """);

        Assert.Equal(
            """{"contents":[{"role":"user","parts":[{"inlineData":{"mimeType":"application/pdf","data":"JVBERi0xLjQ="}},{"inlineData":{"mimeType":"audio/wav","data":"UklGRg=="}}]}]}""",
            body);
    }

    [Theory]
    [InlineData("https://example.com/image", "messages[0].content[0].image_url.url")]
    [InlineData("http://example.com/cat.png", "messages[0].content[0].image_url.url")]
    [InlineData("data:image/png;base64,not base64!", "messages[0].content[0].image_url.url")]
    public void Map_ImageGeminiCannotTake_Refused400NamingThePart(string url, string param)
    {
        var error = GeminiRequests.Refuse($$$"""{"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"{{{url}}}"}}]}]}""");

        Assert.Equal(400, error.Status);
        Assert.Equal("invalid_request_error", error.Type);
        Assert.Equal(param, error.Param);
    }

    [Fact]
    public void Map_OpenAIFileId_Refused400Unsupported()
    {
        var error = GeminiRequests.Refuse("""{"model":"m","messages":[{"role":"user","content":[{"type":"file","file":{"file_id":"file-abc"}}]}]}""");

        Assert.Equal(("unsupported_parameter", "messages[0].content[0].file.file_id"), (error.Code, error.Param));
    }

    [Fact]
    public void Map_ToolRoundTrip_CallsInModelTurnAndResultsNamedByIdInOneUserTurn()
    {
        var body = GeminiRequests.Map("""
            {"model":"m","messages":[
              {"role":"user","content":"Weather and time in Paris?"},
              {"role":"assistant","content":null,"tool_calls":[
                {"id":"call_a","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},
                {"id":"call_b","type":"function","function":{"name":"get_time","arguments":""}}]},
              {"role":"tool","tool_call_id":"call_b","content":"12:00"},
              {"role":"tool","tool_call_id":"call_a","content":"{\"sky\":\"sunny\",\"c\":18}"},
              {"role":"user","content":"Thanks"}]}
            """);

        Assert.Equal(
            """{"contents":[{"role":"user","parts":[{"text":"Weather and time in Paris?"}]},"""
            + """{"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{"city":"Paris"}}},{"functionCall":{"name":"get_time","args":{}}}]},"""
            + """{"role":"user","parts":[{"functionResponse":{"name":"get_time","response":{"output":"12:00"}}},{"functionResponse":{"name":"get_weather","response":{"sky":"sunny","c":18}}},{"text":"Thanks"}]}]}""",
            body);
    }

    [Fact]
    public void Map_ToolResultForUnknownCallId_Refused400NeverAFillerName()
    {
        var error = GeminiRequests.Refuse("""
            {"model":"m","messages":[{"role":"user","content":"Hi"},{"role":"tool","tool_call_id":"call_nowhere","content":"x"}]}
            """);

        Assert.Equal((400, "messages[1].tool_call_id"), (error.Status, error.Param));
    }

    [Theory]
    [InlineData("{\\\"city\\\":")]
    [InlineData("[1,2]")]
    [InlineData("not json")]
    public void Map_ToolCallArgumentsNotAJsonObject_Refused400(string arguments)
    {
        var error = GeminiRequests.Refuse($$$"""
            {"model":"m","messages":[{"role":"user","content":"Hi"},{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{{{arguments}}}"}}]}]}
            """);

        Assert.Equal("messages[1].tool_calls[0].function.arguments", error.Param);
    }

    [Fact]
    public void Map_ConsecutiveSameRoleMessages_MergedSoTurnsAlternate()
    {
        var body = GeminiRequests.Map("""
            {"model":"m","messages":[{"role":"user","content":"a"},{"role":"user","content":"b"},{"role":"assistant","content":"c"},{"role":"assistant","content":""},{"role":"assistant","content":"d"},{"role":"user","content":"e"}]}
            """);

        Assert.Equal(
            """{"contents":[{"role":"user","parts":[{"text":"a"},{"text":"b"}]},{"role":"model","parts":[{"text":"c"},{"text":"d"}]},{"role":"user","parts":[{"text":"e"}]}]}""",
            body);
    }

    [Theory]
    [InlineData("gemini-3-pro-preview", true)]
    [InlineData("gemini-3.1-flash", true)]
    [InlineData("models/gemini-3-flash-preview", true)]
    [InlineData("gemini-2.5-flash", false)]
    [InlineData("gemini-1.5-pro", false)]
    [InlineData("gemma-3-27b-it", false)]
    public void Map_ReplayedCalls_Gemini3GetsGooglesSkipSignatureOnTheFirstCallOfATurn(string model, bool skipsCheck)
    {
        var body = GeminiRequests.Map("""
            {"model":"m","messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":"Checking.","tool_calls":[
              {"id":"a","type":"function","function":{"name":"f","arguments":"{}"}},{"id":"b","type":"function","function":{"name":"g","arguments":"{}"}}]},
              {"role":"tool","tool_call_id":"a","content":"1"},{"role":"tool","tool_call_id":"b","content":"2"}]}
            """, model);

        var expected = """{"role":"model","parts":[{"text":"Checking."},{"functionCall":{"name":"f","args":{}}"""
            + (skipsCheck ? ""","thoughtSignature":"skip_thought_signature_validator"},""" : "},")
            + """{"functionCall":{"name":"g","args":{}}}]}""";
        Assert.Contains(expected, body, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_SamplingAndLimits_GoToGenerationConfig()
    {
        var body = GeminiRequests.Map("""
            {"model":"m","messages":[{"role":"user","content":"Hi"}],"temperature":0.7,"top_p":0.9,"max_completion_tokens":256,"max_tokens":9,
             "stop":["END","STOP"],"seed":42,"presence_penalty":0.5,"frequency_penalty":-0.5,"n":1,"user":"u-1","parallel_tool_calls":false,"reasoning_effort":"low"}
            """);

        Assert.EndsWith(
            "\"" + """generationConfig":{"temperature":0.7,"topP":0.9,"maxOutputTokens":256,"stopSequences":["END","STOP"],"seed":42,"presencePenalty":0.5,"frequencyPenalty":-0.5}}""",
            body);
    }

    [Fact]
    public void Map_StopStringAndDeprecatedMaxTokens_AreMappedToo()
    {
        var body = GeminiRequests.Map("""{"model":"m","messages":[{"role":"user","content":"Hi"}],"stop":"END","max_tokens":100}""");

        Assert.EndsWith("\"" + """generationConfig":{"maxOutputTokens":100,"stopSequences":["END"]}}""", body);
    }

    [Fact]
    public void Map_NoLimitGiven_SendsNoMaxOutputTokensSoTheModelsOwnMaximumApplies()
    {
        var body = GeminiRequests.Map("""{"model":"m","messages":[{"role":"user","content":"Hi"}]}""");

        Assert.Equal("""{"contents":[{"role":"user","parts":[{"text":"Hi"}]}]}""", body);
    }

    [Theory]
    [InlineData("\"temperature\":0", "\"temperature\":0")]
    [InlineData("\"temperature\":2", "\"temperature\":2")]
    [InlineData("\"top_p\":0", "\"topP\":0")]
    [InlineData("\"top_p\":1", "\"topP\":1")]
    public void Map_SamplingAtItsLimits_PassedAsGiven(string field, string expected) =>
        Assert.Contains(expected, GeminiRequests.Map($$$"""{"model":"m","messages":[{"role":"user","content":"Hi"}],{{{field}}}}"""), StringComparison.Ordinal);

    [Theory]
    [InlineData("\"temperature\":2.1", "temperature", "invalid_value")]
    [InlineData("\"temperature\":-0.1", "temperature", "invalid_value")]
    [InlineData("\"top_p\":1.5", "top_p", "invalid_value")]
    [InlineData("\"seed\":4294967296", "seed", "invalid_value")]
    [InlineData("\"n\":2", "n", "unsupported_parameter")]
    [InlineData("\"logprobs\":true", "logprobs", "unsupported_parameter")]
    [InlineData("\"top_logprobs\":3", "top_logprobs", "unsupported_parameter")]
    [InlineData("\"tool_choice\":\"required\"", "tool_choice", "invalid_value")]
    public void Map_ParameterGeminiCannotHonour_Refused400(string field, string param, string code)
    {
        var error = GeminiRequests.Refuse($$$"""{"model":"m","messages":[{"role":"user","content":"Hi"}],{{{field}}}}""");

        Assert.Equal((400, "invalid_request_error", param, code), (error.Status, error.Type, error.Param, error.Code));
    }

    [Fact]
    public void Map_OnlySystemMessages_Refused400()
    {
        var error = GeminiRequests.Refuse("""{"model":"m","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":""}]}""");

        Assert.Equal("messages", error.Param);
    }

    [Theory]
    [InlineData("""{"type":"text"}""", "")]
    [InlineData("""{"type":"json_object"}""", ""","generationConfig":{"responseMimeType":"application/json"}""")]
    [InlineData("""{"type":"json_schema","json_schema":{"name":"r","strict":true,"schema":{"type":"object","properties":{"a":{"type":"string"}},"required":["a"],"additionalProperties":false}}}""",
        ""","generationConfig":{"responseMimeType":"application/json","responseSchema":{"type":"OBJECT","properties":{"a":{"type":"STRING"}},"required":["a"]}}""")]
    public void Map_ResponseFormat_MimeTypeAndCleanedSchema(string format, string expected) =>
        Assert.Equal(
            """{"contents":[{"role":"user","parts":[{"text":"Hi"}]}]""" + expected + "}",
            GeminiRequests.Map($$$"""{"model":"m","messages":[{"role":"user","content":"Hi"}],"response_format":{{{format}}}}"""));
}
