using System.Text;
using System.Text.Json;
using Hub.Gateway.Errors;
using Hub.Gateway.Providers.Bedrock;
using Hub.Gateway.Providers.Translation;
using Hub.Testing.Fakes;

namespace Hub.Gateway.Tests.Providers.Bedrock;

/// <summary>OpenAI requests → Converse bodies (<c>protocols.md</c> 4.2), each also checked with the fake's Bedrock validation.</summary>
public sealed class BedrockRequestMapperTests
{
    private const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    [Fact]
    public void Map_SystemAndDeveloper_BecomeSystemBlocksInOrder()
    {
        var body = Map("""
            {"model":"m","messages":[{"role":"system","content":"Be brief."},{"role":"developer","content":[{"type":"text","text":"Use French."}]},
            {"role":"user","content":"Hi"}]}
            """);

        Assert.Equal("""[{"text":"Be brief."},{"text":"Use French."}]""", body.GetProperty("system").GetRawText());
        Assert.Equal("""[{"role":"user","content":[{"text":"Hi"}]}]""", body.GetProperty("messages").GetRawText());
    }

    [Fact]
    public void Map_MultiPartUserWithDataUrlImage_TextAndImageBlocks()
    {
        var body = Map($$$$"""
            {"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"What is this?"},{"type":"image_url","image_url":{"url":"data:image/png;base64,{{{{Png}}}}"}},
            {"type":"image_url","image_url":{"url":"data:image/jpg;base64,{{{{Png}}}}"}}]}]}
            """);

        Assert.Equal($$$$"""[{"text":"What is this?"},{"image":{"format":"png","source":{"bytes":"{{{{Png}}}}"}}},{"image":{"format":"jpeg","source":{"bytes":"{{{{Png}}}}"}}}]""",
            body.GetProperty("messages")[0].GetProperty("content").GetRawText());
    }

    [Theory]
    [InlineData("https://example.com/cat.png", "data URL")]
    [InlineData("data:image/png;base64,@@@", "not a valid base64 data URL")]
    [InlineData("data:image/bmp;base64,Qk0=", "PNG, JPEG, GIF and WebP")]
    public void Map_ImageBedrockCannotTake_Refused(string url, string message)
    {
        var error = Refused($$$$"""{"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"{{{{url}}}}"}}]}]}""");

        Assert.Equal(400, error.Status);
        Assert.Equal("messages[0].content[0].image_url.url", error.Param);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_PdfFile_DocumentBlockWithSafeName()
    {
        var body = Map("""
            {"model":"m","messages":[{"role":"user","content":[{"type":"file","file":{"file_data":"data:application/pdf;base64,JVBERi0xLjQ=","filename":"Q3 report_final.v2.pdf"}},{"type":"text","text":"Summarise"}]}]}
            """);

        Assert.Equal("""{"document":{"format":"pdf","name":"Q3 report-final-v2","source":{"bytes":"JVBERi0xLjQ="}}}""",
            body.GetProperty("messages")[0].GetProperty("content")[0].GetRawText());
    }

    [Fact]
    public void Map_ToolsRoundTrip_ToolUseAndMergedToolResultTurn()
    {
        var body = Map("""
            {"model":"m","messages":[
              {"role":"user","content":"Weather and time in Paris?"},
              {"role":"assistant","content":null,"tool_calls":[{"id":"tooluse_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},
                                                             {"id":"tooluse_2","type":"function","function":{"name":"get_time","arguments":""}}]},
              {"role":"tool","tool_call_id":"tooluse_1","content":"18°C"},
              {"role":"tool","tool_call_id":"tooluse_2","content":""},
              {"role":"user","content":"And tomorrow?"}],
             "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}},
                      {"type":"function","function":{"name":"get_time"}}]}
            """);

        var messages = body.GetProperty("messages");
        Assert.Equal(3, messages.GetArrayLength());
        Assert.Equal("""{"role":"assistant","content":[{"toolUse":{"toolUseId":"tooluse_1","name":"get_weather","input":{"city":"Paris"}}},{"toolUse":{"toolUseId":"tooluse_2","name":"get_time","input":{}}}]}""",
            messages[1].GetRawText());
        Assert.Equal("""{"role":"user","content":[{"toolResult":{"toolUseId":"tooluse_1","content":[{"text":"18°C"}]}},{"toolResult":{"toolUseId":"tooluse_2","content":[]}},{"text":"And tomorrow?"}]}""",
            messages[2].GetRawText());
        Assert.Equal("""{"tools":[{"toolSpec":{"name":"get_weather","description":"Weather","inputSchema":{"json":{"type":"object","properties":{"city":{"type":"string"}}}}}},{"toolSpec":{"name":"get_time","inputSchema":{"json":{"type":"object","properties":{}}}}}]}""",
            body.GetProperty("toolConfig").GetRawText());
    }

    [Theory]
    [InlineData("\"{\\\"city\\\":\"", "not JSON")]
    [InlineData("\"[1,2]\"", "an array")]
    public void Map_ToolCallArgumentsNotAJsonObject_Refused(string arguments, string why)
    {
        var error = Refused($$$$"""
            {"model":"m","messages":[{"role":"user","content":"Hi"},{"role":"assistant","tool_calls":[{"id":"t1","type":"function","function":{"name":"f","arguments":{{{{arguments}}}}}}]},
             {"role":"tool","tool_call_id":"t1","content":"ok"}]}
            """);

        Assert.Equal("messages[1].tool_calls[0].function.arguments", error.Param);
        Assert.Contains("expected a JSON object", error.Message + why, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"auto\"", """{"auto":{}}""")]
    [InlineData("\"required\"", """{"any":{}}""")]
    [InlineData("""{"type":"function","function":{"name":"get_weather"}}""", """{"tool":{"name":"get_weather"}}""")]
    public void Map_ToolChoice_ConverseToolChoice(string choice, string expected)
    {
        var body = Map($$"""{"model":"m","messages":[{"role":"user","content":"Hi"}],"tools":[{{Weather}}],"tool_choice":{{choice}},"parallel_tool_calls":false}""");

        Assert.Equal(expected, body.GetProperty("toolConfig").GetProperty("toolChoice").GetRawText());
    }

    [Fact]
    public void Map_ToolChoiceNone_KeepsToolsButNoChoice()
    {
        var body = Map($$"""{"model":"m","messages":[{"role":"user","content":"Hi"}],"tools":[{{Weather}}],"tool_choice":"none"}""");

        Assert.False(body.GetProperty("toolConfig").TryGetProperty("toolChoice", out _));
        Assert.Equal(1, body.GetProperty("toolConfig").GetProperty("tools").GetArrayLength());
    }

    [Fact]
    public void Map_ToolHistoryWithoutTools_DeclaresTheHistorysToolsAsBedrockRequires()
    {
        var body = Map("""
            {"model":"m","messages":[{"role":"user","content":"Hi"},{"role":"assistant","tool_calls":[{"id":"t1","type":"function","function":{"name":"lookup","arguments":"{}"}}]},
             {"role":"tool","tool_call_id":"t1","content":"found"},{"role":"user","content":"Thanks, summarise."}],"tool_choice":"none"}
            """);

        Assert.Equal("""{"tools":[{"toolSpec":{"name":"lookup","description":"A tool used earlier in this conversation.","inputSchema":{"json":{"type":"object","properties":{}}}}}]}""",
            body.GetProperty("toolConfig").GetRawText());
    }

    [Fact]
    public void Map_InferenceConfig_MaxTokensTemperatureTopPStop()
    {
        var body = Map("""{"model":"m","messages":[{"role":"user","content":"Hi"}],"max_completion_tokens":300,"max_tokens":5,"temperature":0.25,"top_p":0.5,"stop":["END","STOP"]}""");

        Assert.Equal("""{"maxTokens":300,"temperature":0.25,"topP":0.5,"stopSequences":["END","STOP"]}""", body.GetProperty("inferenceConfig").GetRawText());
    }

    [Fact]
    public void Map_TemperatureAboveConversesRange_Clamped()
    {
        var body = Map("""{"model":"m","messages":[{"role":"user","content":"Hi"}],"temperature":1.5}""");

        Assert.Equal(1, body.GetProperty("inferenceConfig").GetProperty("temperature").GetDouble());
    }

    [Fact]
    public void Map_NoMaxTokens_CatalogDefault()
    {
        var body = Map("""{"model":"m","messages":[{"role":"user","content":"Hi"}],"stop":"END"}""", defaultMaxTokens: 8192);

        Assert.Equal("""{"maxTokens":8192,"stopSequences":["END"]}""", body.GetProperty("inferenceConfig").GetRawText());
    }

    [Theory]
    [InlineData(""","messages":[{"role":"user","content":"Hi"}],"n":2""", "n", "unsupported_parameter")]
    [InlineData(""","messages":[{"role":"user","content":"Hi"}],"logprobs":true""", "logprobs", "unsupported_parameter")]
    [InlineData(""","messages":[{"role":"user","content":"Hi"}],"top_logprobs":3""", "top_logprobs", "unsupported_parameter")]
    [InlineData(""","messages":[{"role":"user","content":[{"type":"input_audio","input_audio":{"data":"AAAA","format":"wav"}}]}]""", "messages[0].content[0]", "unsupported_parameter")]
    [InlineData(""","messages":[{"role":"user","content":[{"type":"file","file":{"file_id":"file-1"}}]}]""", "messages[0].content[0].file", "unsupported_parameter")]
    public void Map_ParameterBedrockCannotHonour_Refused(string fields, string param, string code)
    {
        var error = Refused($$"""{"model":"m"{{fields}}}""");

        Assert.Equal((400, param, code), (error.Status, error.Param, error.Code));
    }

    [Fact]
    public void Map_ParametersBedrockLacks_DroppedSilently()
    {
        var body = Map("""{"model":"m","messages":[{"role":"user","content":"Hi"}],"seed":7,"frequency_penalty":0.5,"presence_penalty":0.1,"user":"u1","n":1,"response_format":{"type":"text"}}""");

        Assert.Equal(["messages", "inferenceConfig"], body.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Map_ResponseFormatJsonSchema_ForcedSyntheticTool()
    {
        var body = Map("""
            {"model":"m","messages":[{"role":"user","content":"Weather?"}],
             "response_format":{"type":"json_schema","json_schema":{"name":"weather","schema":{"type":"object","properties":{"city":{"type":"string"}}}}}}
            """);

        Assert.Equal("""{"tools":[{"toolSpec":{"name":"json_tool_call","description":"Answer with the final response as this tool's input.","inputSchema":{"json":{"type":"object","properties":{"city":{"type":"string"}}}}}}],"toolChoice":{"tool":{"name":"json_tool_call"}}}""",
            body.GetProperty("toolConfig").GetRawText());
    }

    [Fact]
    public void Map_ResponseFormatBesideClientTools_NotForced()
    {
        var body = Map($$$$"""{"model":"m","messages":[{"role":"user","content":"Hi"}],"tools":[{{{{Weather}}}}],"response_format":{"type":"json_object"}}""");

        var config = body.GetProperty("toolConfig");
        Assert.Equal(["get_weather", "json_tool_call"], config.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("toolSpec").GetProperty("name").GetString()));
        Assert.False(config.TryGetProperty("toolChoice", out _));
    }

    [Fact]
    public void Map_EmptyTextsAndConsecutiveSameRoles_LeftOutAndMerged()
    {
        var body = Map("""
            {"model":"m","messages":[{"role":"user","content":"One"},{"role":"user","content":""},{"role":"user","content":[{"type":"text","text":"Two"}]},
             {"role":"assistant","content":""},{"role":"assistant","content":"Three"},{"role":"assistant","content":"Four"}]}
            """);

        Assert.Equal("""[{"role":"user","content":[{"text":"One"},{"text":"Two"}]},{"role":"assistant","content":[{"text":"Three"},{"text":"Four"}]}]""",
            body.GetProperty("messages").GetRawText());
    }

    private const string Weather = """{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}""";

    /// <summary>The Converse body, after checking that Bedrock (the fake's validation) would accept it.</summary>
    private static JsonElement Map(string openAI, int defaultMaxTokens = 4096)
    {
        var (body, error) = MapRaw(openAI, defaultMaxTokens);
        Assert.Null(error);
        var json = JsonDocument.Parse(body!.Body).RootElement;
        Assert.Null(FakeBedrockValidation.Validate(json));
        return json;
    }

    private static HubError Refused(string openAI)
    {
        var (body, error) = MapRaw(openAI, 4096);
        Assert.Null(body);
        return error!;
    }

    private static (BedrockRequest?, HubError?) MapRaw(string openAI, int defaultMaxTokens)
    {
        var (request, invalid) = OpenAIChatRequest.Parse(Encoding.UTF8.GetBytes(openAI));
        Assert.Null(invalid);
        using (request)
        {
            return BedrockRequestMapper.Map(request!, defaultMaxTokens);
        }
    }
}
