using static Hub.Gateway.Tests.Providers.Anthropic.AnthropicRequests;

namespace Hub.Gateway.Tests.Providers.Anthropic;

/// <summary>The conversation: turns, content blocks, tool calls and results (<c>protocols.md</c> 2.1, 2.4).</summary>
public sealed class AnthropicMessageMapperTests
{
    private const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    private static string Messages(string messages) => Map(Chat(messages)).Body.GetProperty("messages").GetRawText();

    [Fact]
    public void Map_MultiPartUserContent_TextAndImageBlocksInOrder()
    {
        var messages = Messages($$$$"""[{"role":"user","content":[{"type":"text","text":"What is in this image?"},{"type":"image_url","image_url":{"url":"data:image/png;base64,{{{{Png}}}}","detail":"high"}},{"type":"image_url","image_url":{"url":"https://example.com/cat.jpg"}}]}]""");

        Assert.Equal(
            $$$$"""[{"role":"user","content":[{"type":"text","text":"What is in this image?"},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"{{{{Png}}}}"}},{"type":"image","source":{"type":"url","url":"https://example.com/cat.jpg"}}]}]""",
            messages);
    }

    [Theory]
    [InlineData("data:image/bmp;base64,Qk0=", "invalid_value")]
    [InlineData("data:image/png;base64,not base64!", "invalid_value")]
    [InlineData("data:image/png,rawbytes", "invalid_value")]
    [InlineData("http://example.com/cat.jpg", "invalid_value")]
    [InlineData("ftp://example.com/cat.jpg", "invalid_value")]
    public void Map_ImageAnthropicCannotTake_Refused(string url, string code)
    {
        var error = Refuse(Chat($$$$"""[{"role":"user","content":[{"type":"image_url","image_url":{"url":"{{{{url}}}}"}}]}]"""));

        Assert.Equal((400, code, "messages[0].content[0].image_url.url"), (error.Status, error.Code, error.Param));
    }

    [Fact]
    public void Map_PdfFile_DocumentBlock() =>
        Assert.Equal(
            """[{"role":"user","content":[{"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBERi0xLjQ="}},{"type":"text","text":"Summarise"}]}]""",
            Messages("""[{"role":"user","content":[{"type":"file","file":{"file_data":"data:application/pdf;base64,JVBERi0xLjQ=","filename":"a.pdf"}},{"type":"text","text":"Summarise"}]}]"""));

    [Theory]
    [InlineData("""{"type":"file","file":{"file_id":"file-abc"}}""", "unsupported_parameter")]
    [InlineData("""{"type":"file","file":{"file_data":"data:text/plain;base64,aGk="}}""", "unsupported_parameter")]
    [InlineData("""{"type":"file","file":{"file_data":"not a data url"}}""", "invalid_value")]
    [InlineData("""{"type":"input_audio","input_audio":{"data":"UklGRg==","format":"wav"}}""", "unsupported_parameter")]
    public void Map_PartAnthropicCannotRead_Refused(string part, string code)
    {
        var error = Refuse(Chat($$"""[{"role":"user","content":[{{part}}]}]"""));

        Assert.Equal((400, "invalid_request_error", code), (error.Status, error.Type, error.Code));
        Assert.StartsWith("messages[0].content[0]", error.Param, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_AssistantToolCallsThenResultsAndUserText_ToolUseBlocksAndOneMergedUserTurn()
    {
        var messages = Messages("""
            [{"role":"user","content":"Weather and time?"},
             {"role":"assistant","content":"Let me check.","tool_calls":[
               {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\": \"Paris\"}"}},
               {"id":"call_2","type":"function","function":{"name":"get_time","arguments":""}}]},
             {"role":"tool","tool_call_id":"call_1","content":"18°C"},
             {"role":"tool","tool_call_id":"call_2","content":[{"type":"text","text":"12:00"}]},
             {"role":"user","content":"Thanks"}]
            """);

        Assert.Equal(
            """[{"role":"user","content":[{"type":"text","text":"Weather and time?"}]},{"role":"assistant","content":[{"type":"text","text":"Let me check."},{"type":"tool_use","id":"call_1","name":"get_weather","input":{"city": "Paris"}},{"type":"tool_use","id":"call_2","name":"get_time","input":{}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"call_1","content":"18°C"},{"type":"tool_result","tool_use_id":"call_2","content":"12:00"},{"type":"text","text":"Thanks"}]}]""",
            messages);
    }

    [Fact]
    public void Map_AssistantWithOnlyToolCalls_NoTextBlock() =>
        Assert.Equal(
            """[{"role":"user","content":[{"type":"text","text":"Go"}]},{"role":"assistant","content":[{"type":"tool_use","id":"c","name":"f","input":{"a":[1,{"b":null}]}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"c"}]}]""",
            Messages("""[{"role":"user","content":"Go"},{"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":" {\"a\":[1,{\"b\":null}]} "}}]},{"role":"tool","tool_call_id":"c","content":""}]"""));

    [Theory]
    [InlineData("{")]
    [InlineData("[1,2]")]
    [InlineData("5")]
    [InlineData("\"text\"")]
    [InlineData("{} {}")]
    [InlineData("{\"a\":1,}")]
    [InlineData("{'a':1}")]
    public void Map_ToolCallArgumentsNotOneJsonObject_Refused(string arguments)
    {
        var error = Refuse(Chat($$$$"""[{"role":"user","content":"Go"},{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":{{{{System.Text.Json.JsonSerializer.Serialize(arguments)}}}}}}]}]"""));

        Assert.Equal((400, "invalid_value", "messages[1].tool_calls[0].function.arguments"), (error.Status, error.Code, error.Param));
    }

    [Fact]
    public void Map_ConsecutiveSameRoleMessages_MergedIntoOneTurn() =>
        Assert.Equal(
            """[{"role":"user","content":[{"type":"text","text":"one"},{"type":"text","text":"two"}]},{"role":"assistant","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]},{"role":"user","content":[{"type":"text","text":"three"}]}]""",
            Messages("""[{"role":"user","content":"one"},{"role":"user","content":"two"},{"role":"assistant","content":"a"},{"role":"system","content":"between"},{"role":"assistant","content":"b"},{"role":"user","content":"three"}]"""));

    [Fact]
    public void Map_BlankTextBlocks_Dropped() =>
        Assert.Equal(
            """[{"role":"user","content":[{"type":"text","text":"real"}]}]""",
            Messages("""[{"role":"user","content":[{"type":"text","text":""},{"type":"text","text":"real"},{"type":"text","text":"  \n"}]},{"role":"assistant","content":""},{"role":"user","content":" "}]"""));

    [Fact]
    public void Map_FinalAssistantText_TrailingWhitespaceRemoved() =>
        Assert.Equal(
            """[{"role":"user","content":[{"type":"text","text":"Hi "}]},{"role":"assistant","content":[{"type":"text","text":"Sure "}]},{"role":"user","content":[{"type":"text","text":"Go on"}]},{"role":"assistant","content":[{"type":"text","text":"  The answer is"}]}]""",
            Messages("""[{"role":"user","content":"Hi "},{"role":"assistant","content":"Sure "},{"role":"user","content":"Go on"},{"role":"assistant","content":"  The answer is \n"}]"""));

    [Fact]
    public void Map_ConversationStartingWithAssistant_PlaceholderUserTurnFirst() =>
        Assert.Equal(
            """[{"role":"user","content":[{"type":"text","text":"."}]},{"role":"assistant","content":[{"type":"text","text":"How can I help?"}]},{"role":"user","content":[{"type":"text","text":"Hi"}]}]""",
            Messages("""[{"role":"system","content":"Be kind."},{"role":"assistant","content":"How can I help?"},{"role":"user","content":"Hi"}]"""));

    [Fact]
    public void Map_OnlySystemMessages_PlaceholderUserTurn() =>
        Assert.Equal("""[{"role":"user","content":[{"type":"text","text":"."}]}]""", Messages("""[{"role":"system","content":"Tell a joke."}]"""));

    [Fact]
    public void Map_ToolHistoryWithoutTools_DeclaresTheHistorysToolsAndChoiceNone()
    {
        var (body, _) = Map(Chat("""[{"role":"user","content":"Go"},{"role":"assistant","tool_calls":[{"id":"a","type":"function","function":{"name":"f","arguments":"{}"}},{"id":"b","type":"function","function":{"name":"f","arguments":"{}"}}]},{"role":"tool","tool_call_id":"a","content":"1"},{"role":"tool","tool_call_id":"b","content":"2"}]"""));

        Assert.Equal("""[{"name":"f","input_schema":{"type":"object","properties":{}}}]""", body.GetProperty("tools").GetRawText());
        Assert.Equal("""{"type":"none"}""", body.GetProperty("tool_choice").GetRawText());
    }
}
