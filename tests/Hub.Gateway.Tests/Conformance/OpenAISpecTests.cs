using Hub.Testing;

namespace Hub.Gateway.Tests.Conformance;

/// <summary>The validator itself: it accepts the spec's own examples and reports each kind of break.</summary>
public sealed class OpenAISpecTests
{
    /// <summary>The example of <c>CreateChatCompletionResponse</c> in the spec's <c>x-oaiMeta</c>.</summary>
    private const string Completion = """
        {"id":"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG","object":"chat.completion","created":1741570283,"model":"gpt-4o-2024-08-06",
         "choices":[{"index":0,"message":{"role":"assistant","content":"The image shows a wooden boardwalk.","refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],
         "usage":{"prompt_tokens":1117,"completion_tokens":46,"total_tokens":1163,
                  "prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},
                  "completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},
         "service_tier":"default","system_fingerprint":"fp_fc9f1d7035"}
        """;

    private const string Chunk = """
        {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini","system_fingerprint":"fp_44709d6fcb",
         "choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}],"usage":null}
        """;

    private const string Error = """{"error":{"message":"Invalid key","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""";

    private const string Model = """{"id":"gpt-4o","object":"model","created":1686935002,"owned_by":"openai"}""";

    private static readonly Dictionary<string, (string Schema, string Json)> Examples = new()
    {
        ["completion"] = ("CreateChatCompletionResponse", Completion),
        ["chunk"] = ("CreateChatCompletionStreamResponse", Chunk),
        ["error"] = ("ErrorResponse", Error),
        ["model"] = ("Model", Model),
        ["list"] = ("ListModelsResponse", $$"""{"object":"list","data":[{{Model}}]}"""),
    };

    [Theory]
    [InlineData("completion")]
    [InlineData("chunk")]
    [InlineData("error")]
    [InlineData("model")]
    [InlineData("list")]
    public async Task Validate_GoodExample_NoViolations(string example)
    {
        var spec = await OpenAISpec.GetAsync();
        var (schema, json) = Examples[example];

        Assert.Empty(spec.Validate(schema, json));
    }

    [Theory]
    [InlineData("completion", "\"finish_reason\":\"stop\"", "\"finish_reason\":\"end_turn\"", "NotInEnumeration at #/choices[0].finish_reason")]
    [InlineData("completion", "\"created\":1741570283", "\"created\":\"1741570283\"", "IntegerExpected at #/created")]
    [InlineData("completion", "\"model\":\"gpt-4o-2024-08-06\",", "", "PropertyRequired at #/model")]
    [InlineData("completion", "\"refusal\":null,", "", "PropertyRequired at #/choices[0].message.refusal")]
    [InlineData("completion", "\"object\":\"chat.completion\"", "\"object\":\"chat.completion.chunk\"", "NotInEnumeration at #/object")]
    [InlineData("completion", "\"logprobs\":null", "\"logprobs\":[]", "NotAnyOf at #/choices[0].logprobs")]
    [InlineData("completion", "\"service_tier\":\"default\"", "\"service_tier\":\"bogus\"", "NotAnyOf at #/service_tier")]
    [InlineData("completion", "\"service_tier\"", "\"metadata\":{\"user\":1},\"service_tier\"", "NotAnyOf at #/metadata")]
    [InlineData("chunk", "\"finish_reason\":null", "\"finish_reason\":\"end_turn\"", "NotInEnumeration at #/choices[0].finish_reason")]
    [InlineData("chunk", "\"usage\":null", "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}", "PropertyRequired at #/usage.total_tokens")]
    [InlineData("chunk", "\"delta\":{\"role\":\"assistant\",\"content\":\"\"},", "", "PropertyRequired at #/choices[0].delta")]
    [InlineData("error", "\"param\":null,", "", "PropertyRequired at #/error.param")]
    [InlineData("error", "\"code\":\"invalid_api_key\"", "\"code\":401", "NotAnyOf at #/error.code")]
    [InlineData("model", "\"created\":1686935002", "\"created\":1.5", "IntegerExpected at #/created")]
    [InlineData("list", "\"object\":\"model\"", "\"object\":\"models\"", "NotInEnumeration at #/data[0].object")]
    public async Task Validate_BrokenExample_ReportsTheViolation(string example, string from, string to, string violation)
    {
        var spec = await OpenAISpec.GetAsync();
        var (schema, json) = Examples[example];
        Assert.Contains(from, json, StringComparison.Ordinal);

        var violations = spec.Validate(schema, json.Replace(from, to, StringComparison.Ordinal));

        Assert.StartsWith(violation, Assert.Single(violations), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_UnknownSchema_Throws()
    {
        var spec = await OpenAISpec.GetAsync();

        Assert.Throws<ArgumentException>(() => spec.Validate("NoSuchSchema", "{}"));
    }
}
