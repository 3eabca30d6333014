using System.Text;
using Hub.Gateway.ChatCompletions;

namespace Hub.Gateway.Tests.Scanning;

/// <summary>Which strings of a request reach the scanner, and how redactions go back into the body.</summary>
public sealed class ChatTextCollectorTests
{
    [Fact]
    public void Parse_EveryModelVisibleText_IsCollectedInBodyOrderWithItsMessageIndex()
    {
        var body = """
            {"model":"m","messages":[
              {"role":"system","content":"sys text"},
              {"role":"user","name":"alice_n","content":[{"type":"text","text":"part one"},{"type":"image_url","image_url":{"url":"data:x"}},{"type":"text","text":"part two"}]},
              {"role":"assistant","content":null,"refusal":"no way","tool_calls":[{"id":"c1","type":"function","function":{"name":"lookup","arguments":"{\"q\":\"args text\"}"}}]},
              {"role":"tool","tool_call_id":"c1","content":"tool result"},
              {"role":"assistant","function_call":{"name":"legacy","arguments":"legacy args"}}],
             "tools":[{"type":"function","function":{"name":"lookup","description":"tool description","parameters":{"type":"object","properties":{"q":{"type":"string","description":"param description"},"description":{"type":"string","description":"nested"}}}}}],
             "functions":[{"name":"legacy","description":"legacy description"}],
             "metadata":{"content":"not sent to the model as a message"}}
            """;

        var (request, error) = ChatRequestReader.Parse(Encoding.UTF8.GetBytes(body));

        Assert.Null(error);
        Assert.Equal(
            ["sys text", "alice_n", "part one", "part two", "no way", "{\"q\":\"args text\"}", "tool result", "legacy args",
             "tool description", "param description", "nested", "legacy description"],
            request!.Texts.Select(t => t.Value));
        Assert.Equal<int?>([0, 1, 1, 1, 2, 2, 3, 4, null, null, null, null], request.Texts.Select(t => t.MessageIndex));
    }

    [Fact]
    public void Parse_PromptShape_MessagesNamesToolCallsImagesAndWhereTheToolDefinitionsAre()
    {
        var body = """
            {"model":"m","messages":[
              {"role":"user","name":"alice_n","content":[{"type":"image_url","image_url":{"url":"data:x"}},{"type":"text","text":"t"},{"type":"image_url","image_url":"https://x/y.png"}]},
              {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"a","arguments":"{}"}},{"id":"c2","type":"function","function":{"name":"b","arguments":"{}"}}]},
              {"role":"assistant","function_call":{"name":"legacy","arguments":"{}"}}],
             "tools":[{"type":"function","function":{"name":"a"}}],
             "functions":[{"name":"legacy"}]}
            """;

        var (request, _) = ChatRequestReader.Parse(Encoding.UTF8.GetBytes(body));

        var shape = request!.Shape;
        Assert.Equal((3, 1, 3, 2), (shape.Messages, shape.Names, shape.ToolCalls, shape.Images));
        Assert.Equal(2, request.ImageCount);
        Assert.Equal(
            ["""[{"type":"function","function":{"name":"a"}}]""", """[{"name":"legacy"}]"""],
            shape.ToolDefinitions.Select(range => Encoding.UTF8.GetString(request.Body.AsSpan(range))));
    }

    [Fact]
    public void Parse_EscapedText_IsDecodedForTheScanner()
    {
        var (request, _) = ChatRequestReader.Parse("""{"model":"m","messages":[{"role":"user","content":"line\none \u00e9 \"q\""}]}"""u8.ToArray());

        Assert.Equal("line\none é \"q\"", Assert.Single(request!.Texts).Value);
    }

    [Fact]
    public void Parse_DuplicateContentKeys_BothAreScanned()
    {
        // A parser that keeps the last duplicate must not see an unscanned text.
        var (request, _) = ChatRequestReader.Parse("""{"model":"m","messages":[{"role":"user","content":"first","content":"second"}]}"""u8.ToArray());

        Assert.Equal(["first", "second"], request!.Texts.Select(t => t.Value));
    }

    [Fact]
    public void ToUpstreamBody_RedactedTexts_ReplaceOnlyThoseStringsAndEverythingElseIsKept()
    {
        var body = """{ "model" : "hub/m", "messages":[{"role":"user","content":"mail a@b.co now"},{"role":"user","content":"keep \u00e9"}], "temperature" : 0.50 }""";
        var (request, _) = ChatRequestReader.Parse(Encoding.UTF8.GetBytes(body));

        var upstream = request!.ToUpstreamBody("m", ["mail [EMAIL_ADDRESS] now", "keep é"]);

        Assert.Equal(
            """{ "model" : "m", "messages":[{"role":"user","content":"mail [EMAIL_ADDRESS] now"},{"role":"user","content":"keep \u00e9"}], "temperature" : 0.50 }""",
            Encoding.UTF8.GetString(upstream));
    }

    [Fact]
    public void Parse_ImageUrls_AreCollectedInBodyOrderWithTheirMessageIndex_RepeatedKeysAndBareStringsToo()
    {
        var body = """
            {"model":"m","messages":[
              {"role":"system","content":"s"},
              {"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA","detail":"low"}},{"type":"text","text":"t"}]},
              {"role":"user","content":[{"type":"image_url","image_url":{"url":"https://a.example/1.png","url":"https://a.example/2.png"}},
                                        {"type":"image_url","image_url":"https://a.example/bare.png"},
                                        {"type":"image_url","image_url":{"url":42}}]}]}
            """;

        var (request, error) = ChatRequestReader.Parse(Encoding.UTF8.GetBytes(body));

        Assert.Null(error);
        Assert.Equal(
            [("data:image/png;base64,AAAA", 1), ("https://a.example/1.png", 2), ("https://a.example/2.png", 2), ("https://a.example/bare.png", 2)],
            request!.Images.Select(i => (i.Url, i.MessageIndex!.Value)));
        Assert.Equal(4, request.ImageCount);
        Assert.Equal("\"https://a.example/2.png\"", Encoding.UTF8.GetString(request.Body.AsSpan(request.Images[2].Token)));
    }

    [Fact]
    public void Parse_NoImages_CollectsNone()
    {
        var (request, _) = ChatRequestReader.Parse("""{"model":"p/m","messages":[{"role":"user","content":"x"}]}"""u8.ToArray());

        Assert.Empty(request!.Images);
    }

    [Fact]
    public void ToUpstreamBody_ReplacedImages_BecomePngDataUrlsAndEverythingElseIsKept()
    {
        var body = """{"model":"p/m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"https://a.example/x.png","detail":"high"}},{"type":"image_url","image_url":{"url":"data:image/jpeg;base64,/9j/"}}]}]}""";
        var (request, _) = ChatRequestReader.Parse(Encoding.UTF8.GetBytes(body));

        var upstream = request!.ToUpstreamBody("m", [], redactedImages: ["iVBORw0KGgo+/=", null]);

        Assert.Equal(
            """{"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo+/=","detail":"high"}},{"type":"image_url","image_url":{"url":"data:image/jpeg;base64,/9j/"}}]}]}""",
            Encoding.UTF8.GetString(upstream));
    }

    [Fact]
    public void ToUpstreamBody_RedactionWithQuotesAndNewlines_IsValidJson()
    {
        var (request, _) = ChatRequestReader.Parse("""{"model":"p/m","messages":[{"role":"user","content":"x"}]}"""u8.ToArray());

        var upstream = request!.ToUpstreamBody("m", ["say \"hi\"\n</script>"]);

        using var document = System.Text.Json.JsonDocument.Parse(upstream);
        Assert.Equal("say \"hi\"\n</script>", document.RootElement.GetProperty("messages")[0].GetProperty("content").GetString());
    }

    [Theory]
    [InlineData("""{"model":"m","safety_identifier":"sid","user":"u","messages":[{}]}""", "sid")]
    [InlineData("""{"model":"m","user":"u","messages":[{}]}""", "u")]
    [InlineData("""{"model":"m","user":42,"messages":[{}]}""", null)]
    public void Parse_EndUser_PrefersSafetyIdentifier(string body, string? expected)
    {
        var (request, _) = ChatRequestReader.Parse(Encoding.UTF8.GetBytes(body));

        Assert.Equal(expected, request!.EndUser);
    }

    [Fact]
    public void PromptHash_IgnoresWhitespaceAndEscapes_ButNotContent()
    {
        static string HashOf(string body) => ChatRequestReader.Parse(Encoding.UTF8.GetBytes(body)).Request!.PromptSha256;

        var compact = HashOf("""{"model":"a","messages":[{"role":"user","content":"Hi A"}]}""");
        var spaced = HashOf("""{ "messages" : [ { "role" : "user", "content" : "Hi \u0041" } ], "model":"b", "temperature":1 }""");
        var changed = HashOf("""{"model":"a","messages":[{"role":"user","content":"Hi B"}]}""");

        Assert.Equal(compact, spaced);
        Assert.NotEqual(compact, changed);
        Assert.Equal(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("""[{"role":"user","content":"Hi A"}]"""u8)),
            compact);
    }
}
