using System.Text;
using Hub.Gateway.Providers.Translation;

namespace Hub.Gateway.Tests.Providers.Translation;

/// <summary>The typed view every translating provider maps from: what it reads, and the 400s it gives once for all of them.</summary>
public sealed class OpenAIChatRequestTests
{
    [Fact]
    public void Parse_FullRequest_EveryFieldTheMappersUse()
    {
        using var request = Parse("""
            {"model":"m","stream":true,"stream_options":{"include_usage":true},"temperature":0.3,"top_p":0.9,"max_tokens":10,"max_completion_tokens":20,
             "stop":"END","n":1,"seed":7,"user":"u1","safety_identifier":"s1","parallel_tool_calls":false,
             "tool_choice":{"type":"function","function":{"name":"get_weather"}},
             "response_format":{"type":"json_schema","json_schema":{"name":"answer","schema":{"type":"object"},"strict":true}},
             "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather","parameters":{"type":"object"},"strict":true}}],
             "messages":[
               {"role":"developer","content":[{"type":"text","text":"Be brief."},{"type":"text","text":" Really."}]},
               {"role":"user","content":[{"type":"text","text":"What is this?"},{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo=","detail":"low"}}]},
               {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Oslo\"}"}}]},
               {"role":"tool","tool_call_id":"call_1","content":"cold"}]}
            """);

        Assert.True(request.Stream);
        Assert.True(request.IncludeUsage);
        Assert.Equal(20, request.MaxTokens);
        Assert.Equal(["END"], request.Stop);
        Assert.Equal("s1", request.User);
        Assert.False(request.ParallelToolCalls);
        Assert.Equal(new ToolChoice(ToolChoiceMode.Function, "get_weather"), request.ToolChoice);
        Assert.Equal(ResponseFormatKind.JsonSchema, request.ResponseFormat!.Kind);
        Assert.Equal("get_weather", Assert.Single(request.Tools).Name);
        Assert.Equal("Be brief. Really.", request.Messages[0].Text());
        Assert.Equal(ContentPartKind.Image, request.Messages[1].Content[1].Kind);
        Assert.Equal(new ToolCall("call_1", "get_weather", """{"city":"Oslo"}"""), Assert.Single(request.Messages[2].ToolCalls));
        Assert.Equal("call_1", request.Messages[3].ToolCallId);
    }

    [Theory]
    [InlineData("""{"model":"m","messages":[{"role":"function","name":"f","content":"x"}]}""", "messages[0].role", "unsupported_parameter")]
    [InlineData("""{"model":"m","messages":[{"role":"robot","content":"x"}]}""", "messages[0].role", "invalid_value")]
    [InlineData("""{"model":"m","messages":[{"role":"tool","content":"x"}]}""", "messages[0].tool_call_id", "invalid_value")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":42}]}""", "messages[0].content", "invalid_value")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":[{"type":"video","video":{}}]}]}""", "messages[0].content[0].type", "invalid_value")]
    [InlineData("""{"model":"m","messages":[],"functions":[{"name":"f"}]}""", "functions", "unsupported_parameter")]
    [InlineData("""{"model":"m","messages":[],"tools":[{"type":"custom","custom":{"name":"c"}}]}""", "tools[0].type", "unsupported_parameter")]
    [InlineData("""{"model":"m","messages":[],"max_tokens":0}""", "max_tokens", "invalid_value")]
    [InlineData("""{"model":"m","messages":[],"stop":[1]}""", "stop", "invalid_value")]
    [InlineData("""{"model":"m","messages":[],"temperature":2.5}""", "temperature", "invalid_value")]
    [InlineData("""{"model":"m","messages":[],"top_p":1.5}""", "top_p", "invalid_value")]
    [InlineData("""{"model":"m","messages":[],"presence_penalty":-3}""", "presence_penalty", "invalid_value")]
    [InlineData("""{"model":"m","messages":[],"n":0}""", "n", "invalid_value")]
    public void Parse_NotWhatOpenAIAccepts_400NamingTheField(string json, string param, string code)
    {
        var (request, error) = OpenAIChatRequest.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Null(request);
        Assert.Equal(400, error!.Status);
        Assert.Equal(param, error.Param);
        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void Parse_RepeatedKey_400()
    {
        var (request, error) = OpenAIChatRequest.Parse("""{"model":"m","temperature":0.1,"temperature":2,"messages":[]}"""u8.ToArray());

        Assert.Null(request);
        Assert.Equal(400, error!.Status);
    }

    [Theory]
    [InlineData("data:image/png;base64,iVBORw0KGgo=", "image/png", "png")]
    [InlineData("DATA:Image/JPEG;charset=x;base64,/9j/4AAQ", "image/jpeg", "jpeg")]
    public void DataUrl_Valid_MediaTypeAndBase64(string url, string mediaType, string subType)
    {
        var parsed = DataUrl.TryParse(url)!;

        Assert.Equal(mediaType, parsed.MediaType);
        Assert.Equal(subType, parsed.SubType);
    }

    [Theory]
    [InlineData("https://example.com/a.png")]
    [InlineData("data:image/png,iVBORw0KGgo=")]
    [InlineData("data:image/png;base64,not base64!")]
    [InlineData("data:;base64,iVBORw0KGgo=")]
    [InlineData("data:image/png;base64,")]
    public void DataUrl_NotABase64DataUrl_Null(string url) => Assert.Null(DataUrl.TryParse(url));

    private static OpenAIChatRequest Parse(string json)
    {
        var (request, error) = OpenAIChatRequest.Parse(Encoding.UTF8.GetBytes(json));
        Assert.Null(error);
        return request!;
    }
}
