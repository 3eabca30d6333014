using System.Text;
using System.Text.Json;
using Hub.Gateway.ChatCompletions;

namespace Hub.Gateway.Tests.ChatCompletions;

public sealed class JsonBodyEditorTests
{
    [Theory]
    [InlineData("""{"provider":{"a":1},"model":"m"}""", """{"model":"m"}""")]
    [InlineData("""{"model":"m" , "provider" : {"a":[1,{}]} , "n":1}""", """{"model":"m" ,  "n":1}""")]
    [InlineData("""{"model":"m",  "provider":{}}""", """{"model":"m"}""")]
    [InlineData("""{ "provider":null }""", """{  }""")]
    public void RemoveProperty_AnyPosition_LeavesValidJson(string document, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(document);

        var edited = JsonBodyEditor.Apply(bytes, [JsonEdit.RemoveProperty(bytes, PropertyRange(bytes, "provider"))]);

        Assert.Equal(expected, Encoding.UTF8.GetString(edited));
        using var parsed = JsonDocument.Parse(edited);
    }

    private static Range PropertyRange(byte[] document, string name)
    {
        var reader = new Utf8JsonReader(document);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var start = (int)reader.TokenStartIndex;
            var found = reader.ValueTextEquals(name);
            reader.Read();
            reader.Skip();
            if (found)
            {
                return start..(int)reader.BytesConsumed;
            }
        }

        throw new ArgumentException($"No property {name}.", nameof(name));
    }

    [Fact]
    public void ToUpstreamBody_ProviderObjectAndModel_BothEdited()
    {
        var (request, _) = ChatRequestReader.Parse("""{"model":"oah/x","provider":{"only":["a"]},"messages":[{"role":"user","content":"hi"}]}"""u8.ToArray());

        Assert.Equal("""{"model":"x@a","messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8.GetString(request!.ToUpstreamBody("x@a", null)));
    }
}
