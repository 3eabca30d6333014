using System.Text;
using Hub.Gateway.Billing.Estimation;
using Hub.Gateway.ChatCompletions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.ML.Tokenizers;

namespace Hub.Gateway.Tests.Billing.Estimation;

/// <summary>
/// Prompt token estimates. The OpenAI counts are ones the API billed: hmarr/openai-chat-tokens'
/// fixtures (gpt-3.5-turbo, cl100k_base, each checked against <c>usage.prompt_tokens</c>) and
/// tiktoken's own examples.
/// </summary>
public sealed class PromptTokenEstimatorTests
{
    private static readonly PromptTokenEstimator Estimator = new(Options.Create(new PromptEstimationOptions()));

    [Theory]
    [InlineData("o200k_base", "hello world", 2)]
    [InlineData("cl100k_base", "hello world", 2)]
    [InlineData("cl100k_base", "tiktoken is great!", 6)] // tiktoken's README and OpenAI's cookbook: [83, 1609, 5963, 374, 2294, 0]
    public void Encodings_KnownStrings_TiktokenCounts(string encoding, string text, int tokens) =>
        Assert.Equal(tokens, TiktokenTokenizer.CreateForEncoding(encoding).CountTokens(text));

    [Theory]
    [InlineData("""[{"role":"user","content":"hello"}]""", 8)]
    [InlineData("""[{"role":"user","content":"hello world"}]""", 9)]
    [InlineData("""[{"role":"system","content":"hello"}]""", 8)]
    [InlineData("""[{"role":"system","content":"# Important: you're the best robot"},{"role":"user","content":"hello robot"},{"role":"assistant","content":"hello world"}]""", 27)]
    public void Estimate_OpenAIMessages_ApiBilledCount(string messages, int billed) =>
        Assert.Equal(billed, Estimator.Estimate(Request($$"""{"model":"gpt-3.5-turbo","messages":{{messages}}}"""), "gpt-3.5-turbo", "gpt-3.5-turbo"));

    [Fact]
    public void Estimate_Framing_ThreePerMessageOneForRoleOnePerNameThreeForTheReply()
    {
        // "hello world" is 2 tokens and "alice" 1 in o200k_base.
        var request = Request("""{"model":"gpt-4o","messages":[{"role":"user","content":"hello world"},{"role":"user","name":"alice","content":"hello world"}]}""");

        Assert.Equal(3 + (2 * (3 + 1 + 2)) + (1 + 1), Estimator.Estimate(request, "gpt-4o", "gpt-4o"));
    }

    [Theory]
    [InlineData("""[{"name":"foo","parameters":{"type":"object","properties":{}}}]""", 31)]
    [InlineData("""[{"name":"foo","description":"Do a foo","parameters":{"type":"object","properties":{}}}]""", 36)]
    [InlineData("""[{"name":"bing_bong","description":"Do a bing bong","parameters":{"type":"object","properties":{"foo":{"type":"string"}}}}]""", 49)]
    [InlineData("""[{"name":"bing_bong","description":"Do a bing bong","parameters":{"type":"object","properties":{"foo":{"type":"string"},"bar":{"type":"number","description":"A number"}}}}]""", 57)]
    [InlineData("""[{"name":"bing_bong","description":"Do a bing bong","parameters":{"type":"object","properties":{"foo":{"type":"object","properties":{"bar":{"type":"string","enum":["a","b","c"]},"baz":{"type":"boolean"}}}}}}]""", 68)]
    [InlineData("""[{"name":"get_recipe","parameters":{"type":"object","required":["ingredients","instructions","time_to_cook"],"properties":{"ingredients":{"type":"array","items":{"type":"object","required":["name","unit","amount"],"properties":{"name":{"type":"string"},"unit":{"enum":["grams","ml","cups","pieces","teaspoons"],"type":"string"},"amount":{"type":"number"}}}},"instructions":{"type":"array","items":{"type":"string"},"description":"Steps to prepare the recipe (no numbering)"},"time_to_cook":{"type":"number","description":"Total time to prepare the recipe in minutes"}}}}]""", 106)]
    public void Estimate_FunctionDefinitions_ApiBilledCount(string functions, int billed)
    {
        var request = Request($$"""{"model":"gpt-3.5-turbo","messages":[{"role":"user","content":"hello"}],"functions":{{functions}}}""");

        Assert.Equal(billed, Estimator.Estimate(request, null, "gpt-3.5-turbo"));
    }

    [Fact]
    public void Estimate_ToolsArray_CountedLikeTheLegacyFunctionsArray()
    {
        const string Function = """{"name":"bing_bong","description":"Do a bing bong","parameters":{"type":"object","properties":{"foo":{"type":"string"}}}}""";
        var legacy = Request($$"""{"model":"gpt-4o","messages":[{"role":"user","content":"hello"}],"functions":[{{Function}}]}""");
        var tools = Request($$"""{"model":"gpt-4o","messages":[{"role":"user","content":"hello"}],"tools":[{"type":"function","function":{{Function}}}]}""");

        Assert.Equal(Estimator.Estimate(legacy, "gpt-4o", "gpt-4o"), Estimator.Estimate(tools, "gpt-4o", "gpt-4o"));
    }

    [Fact]
    public void Estimate_ToolCallInTheHistory_ArgumentsPlusTheToolCallAllowance()
    {
        var withCall = Request("""{"model":"gpt-4o","messages":[{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"lookup","arguments":"hello world"}}]}]}""");

        Assert.Equal(3 + 3 + 1 + 2 + PromptTokenEstimator.ToolCallTokens, Estimator.Estimate(withCall, "gpt-4o", "gpt-4o"));
    }

    [Theory]
    [InlineData("gpt-4o", "gpt-4o-2024-08-06", OpenAIEncoding.O200kBase)]
    [InlineData("gpt-4.1-mini", "openai/gpt-4.1-mini", OpenAIEncoding.O200kBase)]
    [InlineData("gpt-5-mini", "gpt-5-mini", OpenAIEncoding.O200kBase)]
    [InlineData("o4-mini", "o4-mini", OpenAIEncoding.O200kBase)]
    [InlineData(null, "o1-preview", OpenAIEncoding.O200kBase)]
    [InlineData(null, "o3", OpenAIEncoding.O200kBase)]
    [InlineData(null, "gpt-4-turbo", OpenAIEncoding.Cl100kBase)]
    [InlineData(null, "gpt-4", OpenAIEncoding.Cl100kBase)]
    [InlineData(null, "gpt-35-turbo", OpenAIEncoding.Cl100kBase)]
    [InlineData("gpt-4o", "my-azure-deployment", OpenAIEncoding.O200kBase)]
    [InlineData("claude-sonnet-4.5", "claude-sonnet-4-5-20250929", OpenAIEncoding.None)]
    public void RuleFor_OpenAIFamilies_TheirEncoding(string? catalogId, string upstream, object encoding) =>
        Assert.Equal((OpenAIEncoding)encoding, Estimator.RuleFor(catalogId, upstream).Encoding);

    [Theory]
    [InlineData("claude-sonnet-4.5", "claude-sonnet-4-5-20250929", 1.30)]
    [InlineData("claude-sonnet-4.5", "us.anthropic.claude-sonnet-4-5-20250929-v1:0", 1.30)]
    [InlineData(null, "anthropic/claude-haiku-4.5", 1.30)]
    [InlineData(null, "claude-opus-4-7", 1.75)]
    [InlineData("llama-3.3-70b-instruct", "meta-llama/Llama-3.3-70B-Instruct-Turbo", 1.15)]
    [InlineData(null, "us.meta.llama3-3-70b-instruct-v1:0", 1.15)]
    [InlineData(null, "mistralai/Mixtral-8x7B-Instruct-v0.1", 1.40)]
    [InlineData(null, "mistral-small-latest", 1.15)]
    [InlineData(null, "us.deepseek.r1-v1:0", 1.20)]
    [InlineData(null, "gemini-2.5-flash", 1.15)]
    [InlineData(null, "Qwen/Qwen3-235B-A22B", 1.15)]
    [InlineData("gpt-oss-120b", "openai/gpt-oss-120b", 1.00)]
    [InlineData("gpt-4o", "gpt-4o", 1.00)]
    [InlineData(null, "totally-unknown-model", 1.25)]
    public void RuleFor_Families_TheirFactor(string? catalogId, string upstream, double factor) =>
        Assert.Equal(factor, Estimator.RuleFor(catalogId, upstream).Factor);

    [Fact]
    public void Estimate_NonOpenAIModel_O200kCountTimesTheFactorRoundedUp()
    {
        var request = Request("""{"model":"anthropic/claude-sonnet-4.5","messages":[{"role":"user","content":"hello world"}]}""");
        var o200k = Estimator.Estimate(request, "gpt-4o", "gpt-4o");

        Assert.Equal(9, o200k);
        Assert.Equal(12, Estimator.Estimate(request, "claude-sonnet-4.5", "claude-sonnet-4-5-20250929")); // ⌈9 × 1.30⌉
    }

    [Fact]
    public void Estimate_UnknownModel_O200kTimesTheDefaultFactor()
    {
        var request = Request("""{"model":"x/y","messages":[{"role":"user","content":"hello world"}]}""");

        Assert.Equal(12, Estimator.Estimate(request, null, "some-new-model")); // ⌈9 × 1.25⌉
    }

    [Fact]
    public void Estimate_Images_TheModelsAllowanceEachUnscaled()
    {
        const string Image = """{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}""";
        var request = Request($$"""{"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"hello world"},{{Image}},{{Image}}]}]}""");

        Assert.Equal(2, request.ImageCount);
        Assert.Equal(9 + (2 * 1105), Estimator.Estimate(request, "gpt-4o", "gpt-4o"));
        Assert.Equal(9 + (2 * 36_835), Estimator.Estimate(request, "gpt-4o-mini", "gpt-4o-mini"));
        Assert.Equal(12 + (2 * 1600), Estimator.Estimate(request, "claude-sonnet-4.5", "claude-sonnet-4-5-20250929"));
    }

    [Fact]
    public void Estimate_ConfiguredFactorsAndAllowances_OverrideAndExtendTheDefaults()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Billing:TokenFactors:claude"] = "2",
            ["Billing:TokenFactors:acme-"] = "1.5",
            ["Billing:DefaultTokenFactor"] = "3",
            ["Billing:ImageTokens:acme-"] = "100",
        }).Build();
        var options = configuration.GetSection(PromptEstimationOptions.SectionName).Get<PromptEstimationOptions>()!;
        var estimator = new PromptTokenEstimator(Options.Create(options));
        var request = Request("""{"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"hello world"},{"type":"image_url","image_url":{"url":"https://x/y.png"}}]}]}""");

        Assert.Equal(18 + 1600, estimator.Estimate(request, null, "claude-sonnet-4-5"));
        Assert.Equal(14 + 100, estimator.Estimate(request, null, "acme-large"));
        Assert.Equal(27 + 1105, estimator.Estimate(request, null, "unknown"));
        Assert.Equal(1.15, estimator.RuleFor(null, "llama-4-scout").Factor);
    }

    [Theory]
    [InlineData("Billing:DefaultTokenFactor", "0.2")]
    [InlineData("Billing:TokenFactors:claude", "9")]
    [InlineData("Billing:ImageTokens:claude", "-1")]
    public void Validate_OutOfRangeSetting_Refused(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        var options = configuration.GetSection(PromptEstimationOptions.SectionName).Get<PromptEstimationOptions>() ?? new PromptEstimationOptions();

        var result = new PromptEstimationOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Defaults_Pass() =>
        Assert.True(new PromptEstimationOptionsValidator().Validate(null, new PromptEstimationOptions()).Succeeded);

    [Fact]
    public async Task Estimate_ConcurrentCallers_SameCountsAsOneCaller()
    {
        var text = string.Join(' ', Enumerable.Range(0, 300).Select(i => $"word{i} naïve café {i * 7}"));
        var request = Request($$"""{"model":"m","messages":[{"role":"user","content":{{System.Text.Json.JsonSerializer.Serialize(text)}}}]}""");
        var expected = new PromptTokenEstimator(Options.Create(new PromptEstimationOptions())).Estimate(request, "gpt-4o", "gpt-4o");
        var shared = new PromptTokenEstimator(Options.Create(new PromptEstimationOptions()));

        var counts = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
            Enumerable.Range(0, 20).Select(_ => shared.Estimate(request, "gpt-4o", "gpt-4o")).ToArray(), TestContext.Current.CancellationToken)));

        Assert.All(counts.SelectMany(c => c), count => Assert.Equal(expected, count));
    }

    [Fact]
    public void Estimate_LongTextsSeenBefore_SameCountFromTheCache()
    {
        var text = string.Join(' ', Enumerable.Range(0, 100).Select(i => $"turn {i} お誕生日おめでとう 你好世界"));
        var request = Request($$"""{"model":"m","messages":[{"role":"user","content":{{System.Text.Json.JsonSerializer.Serialize(text)}}},{"role":"user","content":"short"}]}""");
        var uncached = new PromptTokenEstimator(Options.Create(new PromptEstimationOptions()), cachedTexts: 0);
        var cached = new PromptTokenEstimator(Options.Create(new PromptEstimationOptions()), cachedTexts: 1);

        var expected = uncached.Estimate(request, "gpt-4o", "gpt-4o");

        Assert.True(text.Length > TokenCountCache.MinLength);
        Assert.NotEqual(expected, uncached.Estimate(request, null, "gpt-4"));
        Assert.Equal([expected, expected, expected], [cached.Estimate(request, "gpt-4o", "gpt-4o"), cached.Estimate(request, "gpt-4o", "gpt-4o"), cached.Estimate(request, "gpt-4o", "gpt-4o")]);
        Assert.Equal(uncached.Estimate(request, null, "gpt-4"), cached.Estimate(request, null, "gpt-4")); // cl100k's count is kept apart
    }

    [Fact]
    public void Count_CacheFull_StartsOverAndStillCountsRight()
    {
        var tokenizer = TiktokenTokenizer.CreateForEncoding("o200k_base");
        var cache = new TokenCountCache(capacity: 2);
        var texts = Enumerable.Range(0, 5).Select(i => new string('a', TokenCountCache.MinLength) + $" text number {i}").ToArray();

        var counts = texts.Concat(texts).Select(text => cache.Count(tokenizer, OpenAIEncoding.O200kBase, text));

        Assert.Equal(texts.Concat(texts).Select(text => tokenizer.CountTokens(text)), counts);
    }

    private static ChatRequest Request(string json)
    {
        var (request, error) = ChatRequestReader.Parse(Encoding.UTF8.GetBytes(json));
        Assert.Null(error);
        return request!;
    }
}
