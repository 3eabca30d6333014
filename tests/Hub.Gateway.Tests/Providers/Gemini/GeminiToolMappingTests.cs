namespace Hub.Gateway.Tests.Providers.Gemini;

/// <summary>Tools as <c>functionDeclarations</c> with Gemini-clean schemas, and <c>tool_choice</c> as <c>functionCallingConfig</c>.</summary>
public sealed class GeminiToolMappingTests
{
    private const string Weather = """{"type":"function","function":{"name":"get_weather","description":"Weather in a city","strict":true,"parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}}}""";

    [Fact]
    public void Map_Tools_FunctionDeclarationsWithoutJsonSchemaOnlyKeywords()
    {
        var body = GeminiRequests.Map($$$"""{"model":"m","messages":[{"role":"user","content":"Hi"}],"tools":[{{{Weather}}},{"type":"function","function":{"name":"now"}}]}""");

        Assert.Equal(
            """{"contents":[{"role":"user","parts":[{"text":"Hi"}]}],"tools":[{"functionDeclarations":["""
            + """{"name":"get_weather","description":"Weather in a city","parameters":{"type":"OBJECT","properties":{"city":{"type":"STRING"}},"required":["city"]}},"""
            + """{"name":"now"}]}]}""",
            body);
    }

    [Fact]
    public void Map_ToolWithEmptyObjectParameters_SendsNoParameters()
    {
        var body = GeminiRequests.Map("""
            {"model":"m","messages":[{"role":"user","content":"Hi"}],"tools":[{"type":"function","function":{"name":"now","parameters":{"type":"object","properties":{},"additionalProperties":false}}}]}
            """);

        Assert.Contains("""{"functionDeclarations":[{"name":"now"}]}""", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_SchemaFromAnSdk_RefsInlinedNullableTypesAndOnlyGeminiFields()
    {
        // The shape Pydantic/zod emit: $defs with $ref, type lists with null, formats Gemini refuses, oneOf.
        var body = GeminiRequests.Map("""
            {"model":"m","messages":[{"role":"user","content":"Hi"}],"tools":[{"type":"function","function":{"name":"book","parameters":{
              "$schema":"http://json-schema.org/draft-07/schema#","type":"object","additionalProperties":false,
              "$defs":{"Address":{"type":"object","properties":{"street":{"type":"string","minLength":1}},"required":["street"],"additionalProperties":false}},
              "properties":{
                "home":{"$ref":"#/$defs/Address"},
                "work":{"allOf":[{"$ref":"#/$defs/Address"}]},
                "email":{"type":["string","null"],"format":"email","description":"Contact"},
                "when":{"type":"string","format":"date-time"},
                "kind":{"type":"string","enum":["a","b"]},
                "level":{"type":"integer","enum":[1,2],"minimum":1,"maximum":2,"examples":[1]},
                "size":{"const":"xl"},
                "either":{"oneOf":[{"type":"string"},{"type":"number","format":"double"}]},
                "tags":{"type":"array","items":{"type":"string"},"maxItems":3,"uniqueItems":true}},
              "required":["home"]}}}]}
            """);

        Assert.Contains(
            "\"" + """parameters":{"type":"OBJECT","properties":{"""
            + "\"" + """home":{"type":"OBJECT","properties":{"street":{"type":"STRING","minLength":1}},"required":["street"]},"""
            + "\"" + """work":{"type":"OBJECT","properties":{"street":{"type":"STRING","minLength":1}},"required":["street"]},"""
            + "\"" + """email":{"type":"STRING","nullable":true,"description":"Contact"},"""
            + "\"" + """when":{"type":"STRING","format":"date-time"},"""
            + "\"" + """kind":{"type":"STRING","enum":["a","b"]},"""
            + "\"" + """level":{"type":"INTEGER","minimum":1,"maximum":2},"""
            + "\"" + """size":{"enum":["xl"]},"""
            + "\"" + """either":{"anyOf":[{"type":"STRING"},{"type":"NUMBER","format":"double"}]},"""
            + "\"" + """tags":{"type":"ARRAY","items":{"type":"STRING"},"maxItems":3}},"required":["home"]}""",
            body,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"object","properties":{"next":{"$ref":"#"}}}""")]
    [InlineData("""{"type":"object","$defs":{"N":{"type":"object","properties":{"n":{"$ref":"#/$defs/N"}}}},"properties":{"n":{"$ref":"#/$defs/N"}}}""")]
    [InlineData("""{"type":"object","properties":{"n":{"$ref":"#/$defs/Missing"}}}""")]
    [InlineData("""{"type":"object","properties":{"n":{"$ref":"https://example.com/schema.json"}}}""")]
    public void Map_SchemaRefGeminiCannotExpress_Refused400(string parameters)
    {
        var error = GeminiRequests.Refuse($$$"""{"model":"m","messages":[{"role":"user","content":"Hi"}],"tools":[{"type":"function","function":{"name":"f","parameters":{{{parameters}}}}}]}""");

        Assert.Equal((400, "tools[0].function.parameters"), (error.Status, error.Param));
    }

    [Theory]
    [InlineData("\"none\"", """{"mode":"NONE"}""")]
    [InlineData("\"auto\"", """{"mode":"AUTO"}""")]
    [InlineData("\"required\"", """{"mode":"ANY"}""")]
    [InlineData("""{"type":"function","function":{"name":"get_weather"}}""", """{"mode":"ANY","allowedFunctionNames":["get_weather"]}""")]
    public void Map_ToolChoice_FunctionCallingConfig(string toolChoice, string expected)
    {
        var body = GeminiRequests.Map($$$"""{"model":"m","messages":[{"role":"user","content":"Hi"}],"tools":[{{{Weather}}}],"tool_choice":{{{toolChoice}}}}""");

        Assert.EndsWith($$$""","toolConfig":{"functionCallingConfig":{{{expected}}}}}""", body);
    }

    [Theory]
    [InlineData("")]
    [InlineData(",\"parallel_tool_calls\":false")]
    [InlineData(",\"parallel_tool_calls\":true")]
    public void Map_NoToolChoiceAndAnyParallelFlag_NoToolConfigSinceGeminiHasNoSuchSwitch(string parallel)
    {
        var body = GeminiRequests.Map($$$"""{"model":"m","messages":[{"role":"user","content":"Hi"}],"tools":[{{{Weather}}}]{{{parallel}}}}""");

        Assert.DoesNotContain("toolConfig", body, StringComparison.Ordinal);
        Assert.DoesNotContain("parallel", body, StringComparison.OrdinalIgnoreCase);
    }
}
