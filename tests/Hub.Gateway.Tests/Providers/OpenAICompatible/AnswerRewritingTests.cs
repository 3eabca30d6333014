using System.Text;
using System.Text.Json;
using Hub.Gateway.Providers;
using Hub.Gateway.Providers.OpenAICompatible;

namespace Hub.Gateway.Tests.Providers.OpenAICompatible;

public sealed class AnswerRewritingTests
{
    private static readonly OpenAICompatibleProfile Together = OpenAICompatibleProfile.For("together");
    private static readonly OpenAICompatibleProfile OpenRouter = OpenAICompatibleProfile.For("openrouter");

    [Fact]
    public async Task Filter_SplitAtEveryByte_SameOutputAsWhole()
    {
        const string upstream = ": OPENROUTER PROCESSING\n\ndata: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"error\"}]}\r\n\r\ndata: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"é\"},\"finish_reason\":null}]}\n\ndata: [DONE]\n\n";
        var whole = await FilterAsync(upstream, OpenRouter, chunkSize: int.MaxValue);

        for (var size = 1; size < 12; size++)
        {
            Assert.Equal(whole, await FilterAsync(upstream, OpenRouter, size));
        }

        Assert.Equal("data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\r\n\r\ndata: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"é\"},\"finish_reason\":null}]}\n\ndata: [DONE]\n\n", whole);
    }

    [Fact]
    public async Task Filter_NothingDeviates_BytesUnchanged()
    {
        const string upstream = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"},\"finish_reason\":null}]}\n\ndata: {\"choices\":[{\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";

        Assert.Equal(upstream, await FilterAsync(upstream, Together, chunkSize: 7));
    }

    [Theory]
    [InlineData("together", "{\"choices\":[{\"finish_reason\":\"eos\"}]}", "{\"choices\":[{\"finish_reason\":\"stop\"}]}")]
    [InlineData("mistral", "{\"choices\":[{\"finish_reason\":\"model_length\"}]}", "{\"choices\":[{\"finish_reason\":\"length\"}]}")]
    [InlineData("together", "{\"choices\":[{\"finish_reason\":\"something_new\"},{\"finish_reason\":\"length\"}]}", "{\"choices\":[{\"finish_reason\":\"stop\"},{\"finish_reason\":\"length\"}]}")]
    public void Rewrite_FinishReasons_MappedElseStop(string provider, string json, string expected) =>
        Assert.Equal(expected, Encoding.UTF8.GetString(AnswerRewriter.Rewrite(Encoding.UTF8.GetBytes(json), OpenAICompatibleProfile.For(provider))!));

    [Fact]
    public void Rewrite_OpenRouterNumericError_OpenAIShapeWithStringCode()
    {
        var mended = AnswerRewriter.Rewrite("""{"error":{"code":429,"message":"Slow down","metadata":{"provider_name":"Groq"}}}"""u8.ToArray(), OpenRouter)!;

        Assert.Equal("""{"error":{"message":"Slow down","type":"rate_limit_error","param":null,"code":"429"}}""", Encoding.UTF8.GetString(mended));
    }

    [Theory]
    [InlineData("call_weather01", false)]
    [InlineData("toolu_01A09q90qw90lq917835lq9", false)]
    [InlineData("abcDEF123", true)]
    [InlineData("abc-EF123", false)]
    public void MistralIds_Conforms(string id, bool conforms) => Assert.Equal(conforms, MistralToolCallIds.Conforms(id));

    [Fact]
    public void MistralIds_SameIdSameReplacementEverywhere()
    {
        var body = """{"messages":[{"role":"assistant","tool_calls":[{"id":"call_a","function":{"name":"f","arguments":"{}"}}]},{"role":"tool","tool_call_id":"call_a","content":"x"}],"model":"m"}"""u8.ToArray();

        var rewritten = JsonDocument.Parse(MistralToolCallIds.Rewrite(body)).RootElement.GetProperty("messages");

        var id = MistralToolCallIds.Replacement("call_a");
        Assert.Equal(id, rewritten[0].GetProperty("tool_calls")[0].GetProperty("id").GetString());
        Assert.Equal(id, rewritten[1].GetProperty("tool_call_id").GetString());
        Assert.True(MistralToolCallIds.Conforms(id));
    }

    [Theory]
    [InlineData("""{"model":"m"}""", """{"provider":{"only":["groq","google-ai-studio"],"allow_fallbacks":false,"data_collection":"deny"},"model":"m"}""")]
    [InlineData("""{ }""", """{"provider":{"only":["groq","google-ai-studio"],"allow_fallbacks":false,"data_collection":"deny"} }""")]
    public void OpenRouterRestrictions_InsertedAsTheFirstProperty(string body, string expected)
    {
        var restrictions = new DownstreamRestrictions(["groq", "gemini", "my-vllm"], DenyDataCollection: true, ZeroDataRetention: false);

        Assert.Equal(expected, Encoding.UTF8.GetString(OpenRouterRestrictions.Apply(Encoding.UTF8.GetBytes(body), restrictions).Span));
    }

    private static async Task<string> FilterAsync(string upstream, OpenAICompatibleProfile profile, int chunkSize)
    {
        await using var filter = new CompatibleStreamFilter(new TrickleStream(Encoding.UTF8.GetBytes(upstream), chunkSize), profile);
        var output = new MemoryStream();
        var buffer = new byte[5];
        int read;
        while ((read = await filter.ReadAsync(buffer, TestContext.Current.CancellationToken)) > 0)
        {
            output.Write(buffer, 0, read);
        }

        return Encoding.UTF8.GetString(output.ToArray());
    }

    /// <summary>A stream that hands out at most <c>chunkSize</c> bytes per read, as a network does.</summary>
    private sealed class TrickleStream(byte[] data, int chunkSize) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunkSize)], cancellationToken);
    }
}
