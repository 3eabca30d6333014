using System.Text;
using Hub.Gateway.ChatCompletions;

namespace Hub.Gateway.Tests.ChatCompletions;

public sealed class ChatRequestTests
{
    [Theory]
    [InlineData("""{"model":"openai/gpt-4o","messages":[{}]}""", "gpt-4o", """{"model":"gpt-4o","messages":[{}]}""")]
    [InlineData("""{ "messages":[{}] , "model" :  "together/meta-llama/Llama-3" }""", "meta-llama/Llama-3", """{ "messages":[{}] , "model" :  "meta-llama/Llama-3" }""")]
    [InlineData("""{"model":"open\u0061i/gpt","messages":[{}]}""", "gpt\"x", """{"model":"gpt\"x","messages":[{}]}""")]
    public void ToUpstreamBody_NothingRedacted_RewritesOnlyTheModelValue(string body, string upstreamModel, string expected)
    {
        var (request, error) = ChatRequestReader.Parse(Encoding.UTF8.GetBytes(body));

        Assert.Null(error);
        Assert.Equal(expected, Encoding.UTF8.GetString(request!.ToUpstreamBody(upstreamModel, redactedTexts: null)));
    }

    [Fact]
    public void Parse_EscapedModel_IsUnescaped()
    {
        var (request, _) = ChatRequestReader.Parse("""{"model":"open\u0061i/gpt","messages":[{}],"stream":true}"""u8.ToArray());

        Assert.Equal("openai/gpt", request!.Model);
        Assert.True(request.Stream);
    }
}
