using System.Text.Json;
using static Hub.Gateway.Tests.Providers.Anthropic.AnthropicRequests;

namespace Hub.Gateway.Tests.Providers.Anthropic;

/// <summary>OpenAI → Anthropic top-level fields, tools and sampling (<c>protocols.md</c> 2.4).</summary>
public sealed class AnthropicRequestMapperTests
{
    [Fact]
    public void Map_DocumentedShape_WritesTheExactMessagesBody()
    {
        var body = MapToText(Chat(
            """[{"role":"system","content":"You are terse."},{"role":"user","content":"Weather in Paris?"}]""",
            ""","tools":[{"type":"function","function":{"name":"get_weather","description":"Weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}],"temperature":0.7,"top_p":0.9,"stop":["END"],"max_tokens":1024,"user":"user-42" """),
            stream: true);

        Assert.Equal(
            """{"model":"claude-upstream","max_tokens":1024,"system":[{"type":"text","text":"You are terse."}],"messages":[{"role":"user","content":[{"type":"text","text":"Weather in Paris?"}]}],"tools":[{"name":"get_weather","description":"Weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}],"temperature":0.7,"top_p":0.9,"stop_sequences":["END"],"metadata":{"user_id":"user-42"},"stream":true}""",
            body);
    }

    [Fact]
    public void Map_SystemAndDeveloperAnywhere_ConcatenatedInOrderIntoSystem()
    {
        var (body, _) = Map(Chat("""[{"role":"system","content":"A"},{"role":"user","content":"hi"},{"role":"developer","content":[{"type":"text","text":"B"}]},{"role":"assistant","content":"ok"},{"role":"system","content":""},{"role":"user","content":"next"}]"""));

        Assert.Equal("""[{"type":"text","text":"A"},{"type":"text","text":"B"}]""", body.GetProperty("system").GetRawText());
        Assert.Equal(["user", "assistant", "user"], body.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString()));
    }

    [Fact]
    public void Map_NoSystemMessage_OmitsSystem() =>
        Assert.False(Map(Hello()).Body.TryGetProperty("system", out _));

    [Theory]
    [InlineData(""","max_completion_tokens":100""", 8192, 100)]
    [InlineData(""","max_tokens":50""", 8192, 50)]
    [InlineData(""","max_tokens":50,"max_completion_tokens":60""", 8192, 60)]
    [InlineData("", 8192, 8192)]
    [InlineData("", 4096, 4096)]
    public void Map_MaxTokens_ClientsLimitElseTheDefault(string extra, int defaultMaxTokens, int expected) =>
        Assert.Equal(expected, Map(Hello(extra), defaultMaxTokens: defaultMaxTokens).Body.GetProperty("max_tokens").GetInt32());

    [Theory]
    [InlineData(1.5, 1.0)]
    [InlineData(2.0, 1.0)]
    [InlineData(0.7, 0.7)]
    [InlineData(0.0, 0.0)]
    [InlineData(1.0, 1.0)]
    public void Map_Temperature_ClampedToAnthropicsRange(double given, double sent) =>
        Assert.Equal(sent, Map(Hello($""","temperature":{given.ToString(System.Globalization.CultureInfo.InvariantCulture)}""")).Body.GetProperty("temperature").GetDouble());

    [Fact]
    public void Map_TopP_PassesThrough() =>
        Assert.Equal(0.25, Map(Hello(""","top_p":0.25""")).Body.GetProperty("top_p").GetDouble());

    [Theory]
    [InlineData(""","stop":"END" """, """["END"]""")]
    [InlineData(""","stop":["a"," ","\n","b"]""", """["a","b"]""")]
    public void Map_Stop_BecomesStopSequencesWithoutWhitespaceOnlyOnes(string extra, string expected) =>
        Assert.Equal(expected, Map(Hello(extra)).Body.GetProperty("stop_sequences").GetRawText());

    [Fact]
    public void Map_StopOnlyWhitespace_SendsNoStopSequences() =>
        Assert.False(Map(Hello(""","stop":[" ","\t"]""")).Body.TryGetProperty("stop_sequences", out _));

    [Theory]
    [InlineData("user-123", true)]
    [InlineData("5f0c2a9e-8d1b-4c1e-9a57-2b3c4d5e6f70", true)]
    [InlineData("jane.doe@example.com", false)]
    [InlineData("+1 (555) 123-4567", false)]
    [InlineData("0612345678", false)]
    public void Map_User_BecomesMetadataUserIdUnlessPersonal(string user, bool sent)
    {
        var (body, _) = Map(Hello($$""","user":"{{user}}" """));

        Assert.Equal(sent, body.TryGetProperty("metadata", out var metadata));
        if (sent)
        {
            Assert.Equal(user, metadata.GetProperty("user_id").GetString());
        }
    }

    [Fact]
    public void Map_UnsupportedButHarmlessFields_AreDropped()
    {
        var (body, _) = Map(Hello(""","seed":7,"frequency_penalty":0.5,"presence_penalty":0.5,"logit_bias":{"50256":-100},"metadata":{"k":"v"},"store":true,"reasoning_effort":"high","stream_options":{"include_usage":true},"n":1"""), stream: true);

        Assert.Equal(["model", "max_tokens", "messages", "stream"], body.EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData(""","n":2""", "n")]
    [InlineData(""","logprobs":true""", "logprobs")]
    [InlineData(""","top_logprobs":3""", "top_logprobs")]
    public void Map_ParameterAnthropicCannotHonour_RefusedAsUnsupported(string extra, string param)
    {
        var error = Refuse(Hello(extra));

        Assert.Equal((400, "invalid_request_error", "unsupported_parameter", param), (error.Status, error.Type, error.Code, error.Param));
    }

    [Fact]
    public void Map_Tools_NameDescriptionAndInputSchema()
    {
        var (body, _) = Map(Hello(""","tools":[{"type":"function","function":{"name":"now"}},{"type":"function","function":{"name":"find","description":"Search","parameters":{"properties":{"q":{"type":"string"}}},"strict":true}}]"""));

        Assert.Equal(
            """[{"name":"now","input_schema":{"type":"object","properties":{}}},{"name":"find","description":"Search","input_schema":{"type":"object","properties":{"q":{"type":"string"}}}}]""",
            body.GetProperty("tools").GetRawText());
        Assert.False(body.TryGetProperty("tool_choice", out _));
    }

    [Theory]
    [InlineData("", "", null)]
    [InlineData("", ""","parallel_tool_calls":false""", """{"type":"auto","disable_parallel_tool_use":true}""")]
    [InlineData(""","tool_choice":"auto" """, "", """{"type":"auto"}""")]
    [InlineData(""","tool_choice":"auto" """, ""","parallel_tool_calls":false""", """{"type":"auto","disable_parallel_tool_use":true}""")]
    [InlineData(""","tool_choice":"required" """, "", """{"type":"any"}""")]
    [InlineData(""","tool_choice":"required" """, ""","parallel_tool_calls":false""", """{"type":"any","disable_parallel_tool_use":true}""")]
    [InlineData(""","tool_choice":"none" """, ""","parallel_tool_calls":false""", """{"type":"none"}""")]
    [InlineData(""","tool_choice":{"type":"function","function":{"name":"f"}}""", "", """{"type":"tool","name":"f"}""")]
    [InlineData(""","tool_choice":{"type":"function","function":{"name":"f"}}""", ""","parallel_tool_calls":false""", """{"type":"tool","name":"f","disable_parallel_tool_use":true}""")]
    public void Map_ToolChoiceAndParallelFlag_MapToAnthropicsToolChoice(string choice, string parallel, string? expected)
    {
        var (body, _) = Map(Hello(""","tools":[{"type":"function","function":{"name":"f"}}]""" + choice + parallel));

        Assert.Equal(expected, body.TryGetProperty("tool_choice", out var sent) ? sent.GetRawText() : null);
    }

    [Fact]
    public void Map_ToolChoiceWithoutTools_SendsNeither() =>
        Assert.Equal(["model", "max_tokens", "messages"], Map(Hello(""","tool_choice":"auto","parallel_tool_calls":false""")).Body.EnumerateObject().Select(p => p.Name));

    [Fact]
    public void Map_ResponseFormatJsonSchema_ForcesTheJsonTool()
    {
        var (body, jsonMode) = Map(Hello(""","response_format":{"type":"json_schema","json_schema":{"name":"city","strict":true,"schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}"""));

        Assert.True(jsonMode);
        Assert.Equal(
            """[{"name":"json_tool_call","description":"Respond with the answer as this tool's input.","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}]""",
            body.GetProperty("tools").GetRawText());
        Assert.Equal("""{"type":"tool","name":"json_tool_call"}""", body.GetProperty("tool_choice").GetRawText());
    }

    [Fact]
    public void Map_ResponseFormatJsonObject_AnyObjectSchema()
    {
        var (body, jsonMode) = Map(Hello(""","response_format":{"type":"json_object"}"""));

        Assert.True(jsonMode);
        Assert.Equal("""{"type":"object","additionalProperties":true}""", body.GetProperty("tools")[0].GetProperty("input_schema").GetRawText());
    }

    [Fact]
    public void Map_ResponseFormatWithClientTools_OffersTheJsonToolWithoutForcingIt()
    {
        var (body, jsonMode) = Map(Hello(""","tools":[{"type":"function","function":{"name":"f"}}],"response_format":{"type":"json_object"}"""));

        Assert.True(jsonMode);
        Assert.Equal(["f", "json_tool_call"], body.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.False(body.TryGetProperty("tool_choice", out _));
    }

    [Fact]
    public void Map_ResponseFormatText_IsNotJsonMode() =>
        Assert.False(Map(Hello(""","response_format":{"type":"text"}""")).JsonMode);
}
